// Allocates and touches 1 GiB, 16 MiB at a time.
#include <cstdio>
#include <cstdlib>
#include <cstring>
int main() {
  for (int i = 0; i < 64; ++i) {
    char* block = static_cast<char*>(std::malloc(16 << 20));
    if (block == nullptr) return 1;
    std::memset(block, i + 1, 16 << 20);
  }
  std::puts("done");
}
