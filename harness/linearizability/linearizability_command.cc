#include "linearizability/linearizability_command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common/error.h"
#include "linearizability/history_table.h"
#include "linearizability/jepsen_log.h"
#include "linearizability/json_history.h"
#include "linearizability/model.h"

namespace grader {

History ReadHistoryFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError(
        fmt::format("{}: cannot read the history: {}", path.string(), std::strerror(errno)));
  }
  std::stringstream text;
  text << file.rdbuf();
  const std::string contents = text.str();
  const auto first = contents.find_first_not_of(" \t\r\n");
  std::istringstream in(contents);
  if (first != std::string::npos && contents[first] == '{') {
    return ParseJsonHistory(in, path.string());
  }
  return ParseJepsenLog(in, path.string());
}

int RunLinearizabilityCommand(const std::string& model_name,
                              const std::filesystem::path& history_file, std::ostream& out,
                              const LinearizabilityOptions& options) {
  const std::unique_ptr<Model> model = MakeModel(model_name);
  const History history = ReadHistoryFile(history_file);
  const LinearizabilityResult result = CheckLinearizability(history, *model, options);
  switch (result.verdict) {
    case Linearizability::kLinearizable:
      out << "linearizable\n";
      return kExitLinearizable;
    case Linearizability::kNotLinearizable:
      out << "not linearizable\n";
      if (result.counterexample) out << RenderCounterexample(*result.counterexample, *model);
      return kExitNotLinearizable;
    case Linearizability::kUnknown:
      out << "unknown: " << result.unknown_reason << "\n";
      return kExitLinearizabilityUnknown;
  }
  return kExitLinearizabilityUnknown;
}

}  // namespace grader
