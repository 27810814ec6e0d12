// Fills the disk with 1 MiB files (each under the per-file limit) in its working folder.
#include <cstdio>
#include <string>
#include <vector>
int main() {
  const std::vector<char> block(1 << 20, 'x');
  for (int i = 0; i < 1000; ++i) {
    std::FILE* f = std::fopen(("fill-" + std::to_string(i)).c_str(), "w");
    if (f == nullptr) return 1;
    std::fwrite(block.data(), 1, block.size(), f);
    std::fclose(f);
  }
  std::puts("done");
}
