#!/usr/bin/env python3
"""Grades the speed tests of given submissions N times each and prints a table.

    bench/speed_repeat.py [-n 20] [--seed S] [--grader build/grader] \
        EXERCISE:SUBMISSION_DIR:EXPECTED ...

EXPECTED is the verdict the speed test must get: ok or too-slow. Each grading is
`grader check EXERCISE DIR --test <every speed test> --seed S+i --json ...`; the cases take
turns (case 1 grading 1, case 2 grading 1, ..., case 1 grading 2, ...), so a slow drift of
the machine falls on every case alike. `--keep DIR` keeps every result. The table gives, per
case, how many gradings got the expected verdict, how many were "not judged: too noisy",
and three figures at the judged thread count, each with its spread (max - min) / median:
  - reported: the speedup the message gives, on the machine's calibrated scale once
    `grader calibrate` has run there (the "basis" column says which);
  - measured: the grading's own speedup of the submission, from its curve runs;
  - ratio: the median ratio the verdict uses (reference time / submission time).
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
                      "verdicts": [], "speedups": [], "measured": [], "ratios": [],
                      "bases": set(), "noisy": 0, "seconds": []})

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
                        case["measured"].append(point["student_speedup"])
                # The speedup the message reports: on the machine's calibrated scale when
                # `grader calibrate` was run, else the grading's own (the curve's).
                reported = speed.get("reported")
                if reported:
                    case["speedups"].append(reported["student_speedup"])
                    case["bases"].add(reported["basis"])
                elif case["measured"] and judged:
                    case["speedups"].append(case["measured"][-1])
                    case["bases"].add("this grading")
                if "median_ratio" in speed:
                    case["ratios"].append(speed["median_ratio"])
                case["seconds"].append(speed.get("seconds", 0))
                print(f"  {case['exercise']} {case['dir']} seed {seed}: {verdict}"
                      f" {test.get('message', '')[:100]}", file=sys.stderr, flush=True)

    def spread_cells(values, unit="x", scale=1):
        if not values:
            return f"{'-':>7} {'-':>7} {'-':>7} {'-':>7}"
        median = statistics.median(values)
        return (f"{min(values) * scale:>6.2f}{unit} {median * scale:>6.2f}{unit} "
                f"{max(values) * scale:>6.2f}{unit} {100 * (max(values) - min(values)) / median:>6.1f}%")

    print(f"{args.n} gradings per case of test '{args.test}' (seeds {args.seed}.."
          f"{args.seed + args.n - 1})")
    print("reported: the speedup the message gives (on the calibrated scale, `grader calibrate`, "
          "when the basis says so); measured: the grading's own curve speedup; ratio: the "
          "median ratio the verdict uses (reference time / student time)")
    print(f"{'case':<52} {'expected':<9} {'as expected':>11} {'too noisy':>9} "
          f"{'reported: min':>13} {'median':>7} {'max':>7} {'spread':>7} "
          f"{'measured spread':>15} {'ratio: min':>10} {'max':>6} {'spread':>7} "
          f"{'s/grading':>9}  basis")
    for case in cases:
        hits = sum(v == case["expected"] for v in case["verdicts"])
        name = f"{case['exercise']} {case['dir']}"
        measured = case["measured"]
        measured_spread = (f"{100 * (max(measured) - min(measured)) / statistics.median(measured):>14.1f}%"
                           if measured else f"{'-':>15}")
        ratios = case["ratios"]
        ratio_cells = (f"{min(ratios):>10.3f} {max(ratios):>6.3f} "
                       f"{100 * (max(ratios) - min(ratios)) / statistics.median(ratios):>6.1f}%"
                       if ratios else f"{'-':>10} {'-':>6} {'-':>7}")
        print(f"{name:<52} {case['expected']:<9} {hits:>5}/{len(case['verdicts']):<5} "
              f"{case['noisy']:>9} {'':>6}{spread_cells(case['speedups'])} {measured_spread} "
              f"{ratio_cells} {statistics.median(case['seconds']):>9.1f}  "
              f"{', '.join(sorted(case['bases'])) or '-'}")


if __name__ == "__main__":
    main()
