// Reads Jepsen's text log of a history, as published with Porcupine's etcd histories:
//
//   INFO  jepsen.util - 3	:invoke	:cas	[1 4]
//   INFO  jepsen.util - 3	:fail	:cas	[1 4]
//   INFO  jepsen.util - 0	:ok	:read	2
//   INFO  jepsen.util - 4	:info	:write	:timed-out
//
// one event per line: "<anything> jepsen.util - <process> :<type> :<f> <value>", fields
// separated by tabs or spaces. Values: nil, integers, keywords (:timed-out, read as the
// string "timed-out"), "strings", and vectors [old new] of these. The value of an info or
// fail line is ignored (the outcome is unknown, or nothing happened). Lines of the process
// :nemesis and blank lines are skipped. Event positions are the order of the lines.
#pragma once

#include <istream>
#include <string>
#include <string_view>

#include "linearizability/history.h"

namespace grader {

// Throws InputError ("source:line: what is wrong") on a line that is not of this form, a
// value it cannot read, or events that do not pair up (history_builder.h).
History ParseJepsenLog(std::istream& in, const std::string& source);

// One value in the notation above ("nil", "-3", "[1 4]", ":timed-out").
// Throws InputError with the message only (the caller adds file:line).
Value ParseJepsenValue(std::string_view text);

}  // namespace grader
