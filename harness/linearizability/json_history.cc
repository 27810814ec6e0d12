#include "linearizability/json_history.h"

#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "linearizability/history_builder.h"

namespace grader {
namespace {

using nlohmann::json;

class LineReader {
 public:
  LineReader(const std::string& source, int line) : source_(source), line_(line) {}

  [[noreturn]] void Fail(const std::string& message) const {
    throw InputError(fmt::format("{}:{}: {}", source_, line_, message));
  }

  // A keyword-like string field ("ok" or ":ok"); `name` is the field's name.
  std::string Keyword(const json& object, const char* name) const {
    auto field = object.find(name);
    if (field == object.end()) Fail(fmt::format("no \"{}\" field", name));
    if (!field->is_string()) {
      Fail(fmt::format("\"{}\" must be a string, not {}", name, field->dump()));
    }
    std::string text = field->get<std::string>();
    if (!text.empty() && text.front() == ':') text.erase(0, 1);
    if (text.empty()) Fail(fmt::format("\"{}\" is empty", name));
    return text;
  }

  Value ToValue(const json& value) const {
    if (value.is_null()) return Value();
    if (value.is_number_integer()) {
      if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) {
        Fail(fmt::format("value {} does not fit a 64-bit integer", value.dump()));
      }
      return Value::Int(value.get<std::int64_t>());
    }
    if (value.is_string()) return Value::String(value.get<std::string>());
    if (value.is_array()) {
      std::vector<Value> items;
      for (const json& item : value) items.push_back(ToValue(item));
      return Value::List(std::move(items));
    }
    Fail(
        fmt::format("value {} is not null, an integer, a string or a list of these", value.dump()));
  }

 private:
  const std::string& source_;
  int line_;
};

EventType ToType(const LineReader& reader, const std::string& type) {
  if (type == "invoke") return EventType::kInvoke;
  if (type == "ok") return EventType::kOk;
  if (type == "fail") return EventType::kFail;
  if (type == "info") return EventType::kInfo;
  reader.Fail(fmt::format("\"type\" is '{}'; expected invoke, ok, fail or info", type));
}

}  // namespace

History ParseJsonHistory(std::istream& in, const std::string& source) {
  HistoryBuilder builder(source);
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const LineReader reader(source, line_number);
    json object;
    try {
      object = json::parse(line);
    } catch (const json::parse_error& e) {
      // nlohmann's message is "[json.exception.parse_error.101] parse error at line 1,
      // column 44: syntax error while parsing ..."; the line is always 1 here, so the
      // column goes into the location and the reason is kept.
      std::string_view what = e.what();
      const auto reason = what.find(": ");
      if (reason != std::string_view::npos) what.remove_prefix(reason + 2);
      throw InputError(
          fmt::format("{}:{}:{}: not valid JSON: {}", source, line_number, e.byte, what));
    }
    if (!object.is_object()) reader.Fail("expected a JSON object {...} on every line");

    HistoryEvent event;
    event.line = line_number;
    auto process = object.find("process");
    if (process == object.end()) reader.Fail("no \"process\" field");
    if (process->is_string()) {
      const std::string name = process->get<std::string>();
      if (name == "nemesis" || name == ":nemesis") continue;
      reader.Fail(fmt::format("\"process\" must be an integer (or \"nemesis\"), not \"{}\"", name));
    }
    if (!process->is_number_integer() || process->get<std::int64_t>() < 0 ||
        process->get<std::int64_t>() > INT32_MAX) {
      reader.Fail(
          fmt::format("\"process\" must be a non-negative integer, not {}", process->dump()));
    }
    event.process = process->get<int>();
    if (auto name = object.find("process_name"); name != object.end()) {
      if (!name->is_string()) {
        reader.Fail(fmt::format("\"process_name\" must be a string, not {}", name->dump()));
      }
      event.process_name = name->get<std::string>();
    }
    event.type = ToType(reader, reader.Keyword(object, "type"));
    event.f = reader.Keyword(object, "f");
    if (auto value = object.find("value"); value != object.end()) {
      event.value = reader.ToValue(*value);
    }
    if (auto time = object.find("time"); time != object.end()) {
      if (!time->is_number()) {
        reader.Fail(fmt::format("\"time\" must be a number, not {}", time->dump()));
      }
      event.time = time->get<double>();
    }
    builder.Add(std::move(event));
  }
  return std::move(builder).Finish();
}

}  // namespace grader
