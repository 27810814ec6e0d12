// Reads a history written as JSON lines with Jepsen's field names, one event per line
// (docs/linearizability.md is the reference):
//
//   {"process": 0, "type": "invoke", "f": "put", "value": 3}
//   {"process": 1, "type": "invoke", "f": "get", "value": null}
//   {"process": 0, "type": "ok",     "f": "put", "value": 3}
//   {"process": 1, "type": "ok",     "f": "get", "value": 3, "time": 17}
//
//   process  an integer (the thread); "nemesis" lines are skipped (they are not operations)
//   type     "invoke" | "ok" | "fail" | "info" (see history_builder.h for what each means)
//   f        the function: "put", "get", "read", "write", "cas", ... (the model decides
//            which it knows)
//   value    null, an integer, a string, or a list of these (a cas's [old, new]); may be
//            left out (null). For invoke: the input; for ok: the result.
//   time     optional number; when every event has one, events are ordered by it instead of
//            by line. Other fields (Jepsen's "index", "error", ...) are ignored.
// Blank lines are skipped. A leading ':' on type and f (Clojure keywords) is accepted.
#pragma once

#include <istream>
#include <string>

#include "linearizability/history.h"

namespace grader {

// Throws InputError ("source:line: what is wrong") on a line that is not a JSON object,
// a missing or mistyped field, or events that do not pair up (history_builder.h).
History ParseJsonHistory(std::istream& in, const std::string& source);

}  // namespace grader
