// Tries to read what it must not: the machine's password hashes, the hidden driver, the
// reference solutions, another submission. Prints "done" when none can be opened.
#include <cstdio>
int main() {
  const char* secrets[] = {"/etc/shadow", "@ROOT@/specs/counter/driver/counter_test.cpp",
                           "@ROOT@/reference/counter/counter.hpp",
                           "../../../../../../@ROOT@/reference/counter/counter.hpp",
                           "@ROOT@/examples/alice/counter/counter.hpp", "/root/.bash_history"};
  bool leaked = false;
  for (const char* path : secrets) {
    if (std::FILE* f = std::fopen(path, "r")) {
      std::printf("READ %s\n", path);
      leaked = true;
      std::fclose(f);
    }
  }
  if (!leaked) std::puts("done");
}
