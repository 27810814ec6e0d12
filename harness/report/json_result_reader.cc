#include "report/json_result_reader.h"

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

// Reads the keys of one JSON object, naming `where` (e.g. "tests[2]") in its errors.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, const std::string& source, std::string where)
      : object_(object), source_(source), where_(std::move(where)) {
    if (!object_.is_object()) Fail(where_, "expected an object");
  }

  std::string String(const char* key, bool required) const {
    const nlohmann::json* value = Find(key, required);
    if (value == nullptr) return "";
    if (!value->is_string()) Fail(Path(key), "expected a string");
    return value->get<std::string>();
  }

  double Number(const char* key, bool required) const {
    const nlohmann::json* value = Find(key, required);
    if (value == nullptr) return 0;
    if (!value->is_number()) Fail(Path(key), "expected a number");
    return value->get<double>();
  }

  std::uint64_t Unsigned(const char* key) const {
    const nlohmann::json* value = Find(key, false);
    if (value == nullptr) return 0;
    if (!value->is_number_unsigned() &&
        !(value->is_number_integer() && value->get<long long>() >= 0)) {
      Fail(Path(key), "expected an integer of at least 0");
    }
    return value->get<std::uint64_t>();
  }

  bool Bool(const char* key, bool fallback) const {
    const nlohmann::json* value = Find(key, false);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) Fail(Path(key), "expected true or false");
    return value->get<bool>();
  }

  // The array at `key` (an empty one when absent).
  const nlohmann::json& Array(const char* key) const {
    static const nlohmann::json kEmpty = nlohmann::json::array();
    const nlohmann::json* value = Find(key, false);
    if (value == nullptr) return kEmpty;
    if (!value->is_array()) Fail(Path(key), "expected an array");
    return *value;
  }

  const nlohmann::json* Find(const char* key, bool required) const {
    const auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) {
      if (required) Fail(Path(key), "missing");
      return nullptr;
    }
    return &*found;
  }

  std::string Path(const char* key) const {
    return where_.empty() ? key : fmt::format("{}.{}", where_, key);
  }

  [[noreturn]] void Fail(const std::string& path, const std::string& what) const {
    throw InputError(fmt::format("{}: {}: {}", source_, path.empty() ? "the result" : path,
                                 what));
  }

 private:
  const nlohmann::json& object_;
  const std::string& source_;
  std::string where_;
};

TestResult TestFromJson(const nlohmann::json& json, const std::string& source,
                        std::size_t index) {
  const ObjectReader reader(json, source, fmt::format("tests[{}]", index));
  TestResult test;
  test.name = reader.String("name", true);
  const std::string visibility = reader.String("visibility", false);
  if (visibility == "visible") {
    test.visibility = Visibility::kVisible;
  } else if (visibility == "hidden" || visibility.empty()) {
    test.visibility = Visibility::kHidden;
  } else {
    reader.Fail(reader.Path("visibility"),
                fmt::format("'{}' is neither 'visible' nor 'hidden'", visibility));
  }
  const std::string verdict = reader.String("verdict", true);
  const std::optional<Verdict> parsed = ParseVerdict(verdict);
  if (!parsed) reader.Fail(reader.Path("verdict"), fmt::format("'{}' is not a verdict", verdict));
  test.verdict = *parsed;
  test.score = reader.Number("score", true);
  test.max_score = reader.Number("max_score", true);
  test.runs = static_cast<int>(reader.Number("runs", false));
  test.message = reader.String("message", false);
  test.details = reader.String("details", false);
  test.reproduce = reader.String("reproduce", false);
  if (const nlohmann::json* evidence = reader.Find("evidence", false)) {
    if (!evidence->is_object()) reader.Fail(reader.Path("evidence"), "expected an object");
    test.evidence = *evidence;
  }
  return test;
}

}  // namespace

GradeResult ResultFromJson(const nlohmann::json& json, const std::string& source) {
  const ObjectReader reader(json, source, "");
  const std::string schema = reader.String("schema", true);
  if (schema != "grader-result/1") {
    reader.Fail("schema", fmt::format("'{}' is not grader-result/1", schema));
  }
  GradeResult result;
  result.exercise = reader.String("exercise", true);
  result.submission = reader.String("submission", false);
  result.seed = reader.Unsigned("seed");
  result.score = reader.Number("score", true);
  result.max_score = reader.Number("max_score", true);
  result.sandbox = reader.String("sandbox", false);
  result.isolated = reader.Bool("isolated", true);
  const nlohmann::json& warnings = reader.Array("warnings");
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    if (!warnings[i].is_string()) reader.Fail(fmt::format("warnings[{}]", i), "expected a string");
    result.warnings.push_back(warnings[i].get<std::string>());
  }
  const nlohmann::json& tests = reader.Array("tests");
  for (std::size_t i = 0; i < tests.size(); ++i) {
    result.tests.push_back(TestFromJson(tests[i], source, i));
  }
  return result;
}

}  // namespace grader
