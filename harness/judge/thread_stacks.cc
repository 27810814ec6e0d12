#include "judge/thread_stacks.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <iterator>
#include <utility>

namespace grader {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool StartsWithAny(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view prefix) { return StartsWith(text, prefix); });
}

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// A number made of every character of `text`, or -1.
int ParseNumber(std::string_view text) {
  int value = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : -1;
}

// `text` without a last parenthesised group ("f (...)" -> "f", "g() ()" -> "g()"),
// unchanged when it does not end with one or its parentheses do not balance.
std::string_view WithoutTrailingGroup(std::string_view text) {
  if (text.empty() || text.back() != ')') return text;
  int depth = 0;
  for (std::size_t at = text.size(); at-- > 0;) {
    if (text[at] == ')') ++depth;
    if (text[at] == '(' && --depth == 0) return TrimRight(text.substr(0, at));
  }
  return text;
}

// "Thread 2 (Thread 0x7f.. (LWP 17730) "name"):", also without libthread_db
// ("Thread 1 (LWP 17730 "name"):", "Thread 1 (process 17730):").
bool ParseThreadHeader(std::string_view line, ThreadStack& thread) {
  if (!StartsWith(line, "Thread ") || line.size() < 10 || line.substr(line.size() - 2) != "):") {
    return false;
  }
  const std::size_t open = line.find(" (", 7);
  if (open == std::string_view::npos) return false;
  thread.number = ParseNumber(line.substr(7, open - 7));
  if (thread.number < 0) return false;
  const std::string_view inside = line.substr(open + 2, line.size() - open - 4);
  for (std::string_view tag : {"LWP ", "process "}) {
    const std::size_t at = inside.find(tag);
    if (at == std::string_view::npos) continue;
    std::string_view digits = inside.substr(at + tag.size());
    digits = digits.substr(0, digits.find_first_not_of("0123456789"));
    thread.lwp = std::max(0, ParseNumber(digits));
    break;
  }
  const std::size_t first_quote = inside.find('"');
  if (first_quote != std::string_view::npos && inside.back() == '"' &&
      first_quote + 1 < inside.size()) {
    thread.name = inside.substr(first_quote + 1, inside.size() - first_quote - 2);
  }
  return true;
}

// "#3  0x00007f.. in ___pthread_mutex_lock (mutex=...) at ./nptl/pthread_mutex_lock.c:93",
// "#5  std::thread::join() () from /lib/x86_64-linux-gnu/libstdc++.so.6", "#2  <signal
// handler called>".
bool ParseFrame(std::string_view line, StackFrame& frame) {
  if (line.size() < 3 || line[0] != '#') return false;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos || ParseNumber(line.substr(1, space - 1)) < 0) {
    return false;
  }
  const std::size_t start = line.find_first_not_of(' ', space);
  if (start == std::string_view::npos) return false;
  std::string_view body = line.substr(start);
  if (StartsWith(body, "0x")) {
    const std::size_t in = body.find(" in ");
    if (in == std::string_view::npos) return false;
    body.remove_prefix(in + 4);
  }
  const std::size_t at = body.rfind(" at ");
  if (at != std::string_view::npos) {
    const std::string_view location = body.substr(at + 4);
    const std::size_t colon = location.rfind(':');
    const int number = colon == std::string_view::npos ? -1
                                                        : ParseNumber(location.substr(colon + 1));
    if (number >= 0 && colon > 0) {
      frame.file = location.substr(0, colon);
      frame.line = number;
      body = body.substr(0, at);
    }
  }
  if (frame.file.empty()) {
    const std::size_t from = body.rfind(" from ");
    if (from != std::string_view::npos && from > 0 && body[from - 1] == ')') {
      body = body.substr(0, from);
    }
  }
  frame.function = std::string(StartsWith(body, "<") ? body : WithoutTrailingGroup(body));
  return !frame.function.empty();
}

// `function` as the C library names its entry point: "___pthread_mutex_lock",
// "__GI___lll_lock_wait", "__interceptor_pthread_mutex_lock" (ThreadSanitizer) and
// "__wrap_pthread_mutex_lock" (the chaos runtime) all lead to one name.
std::string_view BareName(std::string_view function) {
  function = function.substr(0, std::min(function.find('('), function.find('@')));
  for (bool again = true; again;) {
    again = false;
    for (std::string_view prefix : {"__interceptor_", "__wrap_", "__real_", "__GI_", "__libc_",
                                    "_"}) {
      if (StartsWith(function, prefix)) {
        function.remove_prefix(prefix.size());
        again = true;
        break;
      }
    }
  }
  return function;
}

// Calls in which a thread waits for something outside itself, by BareName. A thread goes
// through several on the way down (pthread_mutex_lock, __lll_lock_wait, futex_wait): the
// outermost names it.
constexpr std::string_view kBlockingCalls[] = {
    "pthread_mutex_lock", "pthread_mutex_timedlock", "pthread_mutex_clocklock",
    "pthread_cond_wait", "pthread_cond_timedwait", "pthread_cond_clockwait", "pthread_spin_lock",
    "pthread_barrier_wait", "pthread_join", "sem_wait", "sem_timedwait", "sem_clockwait",
    "nanosleep", "usleep", "sleep", "sched_yield", "pause", "sigsuspend", "sigtimedwait",
    "sigwait", "read", "write", "poll", "ppoll", "select", "epoll_wait", "accept", "waitpid",
    "wait4", "wait"};

// Families of blocking calls: a name that starts with the first is told as the second (as
// itself when that is empty).
constexpr std::pair<std::string_view, std::string_view> kBlockingFamilies[] = {
    {"pthread_rwlock_", ""},          {"pthread_clockjoin", "pthread_join"},
    {"pthread_timedjoin", "pthread_join"}, {"clock_nanosleep", "nanosleep"},
    {"recv", ""},                     {"lll_lock_wait", "__lll_lock_wait"},
    {"futex_", "futex_wait"}};

// The same in the C++ library, for stacks without the C library's debug information, where
// the C library's frames are nameless ("?? () from libc.so.6") but libstdc++'s exported
// functions still have their names.
constexpr std::pair<std::string_view, std::string_view> kStdBlockingFamilies[] = {
    {"std::thread::join", "std::thread::join"},
    {"std::condition_variable::wait", "std::condition_variable::wait"},
    {"std::__atomic_futex_unsigned_base::_M_futex_wait", "std::future::wait"}};

// What a student is told `function` waits in, or "" when it is no blocking call of these.
template <std::size_t N>
std::string BlockingCallName(std::string_view function,
                             const std::pair<std::string_view, std::string_view> (&families)[N],
                             bool exact_calls) {
  const std::string_view bare = BareName(function);
  if (exact_calls && std::find(std::begin(kBlockingCalls), std::end(kBlockingCalls), bare) !=
                         std::end(kBlockingCalls)) {
    return std::string(bare);
  }
  for (const auto& [prefix, name] : families) {
    if (StartsWith(bare, prefix)) return std::string(name.empty() ? bare : name);
  }
  return "";
}

// A sanitizer's own C++ code, which runs its helper threads.
bool IsSanitizerRuntime(std::string_view function) {
  return StartsWithAny(function, {"__tsan::", "__asan::", "__lsan::", "__sanitizer::"});
}

// Code a sanitizer inserted or calls on each access ("__tsan_read8", "__tsan::MemoryAccess"),
// also its internals, known by their source files when its debug information is installed.
bool IsInstrumentation(const StackFrame& frame) {
  return StartsWithAny(frame.function, {"__tsan", "__asan", "__ubsan", "__lsan", "__msan",
                                        "__sanitizer"}) ||
         frame.file.find("/libsanitizer/") != std::string::npos;
}

bool IsStandardLibrary(std::string_view function) {
  return StartsWithAny(function, {"std::", "__gnu_cxx::", "__gthread_", "__cxx"});
}

}  // namespace

std::vector<ThreadStack> ParseGdbBacktraces(std::string_view text) {
  std::vector<ThreadStack> threads;
  ThreadStack* current = nullptr;
  // A last line without its newline was cut off by an output cap: not to be trusted.
  if (!text.empty() && text.back() != '\n') text = text.substr(0, text.rfind('\n') + 1);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = TrimRight(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ThreadStack header;
    StackFrame frame;
    if (ParseThreadHeader(line, header)) {
      threads.push_back(std::move(header));
      current = &threads.back();
    } else if (ParseFrame(line, frame)) {
      if (current == nullptr) {  // a lone `bt`, without `thread apply all`
        threads.emplace_back();
        current = &threads.back();
      }
      current->frames.push_back(std::move(frame));
    }
  }
  std::stable_sort(threads.begin(), threads.end(),
                   [](const ThreadStack& a, const ThreadStack& b) { return a.number < b.number; });
  return threads;
}

std::vector<std::size_t> StudentFrameIndices(const ThreadStack& thread,
                                             const std::vector<std::string>& student_files,
                                             const std::string& workspace_inside) {
  std::vector<std::size_t> indices;
  for (std::size_t index = 0; index < thread.frames.size(); ++index) {
    const std::string& file = thread.frames[index].file;
    if (file.empty()) continue;
    if (file[0] == '/' && !StartsWith(file, workspace_inside + "/")) continue;
    const std::string relative = WorkspaceRelative(file, workspace_inside);
    if (std::find(student_files.begin(), student_files.end(), relative) !=
        student_files.end()) {
      indices.push_back(index);
    }
  }
  return indices;
}

ThreadActivity ActivityOf(const ThreadStack& thread, std::size_t first_student_frame) {
  ThreadActivity activity;
  const std::size_t end = std::min(first_student_frame, thread.frames.size());
  std::size_t blocking = end;
  for (std::size_t index = 0; index < end; ++index) {
    std::string name = BlockingCallName(thread.frames[index].function, kBlockingFamilies, true);
    if (name.empty()) continue;
    activity.function = std::move(name);
    blocking = index;
  }
  for (std::size_t index = 0; index < end && activity.function.empty(); ++index) {
    activity.function = BlockingCallName(thread.frames[index].function, kStdBlockingFamilies,
                                         false);
    blocking = index;
  }
  if (activity.function.empty()) {
    // ThreadSanitizer's checks of each access are part of the student's loop.
    while (activity.frame + 1 < thread.frames.size() &&
           IsInstrumentation(thread.frames[activity.frame])) {
      ++activity.frame;
    }
    if (!thread.frames.empty()) {
      activity.function = ShortFunctionName(thread.frames[activity.frame].function);
    }
    return activity;
  }
  activity.blocked = true;
  activity.frame = blocking;
  for (std::size_t index = blocking + 1; index < end; ++index) {
    const std::string& function = thread.frames[index].function;
    if (!IsStandardLibrary(function)) break;
    if (StartsWith(function, "std::")) activity.via = ShortFunctionName(function);
  }
  return activity;
}

std::string ShortFunctionName(std::string_view function) {
  function = TrimRight(function);
  for (std::string_view qualifier : {" const", " volatile", " &&", " &"}) {
    if (function.size() > qualifier.size() &&
        function.substr(function.size() - qualifier.size()) == qualifier) {
      function.remove_suffix(qualifier.size());
    }
  }
  const std::string_view name = WithoutTrailingGroup(function);
  // "Task::operator()" is a name, not a call: its parentheses stay.
  const bool call_operator = name.size() >= 8 && name.substr(name.size() - 8) == "operator";
  return std::string(call_operator ? function : name);
}

bool IsRuntimeThread(const ThreadStack& thread) {
  bool runtime = false;
  for (const StackFrame& frame : thread.frames) {
    if (IsSanitizerRuntime(frame.function)) {
      runtime = true;
    } else if (frame.function != "start_thread" && !StartsWith(frame.function, "clone") &&
               frame.function != "??") {
      return false;
    }
  }
  return runtime;
}

}  // namespace grader
