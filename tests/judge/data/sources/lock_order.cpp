// Takes two mutexes in both orders, one after the other: no hang, but a potential deadlock.
#include <mutex>
#include <thread>

std::mutex first;
std::mutex second;

void Forward() {
  std::lock_guard a(first);
  std::lock_guard b(second);
}

void Backward() {
  std::lock_guard b(second);
  std::lock_guard a(first);
}

int main() {
  std::thread(Forward).join();
  std::thread(Backward).join();
}
