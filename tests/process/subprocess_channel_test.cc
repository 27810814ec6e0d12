// RunSubprocess: the result channel, a pipe on the child's descriptor 3 read apart from
// stdout and stderr.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

using std::chrono::milliseconds;

class SubprocessChannelTest : public ::testing::Test {
 protected:
  void TearDown() override {
    EXPECT_TRUE(testing::ZombieChildren().empty());
    EXPECT_TRUE(testing::HasNoChildren());
  }

  static SubprocessOptions Shell(const std::string& script, bool channel = true) {
    SubprocessOptions options;
    options.argv = {"sh", "-c", script};
    options.wall_timeout = milliseconds(20'000);
    options.result_channel = channel;
    return options;
  }
};

// For its lifetime, the harness holds /dev/null open on descriptor 3 without close-on-exec
// (what was there is put back afterwards), so that a child finding its descriptor 3 closed
// proves the harness closed it.
class InheritableDescriptor3 {
 public:
  InheritableDescriptor3() {
    saved_flags_ = fcntl(kResultChannelFd, F_GETFD);
    if (saved_flags_ >= 0) saved_ = fcntl(kResultChannelFd, F_DUPFD_CLOEXEC, 10);
    const int fd = open("/dev/null", O_WRONLY);
    if (fd != kResultChannelFd) {
      dup2(fd, kResultChannelFd);
      close(fd);
    }
  }
  ~InheritableDescriptor3() {
    if (saved_ >= 0) {
      dup2(saved_, kResultChannelFd);
      fcntl(kResultChannelFd, F_SETFD, saved_flags_);
      close(saved_);
    } else {
      close(kResultChannelFd);
    }
  }
  InheritableDescriptor3(const InheritableDescriptor3&) = delete;
  InheritableDescriptor3& operator=(const InheritableDescriptor3&) = delete;

  bool inheritable() const { return fcntl(kResultChannelFd, F_GETFD) == 0; }

 private:
  int saved_flags_ = -1;
  int saved_ = -1;
};

// The descriptors of the child, observed from outside while it sleeps.
std::set<std::string> DescriptorsOf(int pid) {
  std::set<std::string> fds;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    fds.insert(entry.path().filename().string());
  }
  return fds;
}

constexpr char kProbeDescriptor3[] =
    "if { echo probe >&3; } 2>/dev/null; then echo open; else echo closed; fi";

TEST_F(SubprocessChannelTest, ChildWritesTheChannelOnDescriptor3) {
  const SubprocessResult result =
      RunSubprocess(Shell("echo report >&3; echo out; echo err >&2"));
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status) << "\n" << result.err;
  EXPECT_EQ(result.channel, "report\n");
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
}

TEST_F(SubprocessChannelTest, ChildWithoutTheOptionFindsDescriptor3Closed) {
  InheritableDescriptor3 held;
  ASSERT_TRUE(held.inheritable());
  const SubprocessResult result = RunSubprocess(Shell(kProbeDescriptor3, /*channel=*/false));
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_EQ(result.out, "closed\n");
  EXPECT_EQ(result.channel, "");
}

TEST_F(SubprocessChannelTest, ChannelReplacesWhatTheHarnessHadOnDescriptor3) {
  InheritableDescriptor3 held;
  const SubprocessResult result = RunSubprocess(Shell(kProbeDescriptor3));
  EXPECT_EQ(result.out, "open\n");
  EXPECT_EQ(result.channel, "probe\n");
}

TEST_F(SubprocessChannelTest, ChildInheritsOnlyStdioAndTheChannel) {
  InheritableDescriptor3 held;
  std::set<std::string> seen;
  SubprocessOptions options;
  options.argv = {"sleep", "10"};
  options.result_channel = true;
  options.wall_timeout = milliseconds(300);
  options.before_deadline_kill = [&seen](int pid) { seen = DescriptorsOf(pid); };
  RunSubprocess(options);
  EXPECT_EQ(seen, (std::set<std::string>{"0", "1", "2", "3"}));
}

TEST_F(SubprocessChannelTest, ChannelIsEmptyWhenNothingIsWritten) {
  const SubprocessResult result = RunSubprocess(Shell("echo only-stdout"));
  EXPECT_TRUE(result.status.Success());
  EXPECT_EQ(result.channel, "");
  EXPECT_EQ(result.out, "only-stdout\n");
  EXPECT_LT(result.wall_time, milliseconds(5000));
}

TEST_F(SubprocessChannelTest, ProcessesTheChildStartsShareTheChannel) {
  const SubprocessResult result =
      RunSubprocess(Shell("sh -c 'echo grandchild >&3'; echo child >&3"));
  EXPECT_EQ(result.channel, "grandchild\nchild\n");
}

TEST_F(SubprocessChannelTest, KeepsChannelCapBytesAndDrainsTheRest) {
  SubprocessOptions options = Shell("head -c 100000 /dev/zero | tr '\\0' x >&3; echo finished");
  options.channel_cap = 1000;
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.channel, std::string(1000, 'x'));
  EXPECT_EQ(result.out, "finished\n");
}

TEST_F(SubprocessChannelTest, LargeChannelAndStdoutAtOnceDoNotDeadlock) {
  constexpr std::size_t kSize = 2'000'000;
  SubprocessOptions options = Shell(
      "head -c 2000000 /dev/zero | tr '\\0' c >&3 & head -c 2000000 /dev/zero | tr '\\0' o; "
      "wait");
  options.stdout_cap = 4 << 20;
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.channel, std::string(kSize, 'c'));
  EXPECT_EQ(result.out, std::string(kSize, 'o'));
}

}  // namespace
}  // namespace grader
