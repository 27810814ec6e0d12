// The checker against Porcupine's 102 labeled etcd histories (Jepsen, a compare-and-swap
// register): every answer must match LABELS.tsv. The data folder is outside the project;
// GRADER_LINEARIZABILITY_DATA overrides where it is, and the test is skipped without it.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "linearizability/checker.h"
#include "linearizability/linearizability_command.h"
#include "linearizability/register_model.h"

namespace grader {
namespace {

std::filesystem::path DataDir() {
  if (const char* dir = std::getenv("GRADER_LINEARIZABILITY_DATA")) return dir;
  return "/work/shared/data/linearizability/porcupine-etcd";
}

TEST(EtcdHistoriesTest, EveryAnswerMatchesItsLabel) {
  const std::filesystem::path dir = DataDir();
  if (!std::filesystem::exists(dir / "LABELS.tsv")) {
    GTEST_SKIP() << "no labeled histories at " << dir << " (set GRADER_LINEARIZABILITY_DATA)";
  }
  std::ifstream labels(dir / "LABELS.tsv");
  std::string line;
  std::getline(labels, line);  // header
  const RegisterModel model(/*with_cas=*/true);
  int checked = 0, linearizable = 0;
  double total_ms = 0, slowest_ms = 0;
  std::string slowest;
  while (std::getline(labels, line)) {
    std::istringstream fields(line);
    std::string file, label;
    if (!(fields >> file >> label)) continue;
    SCOPED_TRACE(file);
    const History history = ReadHistoryFile(dir / file);
    const auto start = std::chrono::steady_clock::now();
    const LinearizabilityResult result = CheckLinearizability(history, model);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    total_ms += ms;
    if (ms > slowest_ms) {
      slowest_ms = ms;
      slowest = file;
    }
    const Linearizability expected =
        label == "true" ? Linearizability::kLinearizable : Linearizability::kNotLinearizable;
    EXPECT_EQ(LinearizabilityName(result.verdict), std::string(LinearizabilityName(expected)))
        << result.unknown_reason;
    if (result.verdict == Linearizability::kNotLinearizable) {
      // The counterexample is itself a violation, with its culprit found.
      ASSERT_TRUE(result.counterexample);
      EXPECT_TRUE(result.counterexample->culprit);
      EXPECT_EQ(SearchLinearization(result.counterexample->history, model, {}).verdict,
                Linearizability::kNotLinearizable);
      EXPECT_LE(result.counterexample->history.ops.size(), history.ops.size());
    }
    linearizable += label == "true";
    ++checked;
  }
  EXPECT_EQ(checked, 102);
  EXPECT_EQ(linearizable, 23);
  const std::string summary = fmt::format(
      "{} etcd histories checked (with counterexamples) in {:.1f} ms; slowest {} "
      "({:.1f} ms)",
      checked, total_ms, slowest, slowest_ms);
  std::cout << summary << "\n";
  RecordProperty("summary", summary);
}

TEST(EtcdHistoriesTest, EmptyRunIsLinearizable) {
  const std::filesystem::path file = DataDir() / "etcd_095.log";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  const History history = ReadHistoryFile(file);
  EXPECT_TRUE(history.ops.empty());
  EXPECT_EQ(CheckLinearizability(history, RegisterModel(true)).verdict,
            Linearizability::kLinearizable);
}

}  // namespace
}  // namespace grader
