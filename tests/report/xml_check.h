// An XML parser for the report tests: xmllint (Debian's libxml2-utils, which scripts/setup
// installs), so a report's well-formedness is judged by a real parser, not by the code that
// wrote it.
#pragma once

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "process/subprocess.h"

namespace grader::xml_check {

inline SubprocessResult Xmllint(const std::vector<std::string>& arguments, const std::string& xml) {
  SubprocessOptions options;
  options.argv = {"xmllint"};
  options.argv.insert(options.argv.end(), arguments.begin(), arguments.end());
  options.argv.push_back("-");
  options.stdin_data = xml;
  options.wall_timeout = std::chrono::seconds(30);
  options.stdout_cap = 16 << 20;
  return RunSubprocess(options);
}

// Whether `xml` is well-formed XML 1.0; the parser's complaints otherwise.
inline testing::AssertionResult WellFormed(const std::string& xml) {
  const SubprocessResult parsed = Xmllint({"--noout"}, xml);
  if (parsed.status.Success() && parsed.err.empty()) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "xmllint: " << DescribeExit(parsed.status) << "\n"
                                     << parsed.err;
}

// The string value of the XPath `expression` in `xml`, as a parser reads it back (entities
// and character references resolved).
inline std::string XPathString(const std::string& xml, const std::string& expression) {
  const SubprocessResult parsed = Xmllint({"--xpath", "string(" + expression + ")"}, xml);
  EXPECT_TRUE(parsed.status.Success()) << expression << ": " << parsed.err;
  std::string value = parsed.out;
  if (!value.empty() && value.back() == '\n') value.pop_back();  // xmllint ends it with one
  return value;
}

}  // namespace grader::xml_check
