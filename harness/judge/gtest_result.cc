#include "judge/gtest_result.h"

#include <regex>

#include <nlohmann/json.hpp>

namespace grader {
namespace {

// GoogleTest prefixes each failure with "path/to/driver.cpp:123\n": where in the hidden
// driver the check is says nothing to the student and reveals the driver's layout. FAIL()
// and ADD_FAILURE() then add a line "Failed" that says nothing either.
std::string StripLocationLine(const std::string& failure) {
  static const std::regex kLocation(R"(^(?:[^\n]*:\d+|unknown file)\n(Failed\n)?)");
  return std::regex_replace(failure, kLocation, "", std::regex_constants::format_first_only);
}

}  // namespace

std::optional<GtestResult> ParseGtestResult(std::string_view json) {
  // The file is written inside the sandbox, where the student's code runs too: any shape is
  // possible, and a wrong one is "no result", never an exception.
  try {
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("testsuites") || !doc["testsuites"].is_array()) {
      return std::nullopt;
    }
    GtestResult result;
    for (const auto& suite : doc["testsuites"]) {
      if (!suite.is_object() || !suite.contains("testsuite") || !suite["testsuite"].is_array()) {
        return std::nullopt;
      }
      for (const auto& test : suite["testsuite"]) {
        if (!test.is_object()) return std::nullopt;
        if (test.value("status", "") != "RUN") continue;
        ++result.tests;
        if (const auto attachments = test.find("attachments");
            attachments != test.end() && attachments->is_array()) {
          for (const auto& attachment : *attachments) {
            if (!attachment.is_object()) return std::nullopt;
            result.attachments.push_back({suite.value("name", "") + "." + test.value("name", ""),
                                          attachment.value("name", ""),
                                          attachment.value("text", "")});
          }
        }
        const auto failures = test.find("failures");
        if (failures == test.end() || !failures->is_array() || failures->empty()) continue;
        ++result.failed;
        for (const auto& failure : *failures) {
          if (!failure.is_object()) return std::nullopt;
          result.failures.push_back(
              {suite.value("name", "") + "." + test.value("name", ""),
               StripLocationLine(failure.value("failure", ""))});
        }
      }
    }
    return result;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace grader
