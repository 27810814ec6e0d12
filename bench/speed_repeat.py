#!/usr/bin/env python3
"""Grades the speed tests of given submissions N times each and prints a table.

    bench/speed_repeat.py [-n 20] [--seed S] [--grader build/grader] \
        EXERCISE:SUBMISSION_DIR:EXPECTED ...

EXPECTED is the verdict the speed test must get: ok or too-slow. Each grading is
`grader check EXERCISE DIR --test <every speed test> --seed S+i --json ...`; the cases take
turns (case 1 grading 1, case 2 grading 1, ..., case 1 grading 2, ...), so a slow drift of
the machine falls on every case alike. `--keep DIR` keeps every result. The table gives, per case and speed test, how many
gradings got the expected verdict, how many were "not judged: too noisy", and the
student's reported speedup at the judged thread count: min, median, max and the spread
(max - min) / median.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="gradings per case")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--grader", default="build/grader")
    parser.add_argument("--test", default="speedup", help="the speed test's name")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep each grading's result JSON as DIR/<case>-<seed>.json")
    parser.add_argument("cases", nargs="+", metavar="EXERCISE:DIR:EXPECTED")
    args = parser.parse_args()

    cases = []
    for text in args.cases:
        try:
            exercise, folder, expected = text.split(":")
        except ValueError:
            sys.exit(f"{text}: expected EXERCISE:DIR:EXPECTED")
        if expected not in ("ok", "too-slow"):
            sys.exit(f"{text}: EXPECTED is ok or too-slow, not {expected}")
        cases.append({"exercise": exercise, "dir": folder, "expected": expected,
                      "verdicts": [], "speedups": [], "noisy": 0, "seconds": []})

    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "result.json")
        for i in range(args.n):
            for case in cases:
                seed = args.seed + i
                command = [args.grader, "--no-color", "check", case["exercise"], case["dir"],
                           "--test", args.test, "--seed", str(seed), "--json", out]
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode not in (0, 1):
                    sys.exit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr}")
                with open(out) as f:
                    test = json.load(f)["tests"][0]
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    name = f"{case['exercise']}-{os.path.basename(case['dir'])}-{seed}.json"
                    with open(os.path.join(args.keep, name), "w") as f:
                        json.dump(test, f)
                speed = test.get("evidence", {}).get("speed", {})
                verdict = test["verdict"]
                case["verdicts"].append(verdict)
                if speed.get("outcome") == "too-noisy":
                    case["noisy"] += 1
                judged = speed.get("judged_threads")
                for point in speed.get("curve", []):
                    if point["threads"] == judged:
                        case["speedups"].append(point["student_speedup"])
                case["seconds"].append(speed.get("seconds", 0))
                print(f"  {case['exercise']} {case['dir']} seed {seed}: {verdict}"
                      f" {test.get('message', '')[:100]}", file=sys.stderr, flush=True)

    print(f"{args.n} gradings per case of test '{args.test}' (seeds {args.seed}.."
          f"{args.seed + args.n - 1})")
    print(f"{'case':<52} {'expected':<9} {'as expected':>11} {'too noisy':>9} "
          f"{'speedup min':>11} {'median':>7} {'max':>6} {'spread':>7} {'s/grading':>9}")
    for case in cases:
        hits = sum(v == case["expected"] for v in case["verdicts"])
        noisy = case["noisy"]
        s = case["speedups"]
        if s:
            median = statistics.median(s)
            cells = (f"{min(s):>10.2f}x {median:>6.2f}x {max(s):>5.2f}x "
                     f"{100 * (max(s) - min(s)) / median:>6.1f}%")
        else:
            cells = f"{'-':>11} {'-':>7} {'-':>6} {'-':>7}"
        name = f"{case['exercise']} {case['dir']}"
        print(f"{name:<52} {case['expected']:<9} {hits:>5}/{len(case['verdicts']):<5} "
              f"{noisy:>9} {cells} {statistics.median(case['seconds']):>9.1f}")


if __name__ == "__main__":
    main()
