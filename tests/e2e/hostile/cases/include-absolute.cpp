// Includes the hidden reference solution by its absolute path.
#include "@ROOT@/reference/counter/counter.hpp"
int main() {}
