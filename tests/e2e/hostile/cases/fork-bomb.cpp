// Forks without end: every process forks again.
#include <unistd.h>
int main() {
  for (;;) fork();
}
