// Tries to change files outside its workspace: a canary the test made on the host, system
// folders, and the workspace's parent. Prints "done" when every attempt failed.
#include <cstdio>
#include <unistd.h>
int main() {
  const char* targets[] = {"@CANARY@/canary.txt", "@CANARY@/new-file", "/usr/hostile",
                           "/etc/hostile", "../hostile-escape", "@ROOT@/hostile-escape"};
  bool changed = false;
  for (const char* path : targets) {
    if (std::FILE* f = std::fopen(path, "w")) {
      std::fputs("owned\n", f);
      changed |= std::fclose(f) == 0;
      std::printf("WROTE %s\n", path);
    }
  }
  if (unlink("@CANARY@/canary.txt") == 0) std::puts("REMOVED canary");
  if (!changed) std::puts("done");
}
