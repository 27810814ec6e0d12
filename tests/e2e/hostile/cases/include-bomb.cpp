// Includes an endless file.
#include "/dev/zero"
int main() {}
