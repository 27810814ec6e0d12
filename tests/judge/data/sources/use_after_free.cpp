// Reads an int through a pointer to freed memory.
#include <cstdio>

[[gnu::noinline]] int Read(const int* p) { return *p; }

int main() {
  int* p = new int(42);
  delete p;
  std::printf("%d\n", Read(p));
}
