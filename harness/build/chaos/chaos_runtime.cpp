// The schedule-chaos runtime, linked into every test binary the grader builds.
//
// The linker's --wrap (see harness/build/chaos_runtime.h for the list) sends every call that the
// student's, the glue's and the driver's objects make to a mutex, condition-variable or
// thread-creation function through the __wrap_ functions below, which may yield or sleep a
// few microseconds before or after calling the real function. That widens the windows in
// which a missing lock, a lost wake-up or a check-then-act bug shows. It works in release
// and in ThreadSanitizer builds alike: TSan intercepts the real functions, which the
// wrappers call through __real_.
//
// GRADER_CHAOS: unset or "0": off (the wrappers only forward). "1": on.
// GRADER_CHAOS_STATS: when set, the process prints at exit, on stderr, how many calls were
// perturbed and a hash of the choices made ("grader-chaos: yields=Y sleeps=S choices=H"),
// so tests can check that chaos acts and that a seed replays its choices.
// GRADER_SEED: seeds the choices. Each thread draws from its own generator, seeded by the
// seed and the order in which threads first reach a wrapper, so a seed replays the same
// choices for the same interleaving of thread starts.
//
// This file is compiled by the grader with the test's flavor; it must not depend on
// anything but libc and the pthread ABI.
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

namespace {

struct Config {
  bool on = false;
  uint64_t seed = 0;
};

// Read once, by whichever thread gets here first. A function-local static is initialised
// under the C++ runtime's guard, which ThreadSanitizer understands: a hand-rolled "benign"
// race here would be reported against the student.
const Config& GetConfig() {
  static const Config config = [] {
    Config c;
    const char* chaos = getenv("GRADER_CHAOS");
    const char* seed = getenv("GRADER_SEED");
    c.on = chaos && chaos[0] && chaos[0] != '0';
    c.seed = seed ? strtoull(seed, nullptr, 10) : 0;
    return c;
  }();
  return config;
}

unsigned g_thread_count = 0;  // updated with __atomic builtins
// Statistics for GRADER_CHAOS_STATS, updated with __atomic builtins.
uint64_t g_yields = 0;
uint64_t g_sleeps = 0;
uint64_t g_choices = 0;  // sum of a hash of every draw: independent of thread interleaving

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct ThreadState {
  uint64_t state = 0;
  bool seeded = false;
  bool busy = false;  // a wrapper of this thread is perturbing: no nested perturbation
};
thread_local ThreadState t_state;

uint64_t Next() {
  if (!t_state.seeded) {
    const unsigned index = __atomic_fetch_add(&g_thread_count, 1, __ATOMIC_RELAXED);
    t_state.state = SplitMix(GetConfig().seed ^ SplitMix(index + 1));
    t_state.seeded = true;
  }
  t_state.state = SplitMix(t_state.state);
  return t_state.state;
}

void SleepMicros(unsigned micros) {
  timespec pause{0, static_cast<long>(micros) * 1000};
  nanosleep(&pause, nullptr);
}

// One perturbation point. `weight` scales how often it acts: 1 at ordinary points, more
// where a thread has just been created or a waiter just notified.
void Perturb(unsigned weight) {
  if (!GetConfig().on || t_state.busy) return;
  t_state.busy = true;
  const uint64_t draw = Next();
  const unsigned roll = static_cast<unsigned>(draw % 256);
  __atomic_fetch_add(&g_choices, SplitMix(draw), __ATOMIC_RELAXED);
  if (roll < 24 * weight) {
    __atomic_fetch_add(&g_yields, 1, __ATOMIC_RELAXED);
    sched_yield();
  } else if (roll < 30 * weight) {
    __atomic_fetch_add(&g_sleeps, 1, __ATOMIC_RELAXED);
    SleepMicros(1 + static_cast<unsigned>((draw >> 8) % 100));
  }
  t_state.busy = false;
}

// Formats an unsigned number into `out`; returns the characters written.
int FormatNumber(uint64_t value, char* out) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = 0; i < count; ++i) out[i] = digits[count - 1 - i];
  return count;
}

__attribute__((destructor)) void PrintStats() {
  if (getenv("GRADER_CHAOS_STATS") == nullptr) return;
  char line[128];
  int length = 0;
  const struct {
    const char* label;
    uint64_t value;
  } fields[] = {{"grader-chaos: yields=", __atomic_load_n(&g_yields, __ATOMIC_RELAXED)},
                {" sleeps=", __atomic_load_n(&g_sleeps, __ATOMIC_RELAXED)},
                {" choices=", __atomic_load_n(&g_choices, __ATOMIC_RELAXED)}};
  for (const auto& field : fields) {
    for (const char* c = field.label; *c; ++c) line[length++] = *c;
    length += FormatNumber(field.value, line + length);
  }
  line[length++] = '\n';
  (void)!write(2, line, static_cast<size_t>(length));
}

}  // namespace

extern "C" {

int __real_pthread_mutex_lock(pthread_mutex_t*);
int __real_pthread_mutex_trylock(pthread_mutex_t*);
int __real_pthread_mutex_unlock(pthread_mutex_t*);
int __real_pthread_rwlock_rdlock(pthread_rwlock_t*);
int __real_pthread_rwlock_wrlock(pthread_rwlock_t*);
int __real_pthread_rwlock_unlock(pthread_rwlock_t*);
int __real_pthread_cond_timedwait(pthread_cond_t*, pthread_mutex_t*, const timespec*);
int __real_pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*, clockid_t,
                                  const timespec*);
int __real_pthread_create(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

int __wrap_pthread_mutex_lock(pthread_mutex_t* mutex) {
  Perturb(1);
  return __real_pthread_mutex_lock(mutex);
}
int __wrap_pthread_mutex_trylock(pthread_mutex_t* mutex) {
  Perturb(1);
  return __real_pthread_mutex_trylock(mutex);
}
int __wrap_pthread_mutex_unlock(pthread_mutex_t* mutex) {
  const int result = __real_pthread_mutex_unlock(mutex);
  Perturb(1);
  return result;
}
int __wrap_pthread_rwlock_rdlock(pthread_rwlock_t* lock) {
  Perturb(1);
  return __real_pthread_rwlock_rdlock(lock);
}
int __wrap_pthread_rwlock_wrlock(pthread_rwlock_t* lock) {
  Perturb(1);
  return __real_pthread_rwlock_wrlock(lock);
}
int __wrap_pthread_rwlock_unlock(pthread_rwlock_t* lock) {
  const int result = __real_pthread_rwlock_unlock(lock);
  Perturb(1);
  return result;
}
int __wrap_pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex,
                                  const timespec* deadline) {
  Perturb(1);
  return __real_pthread_cond_timedwait(cond, mutex, deadline);
}
int __wrap_pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mutex,
                                  clockid_t clock, const timespec* deadline) {
  Perturb(1);
  return __real_pthread_cond_clockwait(cond, mutex, clock, deadline);
}
int __wrap_pthread_create(pthread_t* thread, const pthread_attr_t* attr,
                          void* (*start)(void*), void* arg) {
  const int result = __real_pthread_create(thread, attr, start, arg);
  Perturb(4);
  return result;
}

// libstdc++ out-of-line members, by their mangled names:
//   std::condition_variable::wait(std::unique_lock<std::mutex>&)
//   std::condition_variable::notify_one() / notify_all()
//   std::thread::_M_start_thread(std::unique_ptr<_State>, void (*)())
void __real__ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(void*, void*);
void __real__ZNSt18condition_variable10notify_oneEv(void*);
void __real__ZNSt18condition_variable10notify_allEv(void*);
void __real__ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE(
    void*, void*, void (*)());

void __wrap__ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(void* cv, void* lock) {
  Perturb(1);
  __real__ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(cv, lock);
}
void __wrap__ZNSt18condition_variable10notify_oneEv(void* cv) {
  __real__ZNSt18condition_variable10notify_oneEv(cv);
  Perturb(2);
}
void __wrap__ZNSt18condition_variable10notify_allEv(void* cv) {
  __real__ZNSt18condition_variable10notify_allEv(cv);
  Perturb(2);
}
// The unique_ptr argument is passed by invisible reference (it is not trivially
// copyable), so the wrapper forwards the same pointer.
void __wrap__ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE(
    void* self, void* state, void (*depend)()) {
  __real__ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE(
      self, state, depend);
  Perturb(4);
}

}  // extern "C"
