#include "linearizability/jepsen_log.h"

#include <cctype>
#include <charconv>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "linearizability/history_builder.h"

namespace grader {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Reads one value from the front of `text`, consuming it.
class ValueReader {
 public:
  explicit ValueReader(std::string_view text) : text_(text) {}

  Value Read() {
    SkipSpace();
    if (text_.empty()) throw InputError("a value is missing");
    if (text_.front() == '[') {
      text_.remove_prefix(1);
      std::vector<Value> items;
      for (;;) {
        SkipSpace();
        if (text_.empty()) throw InputError("a vector '[' is not closed by ']'");
        if (text_.front() == ']') break;
        items.push_back(Read());
      }
      text_.remove_prefix(1);
      return Value::List(std::move(items));
    }
    if (text_.front() == '"') {
      const auto end = text_.find('"', 1);
      if (end == std::string_view::npos) throw InputError("a string '\"' is not closed");
      Value value = Value::String(std::string(text_.substr(1, end - 1)));
      text_.remove_prefix(end + 1);
      return value;
    }
    std::size_t length = 0;
    while (length < text_.size() && !IsSpace(text_[length]) && text_[length] != '[' &&
           text_[length] != ']' && text_[length] != ',') {
      ++length;
    }
    const std::string_view word = text_.substr(0, length);
    text_.remove_prefix(length);
    if (word.empty()) throw InputError(fmt::format("cannot read a value at '{}'", text_));
    if (word == "nil") return Value();
    if (word.front() == ':' && word.size() > 1) return Value::String(std::string(word.substr(1)));
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
    if (error == std::errc() && end == word.data() + word.size()) return Value::Int(number);
    throw InputError(fmt::format(
        "cannot read the value '{}' (expected nil, an integer, a :keyword, a \"string\" or "
        "a vector [...])",
        word));
  }

  bool AtEnd() {
    SkipSpace();
    return text_.empty();
  }

 private:
  void SkipSpace() {
    // Clojure treats commas as whitespace.
    while (!text_.empty() && (IsSpace(text_.front()) || text_.front() == ',')) {
      text_.remove_prefix(1);
    }
  }

  std::string_view text_;
};

// The next whitespace-separated word of `rest`, consuming it.
std::string_view NextWord(std::string_view& rest) {
  while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
  std::size_t length = 0;
  while (length < rest.size() && !IsSpace(rest[length])) ++length;
  const std::string_view word = rest.substr(0, length);
  rest.remove_prefix(length);
  return word;
}

}  // namespace

Value ParseJepsenValue(std::string_view text) {
  ValueReader reader(text);
  Value value = reader.Read();
  if (!reader.AtEnd()) throw InputError(fmt::format("unexpected text after the value '{}'", text));
  return value;
}

History ParseJepsenLog(std::istream& in, const std::string& source) {
  HistoryBuilder builder(source);
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    auto fail = [&](const std::string& message) {
      throw InputError(fmt::format("{}:{}: {}", source, line_number, message));
    };
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto marker = line.find("jepsen.util");
    std::string_view rest(line);
    if (marker != std::string::npos)
      rest.remove_prefix(marker + std::string_view("jepsen.util").size());
    if (marker == std::string::npos || NextWord(rest) != "-") {
      fail(
          "not a Jepsen history line (expected 'INFO  jepsen.util - <process> :<type> :<f> "
          "<value>')");
    }
    const std::string_view process = NextWord(rest);
    const std::string_view type = NextWord(rest);
    const std::string_view f = NextWord(rest);
    if (process == ":nemesis") continue;
    HistoryEvent event;
    event.line = line_number;
    const auto [end, error] =
        std::from_chars(process.data(), process.data() + process.size(), event.process);
    if (error != std::errc() || end != process.data() + process.size() || event.process < 0) {
      fail(fmt::format("the process '{}' is not a non-negative integer", process));
    }
    if (type == ":invoke") {
      event.type = EventType::kInvoke;
    } else if (type == ":ok") {
      event.type = EventType::kOk;
    } else if (type == ":fail") {
      event.type = EventType::kFail;
    } else if (type == ":info") {
      event.type = EventType::kInfo;
    } else {
      fail(fmt::format("the type '{}' is not one of :invoke, :ok, :fail, :info", type));
    }
    if (f.size() < 2 || f.front() != ':') {
      fail(fmt::format("the function '{}' is not a keyword like :read", f));
    }
    event.f = std::string(f.substr(1));
    if (event.type == EventType::kInvoke || event.type == EventType::kOk) {
      try {
        event.value = ParseJepsenValue(rest);
      } catch (const InputError& e) {
        fail(e.what());
      }
    }
    builder.Add(std::move(event));
  }
  return std::move(builder).Finish();
}

}  // namespace grader
