#include "judge/hang_evidence.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "judge/source_quote.h"
#include "judge/thread_stacks.h"

namespace grader {
namespace {

// Enough for any exercise's threads; a program that starts thousands is summed up by these.
constexpr std::size_t kMaxThreads = 64;
// The innermost frames in the student's files that a thread's summary shows: where it is,
// and the calls that led there (a lock held by a caller).
constexpr std::size_t kMaxStudentFrames = 3;

struct ThreadView {
  const ThreadStack* thread;
  std::vector<std::size_t> own;  // indices of the student's frames
  ThreadActivity activity;
  std::string label;  // "2", or "2 of process 41" when the run had several
};

// What a student reads of one thread after "thread 2 waits in" or "thread 2 runs": the
// call it waits in or the function it computes in, and its frames in their files, the
// innermost quoted with a line either side, its callers by their line alone.
std::string DescribeThread(const ThreadView& view, const JudgeContext& context) {
  const ThreadActivity& activity = view.activity;
  // A loop in the student's own code is named by the frame below.
  std::string text = !activity.blocked && !view.own.empty() && view.own[0] == activity.frame
                         ? ", not waiting"
                         : " " + activity.function;
  if (!activity.via.empty()) text += fmt::format(" (via {})", activity.via);
  if (view.own.empty()) text += ", not in your code";
  for (std::size_t i = 0; i < view.own.size() && i < kMaxStudentFrames; ++i) {
    const StackFrame& frame = view.thread->frames[view.own[i]];
    const std::string file = WorkspaceRelative(frame.file, context.workspace_inside);
    text += fmt::format("\n  {} {} at {}:{}", i == 0 ? "in" : "called from",
                        ShortFunctionName(frame.function), file, frame.line);
    std::string quote = QuoteLines(context.workspace_root / file, frame.line, i == 0 ? 1 : 0);
    if (!quote.empty() && quote.back() == '\n') quote.pop_back();
    if (!quote.empty()) text += "\n" + quote;
  }
  return text;
}

// "thread 2 waits in pthread_mutex_lock at counter.hpp:12 in Counter::increment, called from
// counter.hpp:30 in Counter::add_twice" (its innermost frame in the student's files and that
// frame's caller there: a lock the caller holds is how a self-deadlock shows), or for a
// thread that computes, "thread 2 runs Counter::increment at counter.hpp:9".
std::string Where(const ThreadView& view, const JudgeContext& context) {
  auto place = [&](std::size_t index) {
    const StackFrame& frame = view.thread->frames[view.own[index]];
    return fmt::format("{}:{} in {}", WorkspaceRelative(frame.file, context.workspace_inside),
                       frame.line, ShortFunctionName(frame.function));
  };
  const StackFrame& frame = view.thread->frames[view.own.front()];
  if (view.activity.blocked) {
    std::string text =
        fmt::format("thread {} waits in {} at {}", view.label, view.activity.function, place(0));
    if (view.own.size() > 1) text += ", called from " + place(1);
    return text;
  }
  return fmt::format("thread {} runs {} at {}:{}", view.label, ShortFunctionName(frame.function),
                     WorkspaceRelative(frame.file, context.workspace_inside), frame.line);
}

// How well a thread explains the verdict, best first: for a deadlock one that waits for a
// lock or a condition (waiting to join them only follows from that), for a time-limit one
// that computes.
int Relevance(const ThreadActivity& activity, Verdict verdict) {
  const bool joins =
      activity.function == "pthread_join" || activity.function == "std::thread::join";
  if (verdict == Verdict::kDeadlock) return activity.blocked ? (joins ? 1 : 0) : 2;
  return activity.blocked ? (joins ? 2 : 1) : 0;
}

nlohmann::json ThreadJson(const ThreadView& view, int pid, const JudgeContext& context) {
  const ThreadStack& thread = *view.thread;
  nlohmann::json entry = {{"pid", pid},
                          {"thread", thread.number},
                          {"lwp", thread.lwp},
                          {"name", thread.name},
                          {"waiting_in", view.activity.function},
                          {"blocked", view.activity.blocked},
                          {"via", view.activity.via},
                          {"frames", nlohmann::json::array()}};
  for (const StackFrame& frame : thread.frames) {
    entry["frames"].push_back(FrameJson(frame, context.workspace_inside));
  }
  if (!view.own.empty()) {
    entry["student_frame"] = FrameJson(thread.frames[view.own.front()], context.workspace_inside);
  }
  return entry;
}

}  // namespace

void AddThreadStacks(const StackDump& dump, const JudgeContext& context,
                     RunJudgement& judgement) {
  if (!dump.attempted) return;
  // The details show the student's own code and library calls; the hidden driver's frames
  // are only in the JSON evidence, as with sanitizer findings.
  judgement.details_public = true;
  judgement.evidence["stack_dump"] = {
      {"available", dump.Available()}, {"problem", dump.problem}, {"ms", dump.elapsed.count()}};
  if (!dump.Available()) {
    judgement.details = fmt::format("Thread stacks are not available: {}.\n", dump.problem);
    return;
  }
  nlohmann::json threads = nlohmann::json::array();
  struct Place {
    bool blocked;
    std::string text;  // DescribeThread
    std::vector<std::string> labels;
  };
  std::vector<Place> places;
  std::string where[3];  // the first thread in the student's code, by Relevance
  std::size_t shown = 0;
  for (const ProcessStacks& process : dump.processes) {
    // Parsed per process: the views point into these stacks.
    const std::vector<ThreadStack> stacks = ParseGdbBacktraces(process.gdb_output);
    for (const ThreadStack& thread : stacks) {
      if (IsRuntimeThread(thread)) continue;
      if (++shown > kMaxThreads) break;
      ThreadView view{&thread, StudentFrameIndices(thread, context.student_files,
                                                   context.workspace_inside),
                      {}, std::to_string(thread.number)};
      view.activity = ActivityOf(thread, view.own.empty() ? thread.frames.size() : view.own[0]);
      if (dump.processes.size() > 1) view.label += fmt::format(" of process {}", process.pid);
      std::string& first = where[Relevance(view.activity, judgement.verdict)];
      if (!view.own.empty() && first.empty()) first = Where(view, context);
      Place here{view.activity.blocked, DescribeThread(view, context), {}};
      auto place = std::find_if(places.begin(), places.end(), [&](const Place& known) {
        return known.blocked == here.blocked && known.text == here.text;
      });
      if (place == places.end()) place = places.insert(places.end(), std::move(here));
      place->labels.push_back(view.label);
      threads.push_back(ThreadJson(view, process.pid, context));
    }
  }
  judgement.evidence["thread_stacks"] = std::move(threads);
  judgement.details = "Where each thread was when the run was stopped:\n";
  for (const Place& place : places) {
    const bool many = place.labels.size() > 1;
    judgement.details += fmt::format("{} {}: {}{}\n", many ? "threads" : "thread",
                                     fmt::join(place.labels, ", "),
                                     place.blocked ? (many ? "wait in" : "waits in")
                                                   : (many ? "run" : "runs"),
                                     place.text);
  }
  if (shown > kMaxThreads) {
    judgement.details += fmt::format("(only the first {} threads are shown)\n", kMaxThreads);
  }
  if (!dump.problem.empty()) judgement.details += fmt::format("({})\n", dump.problem);
  for (const std::string& first : where) {
    if (first.empty()) continue;
    judgement.message += "; " + first;
    break;
  }
}

}  // namespace grader
