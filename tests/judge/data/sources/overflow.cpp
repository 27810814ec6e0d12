// Adds one to the largest int.
#include <climits>
#include <cstdio>
#include <cstdlib>

[[gnu::noinline]] int Add(int a, int b) { return a + b; }

int main(int argc, char**) {
  std::printf("%d\n", Add(INT_MAX, argc));
}
