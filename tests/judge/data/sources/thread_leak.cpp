// Starts four pool workers and stops them without joining: ThreadSanitizer reports the
// finished, never joined threads at exit.
#include <unistd.h>

#include "worker_pool.hpp"

int main() {
  WorkerPool pool(4);
  usleep(100 * 1000);  // let every worker start
  pool.Stop();
  usleep(200 * 1000);  // let every worker finish
}
