// A watchdog: if the consumer is still waiting after a second, SIGALRM's handler reports it.
// The handler builds its message with std::string, which allocates inside a signal handler.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "blocking_queue.hpp"

BlockingQueue queue;
int waiting_consumers = 0;

void OnAlarm(int) {
  std::string message = "watchdog: still waiting after 1 s, consumers waiting: " +
                        std::to_string(waiting_consumers) + "\n";
  write(STDERR_FILENO, message.data(), message.size());
  std::_Exit(3);
}

int main() {
  signal(SIGALRM, OnAlarm);
  alarm(1);
  waiting_consumers = 1;
  std::thread consumer([] { queue.Pop(); });  // nobody pushes
  consumer.join();
}
