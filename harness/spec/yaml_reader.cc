#include "spec/yaml_reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "common/error.h"
#include "spec/units.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::string Quote(std::string_view text) { return fmt::format("'{}'", text); }

// "a, b or c"
std::string JoinAlternatives(std::span<const std::string_view> words) {
  std::string joined;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) joined += i + 1 == words.size() ? " or " : ", ";
    joined += words[i];
  }
  return joined;
}

std::string InContext(const std::string& context) {
  return context.empty() ? std::string() : " in " + context;
}

std::string FormatMark(const YAML::Mark& mark) {
  return fmt::format("{}:{}", mark.line + 1, mark.column + 1);
}

}  // namespace

YamlValue::YamlValue(std::shared_ptr<const std::string> file, YAML::Node node, std::string label,
                     YAML::Mark key_mark)
    : file_(std::move(file)), node_(std::move(node)), label_(std::move(label)),
      key_mark_(key_mark) {}

SourceLocation YamlValue::Where() const {
  // yaml-cpp marks an absent value ("key:" then a newline) at the next token, not at the key.
  const YAML::Mark mark = node_.IsNull() ? key_mark_ : node_.Mark();
  if (mark.is_null()) return {*file_, 0, 0};
  return {*file_, mark.line + 1, mark.column + 1};
}

SourceLocation YamlValue::WhereKey() const {
  if (key_mark_.is_null()) return {*file_, 0, 0};
  return {*file_, key_mark_.line + 1, key_mark_.column + 1};
}

void YamlValue::FailAt(const YAML::Mark& mark, std::string_view message) const {
  if (mark.is_null()) throw InputError(fmt::format("{}: {}", *file_, message));
  throw InputError(fmt::format("{}:{}: {}", *file_, FormatMark(mark), message));
}

void YamlValue::Fail(std::string_view message) const {
  FailAt(node_.IsNull() ? key_mark_ : node_.Mark(), message);
}

void YamlValue::FailAtKey(std::string_view message) const { FailAt(key_mark_, message); }

std::string_view YamlValue::TypeName() const {
  if (node_.IsSequence()) return "a list";
  if (node_.IsMap()) return "a mapping";
  if (node_.IsScalar()) return "a string";
  return "empty";
}

std::string YamlValue::AsString() const {
  if (node_.IsNull()) FailAtKey(fmt::format("{} has no value", label_));
  if (!node_.IsScalar()) Fail(fmt::format("{} must be a string, not {}", label_, TypeName()));
  return node_.Scalar();
}

std::string YamlValue::AsNonEmptyString() const {
  std::string text = AsString();
  if (text.empty()) Fail(fmt::format("{} is empty", label_));
  return text;
}

double YamlValue::AsNumber(double min, double max) const {
  const std::string text = AsString();
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    Fail(fmt::format("{} must be a number, not '{}'", label_, text));
  }
  if (value < min || value > max) {
    Fail(fmt::format("{} must be between {} and {}, not {}", label_, min, max, text));
  }
  return value;
}

std::int64_t YamlValue::AsInteger(std::int64_t min, std::int64_t max) const {
  const std::string text = AsString();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    Fail(fmt::format("{} must be a whole number, not '{}'", label_, text));
  }
  if (value < min || value > max) {
    Fail(fmt::format("{} must be between {} and {}, not {}", label_, min, max, text));
  }
  return value;
}

Millis YamlValue::AsDuration(Millis min, Millis max) const {
  const std::string text = AsString();
  std::string error;
  const std::optional<Millis> value = ParseDuration(text, &error);
  if (!value) Fail(fmt::format("{} {}", label_, error));
  if (*value < min || *value > max) {
    Fail(fmt::format("{} must be between {} and {}, not {}", label_, FormatDuration(min),
                     FormatDuration(max), text));
  }
  return *value;
}

std::uint64_t YamlValue::AsSize(std::uint64_t min, std::uint64_t max) const {
  const std::string text = AsString();
  std::string error;
  const std::optional<std::uint64_t> value = ParseSize(text, &error);
  if (!value) Fail(fmt::format("{} {}", label_, error));
  if (*value < min || *value > max) {
    Fail(fmt::format("{} must be between {} and {}, not {}", label_, FormatSize(min),
                     FormatSize(max), text));
  }
  return *value;
}

std::size_t YamlValue::AsChoice(std::span<const std::string_view> choices) const {
  const std::string text = AsString();
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == text) return i;
  }
  Fail(fmt::format("{} must be {}, not '{}'{}", label_, JoinAlternatives(choices), text,
                   DidYouMeanSuffix(text, choices)));
}

std::vector<YamlValue> YamlValue::AsList() const {
  if (node_.IsNull()) FailAtKey(fmt::format("{} has no value", label_));
  if (node_.IsScalar()) {
    Fail(fmt::format("{} must be a list: write [{}]", label_, node_.Scalar()));
  }
  if (!node_.IsSequence()) Fail(fmt::format("{} must be a list, not {}", label_, TypeName()));
  std::vector<YamlValue> entries;
  entries.reserve(node_.size());
  for (const YAML::Node& entry : node_) {
    entries.emplace_back(file_, entry,
                         fmt::format("entry {} of {}", entries.size() + 1, label_), entry.Mark());
  }
  return entries;
}

YamlMap YamlValue::AsMap(std::span<const std::string_view> keys, std::string context,
                         std::span<const Suggestion> aliases) const {
  return YamlMap(*this, keys, std::move(context), aliases);
}

fs::path YamlValue::AsExistingPath(const fs::path& base, bool folder) const {
  const fs::path written = AsNonEmptyString();
  if (written.is_absolute()) {
    Fail(fmt::format("{} must be a path relative to this file's folder, not '{}'", label_,
                     written.string()));
  }
  fs::path resolved = (base / written).lexically_normal();
  if (resolved.filename().empty()) resolved = resolved.parent_path();  // "include/"
  std::error_code error;
  const fs::file_status status = fs::status(resolved, error);
  const std::string_view what = folder ? "folder" : "file";
  if (!fs::exists(status)) {
    FailAtKey(fmt::format("{} names a {} that does not exist: {}", label_, what,
                          resolved.string()));
  }
  if (folder ? !fs::is_directory(status) : !fs::is_regular_file(status)) {
    FailAtKey(fmt::format("{} names {}, which is not a {}", label_, resolved.string(),
                          folder ? "folder" : "regular file"));
  }
  return resolved;
}

YamlMap::YamlMap(const YamlValue& self, std::span<const std::string_view> keys,
                 std::string context, std::span<const Suggestion> aliases)
    : self_(self), context_(std::move(context)) {
  const YAML::Node& node = self_.node();
  if (node.IsNull()) self_.FailAtKey(fmt::format("{} has no value", self_.label()));
  if (!node.IsMap()) {
    self_.Fail(fmt::format("{} must be a mapping of keys, not {}", self_.label(),
                           node.IsSequence() ? "a list" : "a string"));
  }
  std::vector<Suggestion> candidates;
  for (std::string_view key : keys) candidates.push_back({key, key});
  candidates.insert(candidates.end(), aliases.begin(), aliases.end());

  std::vector<std::pair<std::string, YAML::Mark>> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YamlValue key = self_.Child(it->first, "a key", it->first.Mark());
    if (!it->first.IsScalar()) key.Fail("a key must be a plain word, not a list or mapping");
    const std::string& name = it->first.Scalar();
    for (const auto& [earlier, mark] : seen) {
      if (earlier == name) {
        key.Fail(fmt::format("duplicate key '{}'{} (first at {})", name, InContext(context_),
                             FormatMark(mark)));
      }
    }
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      key.Fail(fmt::format("unknown key '{}'{}{}", name, InContext(context_),
                           DidYouMeanSuffix(name, candidates)));
    }
    seen.emplace_back(name, it->first.Mark());
  }
}

bool YamlMap::Has(std::string_view key) const { return Find(key).has_value(); }

std::optional<YamlValue> YamlMap::Find(std::string_view key) const {
  for (auto it = self_.node().begin(); it != self_.node().end(); ++it) {
    if (it->first.Scalar() == key) return self_.Child(it->second, Quote(key), it->first.Mark());
  }
  return std::nullopt;
}

YamlValue YamlMap::Get(std::string_view key) const {
  std::optional<YamlValue> value = Find(key);
  if (!value) self_.FailAtKey(fmt::format("missing key '{}'{}", key, InContext(context_)));
  return *std::move(value);
}

YamlValue LoadYamlDocument(const fs::path& path, const std::string& display) {
  std::error_code status_error;
  if (!fs::is_regular_file(path, status_error)) {
    throw InputError(fmt::format("{}: {}", display, fs::exists(path, status_error)
                                                        ? "not a regular file"
                                                        : "no such file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read: {}", display, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  auto file = std::make_shared<const std::string>(display);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text.str());
  } catch (const YAML::Exception& error) {
    if (error.mark.is_null()) {
      throw InputError(fmt::format("{}: YAML syntax error: {}", display, error.msg));
    }
    throw InputError(fmt::format("{}:{}: YAML syntax error: {}", display, FormatMark(error.mark),
                                 error.msg));
  }
  if (documents.empty() || documents.front().IsNull()) {
    throw InputError(fmt::format("{}:1:1: the file is empty", display));
  }
  YamlValue root(file, documents.front(), "the file", documents.front().Mark());
  if (documents.size() > 1) {
    YamlValue(file, documents[1], "", documents[1].Mark())
        .Fail("the file must hold one YAML document, but a second one starts here");
  }
  if (!root.node().IsMap()) {
    root.Fail(fmt::format("the file must be a mapping of keys (key: value), not {}",
                          root.node().IsSequence() ? "a list" : "a string"));
  }
  return root;
}

}  // namespace grader
