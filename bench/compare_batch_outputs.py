#!/usr/bin/env python3
"""Tells whether two batch outputs hold the same grading, apart from what was measured.

    bench/compare_batch_outputs.py A B

A and B are OUT folders of `grader batch` or `grader merge`, typically the merge of a
sharded batch and the same batch (same ROOT path, seed and options) run on one machine.
They are the same when:
  (a) they hold the same files (temporary files of an interrupted write, named ".*", are
      not counted);
  (b) gradebook.csv and batch.json are byte-identical;
  (c) each result JSON (<student>/<exercise>.json) and each Gradescope file
      (<student>/<exercise>.gradescope.json) is equal to its counterpart once the measured
      values below are taken out.
Other whole-batch files are compared by presence only: they are made from the results alone
(WriteBatchSummaries), which (c) compares.

Measured values differ between any two gradings, so they are not compared (docs/batch.md
"Comparing two outputs" says why each is measured):
  - in a test's evidence, at any depth: wall_ms, cpu_ms, memory_peak_bytes, peak_rss_bytes,
    disk_bytes, timings;
  - stack_dump.ms; pid and lwp of each entry of thread_stacks; seconds and operations of
    each entry of linearizability (how long the checker took; how many calls the history
    holds, which calls with timeouts decide by the clock);
  - a speed test (one whose evidence has "speed"): evidence.speed, and its message and
    details, which quote the measured times (its verdict and score are compared);
  - a test stopped at its deadline while computing (verdict time-limit): its message,
    details (Gradescope: output) and evidence.thread_stacks say where the running threads
    happened to be at that moment, a sample (its verdict, score, runs and the rest of its
    evidence are compared);
  - in every text (messages, details, Gradescope output): the figure of "<N> ms of CPU",
    "used <N> MiB of memory" and "wrote <N> MiB of files".

Prints each difference; exit status 0 when the outputs are the same, 1 when they differ,
2 when a folder or file cannot be read.
"""
import json
import os
import re
import sys

MEASURED_EVIDENCE = {"wall_ms", "cpu_ms", "memory_peak_bytes", "peak_rss_bytes",
                     "disk_bytes", "timings"}
MEASURED_IN_ITEMS = {"thread_stacks": {"pid", "lwp"},
                     "linearizability": {"seconds", "operations"}}
MEASURED_TEXT = [
    (re.compile(r"\b\d+ ms of CPU"), "<measured> ms of CPU"),
    (re.compile(r"\bused \d+ MiB of memory"), "used <measured> MiB of memory"),
    (re.compile(r"\bwrote \d+ MiB of files"), "wrote <measured> MiB of files"),
]
BYTE_IDENTICAL = {"gradebook.csv", "batch.json"}


def files_under(root):
    found = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith("."):
                found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def mask_text(value):
    """`value` with the measured figures of every string in it replaced."""
    if isinstance(value, str):
        for pattern, replacement in MEASURED_TEXT:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [mask_text(item) for item in value]
    if isinstance(value, dict):
        return {key: mask_text(item) for key, item in value.items()}
    return value


def strip_evidence(value):
    if isinstance(value, list):
        return [strip_evidence(item) for item in value]
    if not isinstance(value, dict):
        return value
    stripped = {}
    for key, item in value.items():
        if key in MEASURED_EVIDENCE:
            continue
        if key == "stack_dump" and isinstance(item, dict):
            item = {k: v for k, v in item.items() if k != "ms"}
        if key in MEASURED_IN_ITEMS and isinstance(item, list):
            item = [{k: v for k, v in entry.items() if k not in MEASURED_IN_ITEMS[key]}
                    if isinstance(entry, dict) else entry for entry in item]
        stripped[key] = strip_evidence(item)
    return stripped


def is_speed_test(test):
    return isinstance(test.get("evidence"), dict) and "speed" in test["evidence"]


def sampled_tests(result):
    """Names of the tests whose message and details quote measurements or samples."""
    return {test.get("name") for test in result.get("tests", [])
            if is_speed_test(test) or test.get("verdict") == "time-limit"}


def comparable_result(result):
    result = dict(result)
    tests = []
    for test in result.get("tests", []):
        test = dict(test)
        evidence = test.get("evidence")
        if isinstance(evidence, dict):
            sampled = {"speed"} if is_speed_test(test) else set()
            if test.get("verdict") == "time-limit":
                sampled.add("thread_stacks")
            if sampled:
                evidence = {k: v for k, v in evidence.items() if k not in sampled}
                test.pop("message", None)
                test.pop("details", None)
            test["evidence"] = strip_evidence(evidence)
        tests.append(test)
    result["tests"] = tests
    return mask_text(result)


def comparable_gradescope(gradescope, sampled):
    gradescope = dict(gradescope)
    tests = []
    for test in gradescope.get("tests", []):
        test = dict(test)
        if test.get("name") in sampled:
            test.pop("output", None)
        tests.append(test)
    gradescope["tests"] = tests
    return mask_text(gradescope)


def differences(a, b, where):
    """Paths at which the JSON values `a` and `b` differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                found.append(f"{where}.{key}: only in {'A' if key in a else 'B'}")
            else:
                found += differences(a[key], b[key], f"{where}.{key}")
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        found = []
        for i, (x, y) in enumerate(zip(a, b)):
            found += differences(x, y, f"{where}[{i}]")
        return found
    if a != b:
        return [f"{where}: {json.dumps(a)[:200]} in A, {json.dumps(b)[:200]} in B"]
    return []


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot be read as JSON: {e}", file=sys.stderr)
        sys.exit(2)


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        print(f"{path}: cannot be read: {e}", file=sys.stderr)
        sys.exit(2)


def main():
    if len(sys.argv) != 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    a, b = sys.argv[1], sys.argv[2]
    for folder in (a, b):
        if not os.path.isdir(folder):
            print(f"{folder}: not a folder", file=sys.stderr)
            return 2
    found = []
    files_a, files_b = files_under(a), files_under(b)
    for name in sorted(files_a - files_b):
        found.append(f"{name}: only in A ({a})")
    for name in sorted(files_b - files_a):
        found.append(f"{name}: only in B ({b})")
    compared = 0
    for name in sorted(files_a & files_b):
        path_a, path_b = os.path.join(a, name), os.path.join(b, name)
        if name in BYTE_IDENTICAL:
            if read_bytes(path_a) != read_bytes(path_b):
                found.append(f"{name}: not byte-identical")
            compared += 1
        elif os.path.dirname(name) and name.endswith(".gradescope.json"):
            result = name[: -len(".gradescope.json")] + ".json"
            sampled = set()
            for folder in (a, b):
                if os.path.exists(os.path.join(folder, result)):
                    sampled |= sampled_tests(load_json(os.path.join(folder, result)))
            found += differences(comparable_gradescope(load_json(path_a), sampled),
                                 comparable_gradescope(load_json(path_b), sampled), name)
            compared += 1
        elif os.path.dirname(name) and name.endswith(".json"):
            found += differences(comparable_result(load_json(path_a)),
                                 comparable_result(load_json(path_b)), name)
            compared += 1
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} difference(s) between {a} and {b}")
        return 1
    print(f"same: {len(files_a)} files, {compared} compared by content, apart from measured "
          f"values")
    return 0


if __name__ == "__main__":
    sys.exit(main())
