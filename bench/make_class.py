#!/usr/bin/env python3
"""Generates a class of student submissions for `grader batch`, with the verdict each must get.

    bench/make_class.py --students 60 --seed 1 -o /tmp/class

writes /tmp/class/root/<student>/<exercise>/ (the layout `grader batch` reads) and
/tmp/class/expected.csv with one row per (student, exercise):

    student,exercise,case,expected

`case` is `reference`, a known-bad folder's name, `absent` (no folder: the gradebook cell
stays empty) or `unusable` (a folder without the submitted files: stored as 0 with an
error). `expected` is `full marks`, the known-bad's verdict from its expected.yaml,
`absent` or `unusable`. bench/check_class.py compares a batch's OUT with it.

Each submission is the reference or a known-bad solution with small variations that change
its bytes but not its behaviour (a header comment naming the student, blank lines, trailing
spaces), so every submission has its own content and its own grading key, as in a real
class. Everything derives from --seed: the same seed gives the same class.
"""
import argparse
import csv
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FIRST = ["ada", "ben", "cai", "dana", "eli", "fay", "gus", "hana", "ivo", "jun", "kim",
         "lea", "max", "nia", "oto", "pia", "quin", "rui", "sia", "tom", "uma", "vic",
         "wen", "xia", "yan", "zoe"]


def submitted_files(spec_file):
    """The `submit.required` file names of a spec (a flow list on one line)."""
    text = open(spec_file, encoding="utf-8").read()
    match = re.search(r"^submit:\s*\n\s+required:\s*\[([^\]]*)\]", text, re.M)
    if not match:
        sys.exit(f"{spec_file}: no 'submit: required: [...]' list found")
    return [name.strip() for name in match.group(1).split(",") if name.strip()]


def known_bad_cases(exercise):
    """(name, verdict) of each known-bad folder of the exercise, by name."""
    folder = os.path.join(ROOT, "reference", exercise, "bad")
    cases = []
    if not os.path.isdir(folder):
        return cases
    for name in sorted(os.listdir(folder)):
        expected = os.path.join(folder, name, "expected.yaml")
        if not os.path.isfile(expected):
            continue
        match = re.search(r"^verdict:\s*(\S+)", open(expected, encoding="utf-8").read(), re.M)
        if not match:
            sys.exit(f"{expected}: no 'verdict:' line")
        cases.append((name, match.group(1)))
    return cases


def vary(text, student, rng):
    """The same program with different bytes: a comment, blank lines, trailing spaces."""
    lines = text.split("\n")
    header = f"// submitted by {student}"
    if lines and lines[0].startswith("#!"):
        lines.insert(1, header)
    else:
        lines.insert(0, header)
    for _ in range(rng.randint(0, 3)):
        # A blank line after a line that ends a statement or a block: harmless anywhere.
        candidates = [i for i, line in enumerate(lines) if line.rstrip().endswith((";", "}"))]
        if candidates:
            lines.insert(rng.choice(candidates) + 1, "")
    if rng.random() < 0.5:
        lines = [line + " " if line.strip() and not line.rstrip().endswith("\\") else line
                 for line in lines]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exercises", nargs="*", help="default: every exercise in specs/")
    parser.add_argument("--good", type=float, default=0.5,
                        help="share of submissions that are the reference (default 0.5)")
    parser.add_argument("--absent", type=float, default=0.04,
                        help="share with no folder (default 0.04)")
    parser.add_argument("--unusable", type=float, default=0.02,
                        help="share with a folder but no files (default 0.02)")
    parser.add_argument("-o", "--out", required=True, help="folder to create (must not exist)")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"{args.out}: exists; choose a new folder")

    exercises = args.exercises or sorted(
        name for name in os.listdir(os.path.join(ROOT, "specs"))
        if os.path.isfile(os.path.join(ROOT, "specs", name, "spec.yaml")))
    rng = random.Random(args.seed)
    students = [f"{FIRST[i % len(FIRST)]}{i // len(FIRST) + 1:02d}"
                for i in range(args.students)]
    rows = []
    tmp = args.out + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    for exercise in exercises:
        files = submitted_files(os.path.join(ROOT, "specs", exercise, "spec.yaml"))
        bad = known_bad_cases(exercise)
        next_bad = rng.randrange(len(bad)) if bad else 0
        for student in students:
            roll = rng.random()
            if roll < args.absent:
                rows.append((student, exercise, "absent", "absent"))
                continue
            folder = os.path.join(tmp, "root", student, exercise)
            os.makedirs(folder)
            if roll < args.absent + args.unusable:
                rows.append((student, exercise, "unusable", "unusable"))
                continue
            if roll < args.absent + args.unusable + args.good or not bad:
                case, expected, source = ("reference", "full marks",
                                          os.path.join(ROOT, "reference", exercise))
            else:
                # Round robin over the known-bad cases, so that each one appears.
                case, expected = bad[next_bad % len(bad)]
                next_bad += 1
                source = os.path.join(ROOT, "reference", exercise, "bad", case)
            for name in files:
                text = open(os.path.join(source, name), encoding="utf-8").read()
                with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
                    out.write(vary(text, student, rng))
            rows.append((student, exercise, case, expected))
    os.makedirs(os.path.join(tmp, "root"), exist_ok=True)
    with open(os.path.join(tmp, "expected.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "exercise", "case", "expected"])
        writer.writerows(sorted(rows))
    os.rename(tmp, args.out)
    counts = {}
    for _, _, _, expected in rows:
        counts[expected] = counts.get(expected, 0) + 1
    print(f"{args.out}: {len(students)} students x {len(exercises)} exercises, "
          f"{sum(1 for r in rows if r[2] != 'absent')} submission folders; " +
          ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
