#!/usr/bin/env python3
"""Checks a batch's OUT against the verdicts bench/make_class.py expects.

    bench/check_class.py CLASS OUT

CLASS is the folder make_class.py wrote (CLASS/expected.csv), OUT the batch's output. Each
(student, exercise) row must hold:
  full marks   OUT/<student>/<exercise>.json scores its max_score
  <verdict>    the result's summary verdict (its first test, in the spec's order, that is not
               ok) is that verdict, and the score is below max_score
  absent       no result file, and an empty gradebook cell
  unusable     a result with "error" and score 0
and every gradebook cell must equal its result's score. Prints each mismatch and a count by
expectation; exits 1 on any mismatch, 0 otherwise.
"""
import csv
import json
import os
import sys


def score_text(score):
    return str(int(score)) if float(score).is_integer() else f"{score:g}"


def summary_verdict(result):
    for test in result.get("tests", []):
        if test.get("verdict") != "ok":
            return test.get("verdict")
    return "ok"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    class_dir, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(class_dir, "expected.csv"), newline="", encoding="utf-8") as f:
        expected_rows = list(csv.DictReader(f))
    gradebook_file = os.path.join(out, "gradebook.csv")
    with open(gradebook_file, newline="", encoding="utf-8") as f:
        gradebook = {row["student"]: row for row in csv.DictReader(f)}

    mismatches = []
    tally = {}
    for row in expected_rows:
        student, exercise, expected = row["student"], row["exercise"], row["expected"]
        where = f"{student}/{exercise} ({row['case']})"
        path = os.path.join(out, student, f"{exercise}.json")
        result = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                result = json.load(f)
        cell = gradebook.get(student, {}).get(exercise)
        if student not in gradebook:
            mismatches.append(f"{where}: no gradebook row for {student}")
        ok = True
        if expected == "absent":
            ok = result is None and cell == ""
            why = f"expected no result and an empty cell, found result={result is not None}, cell={cell!r}"
        elif result is None:
            ok, why = False, f"expected {expected}, found no result file {path}"
        elif expected == "unusable":
            ok = "error" in result and result.get("score") == 0
            why = f"expected an unusable submission (error, 0), found score {result.get('score')}"
        elif expected == "full marks":
            ok = result.get("score") == result.get("max_score")
            why = (f"expected full marks, found {result.get('score')}/{result.get('max_score')} "
                   f"({summary_verdict(result)})")
        else:
            actual = summary_verdict(result)
            ok = actual == expected and result.get("score") < result.get("max_score")
            why = (f"expected {expected}, found {actual} "
                   f"({result.get('score')}/{result.get('max_score')})")
        if ok and result is not None and cell != score_text(result.get("score")):
            ok, why = False, f"gradebook cell {cell!r} is not the result's score {result.get('score')}"
        tally.setdefault(expected, [0, 0])
        tally[expected][0] += ok
        tally[expected][1] += 1
        if not ok:
            mismatches.append(f"{where}: {why}")

    for line in mismatches:
        print("MISMATCH", line)
    for expected, (good, total) in sorted(tally.items()):
        print(f"{expected:<14} {good:>4}/{total:<4} as expected")
    print(f"{len(expected_rows) - len(mismatches)}/{len(expected_rows)} rows as expected")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
