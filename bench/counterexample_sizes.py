#!/usr/bin/env python3
"""How small the counterexamples of known-bad queues are, over many gradings.

For each case, grades it N times (seeds SEED, SEED+1, ...) with only the tests that record
histories, and prints how often the linearizability checker refuted the history and the
size of the minimised counterexample (operations), from the JSON report's
evidence.linearizability entries.

  bench/counterexample_sizes.py [--grader build/grader] [--cache-dir DIR] [--exercise blocking_queue]
      [--test fifo-linearizable] [-n 50] [--seed 1] CASE_DIR...
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def grade(args, case_dir, seed, report):
    command = [args.grader, "--no-color"]
    if args.cache_dir:
        command += ["--cache-dir", args.cache_dir]
    command += ["check", args.exercise, case_dir, "--test", args.test,
               "--seed", str(seed), "--json", report]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    with open(report) as f:
        result = json.load(f)
    sizes, verdicts = [], []
    for test in result["tests"]:
        verdicts.append(test["verdict"])
        for entry in test.get("evidence", {}).get("linearizability", []):
            if "counterexample_operations" in entry:
                sizes.append(entry["counterexample_operations"])
    return verdicts, sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grader", default="build/grader")
    parser.add_argument("--cache-dir", help="the grader's cache of compiled drivers")
    parser.add_argument("--exercise", default="blocking_queue")
    parser.add_argument("--test", default="fifo-linearizable")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()

    print(f"{'case':28} {'failed':>8} {'refuted':>8} {'ops min':>8} {'median':>7} {'max':>5}")
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "report.json")
        for case_dir in args.cases:
            failed = refuted = 0
            smallest = []  # per grading: the smallest counterexample shown
            for i in range(args.n):
                verdicts, sizes = grade(args, case_dir, args.seed + i, report)
                failed += any(v != "ok" for v in verdicts)
                if sizes:
                    refuted += 1
                    smallest.append(min(sizes))
            name = os.path.basename(os.path.normpath(case_dir))
            cells = ([min(smallest), statistics.median(smallest), max(smallest)]
                     if smallest else ["-", "-", "-"])
            print(f"{name:28} {failed:>5}/{args.n} {refuted:>5}/{args.n} {cells[0]:>8} "
                  f"{cells[1]:>7} {cells[2]:>5}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
