// The main() of every test program of an API exercise, linked in place of gtest_main.
//
// It runs the driver's GoogleTest tests and reports their results to the harness through
// the result channel: a pipe on descriptor GRADER_RESULT_FD that the harness reads, never a
// file in the workspace and never stdout, both of which the student's code can write. The
// report is framed by GRADER_RESULT_TOKEN, a random value the harness makes per run, so
// bytes the student's code writes into the pipe cannot pass for a report; and it is written
// only after RUN_ALL_TESTS() returns in the process that started, so a submission that
// calls exit(0) or _exit(0) early, closes descriptors, kills its parent or forks produces no
// report, which the harness judges a runtime error, never a pass.
//
// Both variables are taken out of the environment by a constructor that runs before any
// other code of the program, the student's static initialisers included. The token stays in
// this process's memory, where code running in the same process could in principle search
// for it; that is the residual risk of running the driver and the submission in one
// process, and no shortcut (a file, a printed line, an exit status) leads past it.
//
// The report is GoogleTest's JSON shape, reduced:
//   {"testsuites":[{"name":S,"testsuite":[{"name":T,"status":"RUN",
//                                          "failures":[{"failure":"file:line\nmessage"}],
//                                          "attachments":[{"name":N,"text":T}]}]}]}
// framed as  <token>\n<json>\n<token>\n.
#include <gtest/gtest.h>
#include <grader_driver.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

int result_fd = -1;
std::string* result_token = nullptr;
pid_t main_pid = 0;

// Priority 101 is the first one open to programs: it runs before the constructors of other
// translation units, whatever the link order.
__attribute__((constructor(101))) void TakeResultChannel() {
  main_pid = getpid();
  const char* fd = getenv("GRADER_RESULT_FD");
  const char* token = getenv("GRADER_RESULT_TOKEN");
  if (fd != nullptr && token != nullptr) {
    result_fd = atoi(fd);
    result_token = new std::string(token);
    // Children the submission starts must not inherit the channel.
    fcntl(result_fd, F_SETFD, FD_CLOEXEC);
    // getenv() points into the environment block the kernel set up, which
    // /proc/self/environ shows for the life of the process: unsetenv() alone would leave
    // the token readable there.
    for (char* c = const_cast<char*>(token); *c != '\0'; ++c) *c = '0';
  }
  unsetenv("GRADER_RESULT_FD");
  unsetenv("GRADER_RESULT_TOKEN");
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

struct TestRecord {
  std::string name;
  std::vector<std::string> failures;
  std::vector<std::pair<std::string, std::string>> attachments;  // name, text
};

struct SuiteRecord {
  std::string name;
  std::vector<TestRecord> tests;
};

// Collects what each test did as it ends. Attach() may come from any thread of a test.
class ResultRecorder : public testing::EmptyTestEventListener {
 public:
  void Attach(const std::string& name, const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (suites_.empty() || suites_.back().tests.empty()) return;
    auto& attachments = suites_.back().tests.back().attachments;
    for (auto& [known, body] : attachments) {
      if (known == name) {
        body += text;
        return;
      }
    }
    attachments.emplace_back(name, text);
  }

  void OnTestStart(const testing::TestInfo& info) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (suites_.empty() || suites_.back().name != info.test_suite_name()) {
      suites_.push_back({info.test_suite_name(), {}});
    }
    suites_.back().tests.push_back({info.name(), {}});
  }

  void OnTestPartResult(const testing::TestPartResult& part) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!part.failed() || suites_.empty() || suites_.back().tests.empty()) return;
    std::string where = part.file_name() != nullptr ? part.file_name() : "unknown file";
    if (part.file_name() != nullptr) where += ":" + std::to_string(part.line_number());
    suites_.back().tests.back().failures.push_back(where + "\n" + part.message());
  }

  std::string Json() const {
    std::string json = "{\"testsuites\":[";
    for (std::size_t s = 0; s < suites_.size(); ++s) {
      if (s > 0) json += ",";
      json += "{\"name\":" + JsonString(suites_[s].name) + ",\"testsuite\":[";
      for (std::size_t t = 0; t < suites_[s].tests.size(); ++t) {
        const TestRecord& test = suites_[s].tests[t];
        if (t > 0) json += ",";
        json += "{\"name\":" + JsonString(test.name) + ",\"status\":\"RUN\",\"failures\":[";
        for (std::size_t f = 0; f < test.failures.size(); ++f) {
          if (f > 0) json += ",";
          json += "{\"failure\":" + JsonString(test.failures[f]) + "}";
        }
        json += "],\"attachments\":[";
        for (std::size_t a = 0; a < test.attachments.size(); ++a) {
          if (a > 0) json += ",";
          json += "{\"name\":" + JsonString(test.attachments[a].first) +
                  ",\"text\":" + JsonString(test.attachments[a].second) + "}";
        }
        json += "]}";
      }
      json += "]}";
    }
    return json + "]}";
  }

 private:
  std::mutex mutex_;
  std::vector<SuiteRecord> suites_;
};

ResultRecorder* recorder = nullptr;

void WriteAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;  // the channel is gone: the harness sees no report
    done += static_cast<std::size_t>(wrote);
  }
}

}  // namespace

void grader_driver::Attach(const std::string& name, const std::string& text) {
  if (recorder != nullptr) recorder->Attach(name, text);
}

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  recorder = new ResultRecorder;  // owned by GoogleTest's listener list
  testing::UnitTest::GetInstance()->listeners().Append(recorder);
  const int status = RUN_ALL_TESTS();
  if (result_fd >= 0 && result_token != nullptr && getpid() == main_pid) {
    WriteAll(result_fd, *result_token + "\n" + recorder->Json() + "\n" + *result_token + "\n");
  }
  return status;
}
