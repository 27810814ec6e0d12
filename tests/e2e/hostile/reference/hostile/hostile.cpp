// Prints what the hostile exercise expects: a harmless program.
#include <cstdio>
int main() { std::puts("done"); }
