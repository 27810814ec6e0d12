#!/usr/bin/env python3
"""The batch figures on a generated class, measured in one go.

    bench/class_batch.py --students 60 --seed 1 --work /tmp/class-run [--jobs 2]
                         [--exercises E...] [--uninterrupted] [--speedup-students 10]

Steps, each printed with its figures (and all of them in WORK/figures.json):
  1. bench/make_class.py makes the class; the project's specs/ and reference/ are copied
     into WORK/project so that step 5 can change a spec without touching the repository.
  2. Cold batch (a fresh cache folder, holding only the machine's speed calibrations from
     `grader calibrate`, see --calibration) with -j JOBS, killed with SIGKILL (the whole process
     group) once half of the results are stored, then `--resume`d to the end: wall time of
     both parts, submissions per minute, processes left behind after the kill.
  3. bench/check_class.py: every verdict as expected; the gradebook cells equal the results.
  4. With --uninterrupted: the same batch again without a kill, in another fresh cache,
     and its gradebook compared with the resumed one byte for byte.
  5. Warm: the same batch into a new OUT with the cache of step 2: wall time against the
     cold time. Then one spec's first `wall_time` limit is raised by 5 s (a change that
     alters grading but no verdict): `--dry-run` must name
     exactly that exercise's submissions, and a `--resume` grades exactly those.
  6. The correctness phase alone (exercises without a speed test, the first
     --speedup-students students), with the drivers already compiled (the cache of step 2)
     and new seeds (so every submission is graded again), with -j 1 and with -j JOBS.
"""
import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADER = os.path.join(ROOT, "build", "grader")


def default_calibration():
    """The calibration folder of the grader's default cache (object_cache.cc)."""
    for variable, suffix in (("GRADER_CACHE_DIR", ""), ("XDG_CACHE_HOME", "grader"),
                             ("HOME", os.path.join(".cache", "grader"))):
        if os.environ.get(variable):
            return os.path.join(os.environ[variable], suffix, "calibration")
    return ""


def new_cache(path, calibration):
    """A fresh cache folder holding only the machine's speed calibrations (if any)."""
    os.makedirs(path)
    if calibration and os.path.isdir(calibration):
        shutil.copytree(calibration, os.path.join(path, "calibration"))
    return path


def log(text):
    print(text, flush=True)


def batch_args(work, root, out, cache, seed, jobs, exercises, extra=()):
    return [GRADER, "--no-color", "--specs", os.path.join(work, "project", "specs"),
            "--cache-dir", cache, "--work-dir", os.path.join(work, "workspaces"), "batch", root, *exercises, "-o", out, "-j", str(jobs),
            "--seed", str(seed), *extra]


def run_batch(args, log_file):
    """Runs a batch to its end; returns (wall seconds, exit code)."""
    start = time.monotonic()
    with open(log_file, "a", encoding="utf-8") as out:
        code = subprocess.call(args, stdout=out, stderr=subprocess.STDOUT)
    return time.monotonic() - start, code


def stored_results(out):
    count = 0
    for folder, _, files in os.walk(out):
        count += sum(1 for name in files if name.endswith(".json")
                     and not name.endswith(".gradescope.json") and folder != out)
    return count


def jobs_in(class_dir, exercises):
    with open(os.path.join(class_dir, "expected.csv"), newline="", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f)
                if row["expected"] != "absent" and (not exercises or row["exercise"] in exercises)]


def processes_in(folder):
    """Processes (other than this script) whose command line or working folder is in folder."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if folder in cmdline or cwd.startswith(folder):
            found.append(f"{pid}: {cmdline[:120]}")
    return found


def killed_half_way(args, out, total, log_file):
    """Starts the batch, SIGKILLs its process group at half the results; returns seconds."""
    start = time.monotonic()
    with open(log_file, "a", encoding="utf-8") as logf:
        process = subprocess.Popen(args, stdout=logf, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        while process.poll() is None and stored_results(out) < total // 2:
            time.sleep(0.5)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return time.monotonic() - start


def graded_count(log_file):
    text = open(log_file, encoding="utf-8").read()
    found = re.findall(r"batch: (\d+) graded, (\d+) reused", text)
    return [(int(g), int(r)) for g, r in found]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--exercises", nargs="*", default=[])
    parser.add_argument("--work", required=True, help="a new folder for everything")
    parser.add_argument("--uninterrupted", action="store_true")
    parser.add_argument("--speedup-students", type=int, default=10)
    parser.add_argument("--calibration", default=default_calibration(),
                        help="a folder of `grader calibrate` results copied into every fresh "
                             "cache, so speed tests report on the machine's calibrated scale "
                             "(default: the one in the grader's default cache)")
    parser.add_argument("--changed-spec", default="counter",
                        help="the exercise whose spec step 5 changes (default counter)")
    args = parser.parse_args()
    if os.path.exists(args.work):
        sys.exit(f"{args.work}: exists; choose a new folder")
    work = args.work
    os.makedirs(os.path.join(work, "project"))
    os.makedirs(os.path.join(work, "workspaces"))
    for part in ("specs", "reference"):
        shutil.copytree(os.path.join(ROOT, part), os.path.join(work, "project", part),
                        symlinks=True)
    figures = {"students": args.students, "seed": args.seed, "jobs": args.jobs}
    class_dir = os.path.join(work, "class")
    make = [sys.executable, os.path.join(ROOT, "bench", "make_class.py"), "--students",
            str(args.students), "--seed", str(args.seed), "-o", class_dir]
    if args.exercises:
        make += ["--exercises", *args.exercises]
    log(subprocess.check_output(make, text=True).strip())
    root = os.path.join(class_dir, "root")
    total = len(jobs_in(class_dir, args.exercises))
    figures["submissions"] = total

    # 2. Cold, killed half-way, resumed.
    out = os.path.join(work, "out")
    cache = new_cache(os.path.join(work, "cache-cold"), args.calibration)
    calibrated = os.path.isdir(os.path.join(cache, "calibration"))
    figures["calibrated"] = calibrated
    log(f"speed calibrations: {'copied from ' + args.calibration if calibrated else 'none'}")
    log_file = os.path.join(work, "cold.log")
    first = killed_half_way(batch_args(work, root, out, cache, args.seed, args.jobs,
                                       args.exercises), out, total, log_file)
    at_kill = stored_results(out)
    time.sleep(2)
    os.makedirs(os.path.join(work, "workspaces"), exist_ok=True)
    left = processes_in(os.path.join(work, "workspaces")) + processes_in(cache)
    log(f"cold: SIGKILL after {first:.0f} s with {at_kill}/{total} results stored; "
        f"processes left in its workspaces or cache: {len(left)}")
    for line in left:
        log(f"  left: {line}")
    before = {}
    for student in os.listdir(out):
        folder = os.path.join(out, student)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                with open(os.path.join(folder, name), "rb") as f:
                    before[os.path.join(student, name)] = f.read()
    second, code = run_batch(batch_args(work, root, out, cache, args.seed, args.jobs,
                                        args.exercises, ["--resume"]), log_file)
    changed = [name for name, data in before.items()
               if open(os.path.join(out, name), "rb").read() != data]
    cold = first + second
    figures.update({"cold_seconds": cold, "killed_after_seconds": first,
                    "results_at_kill": at_kill, "processes_left_after_kill": len(left),
                    "finished_results_changed_by_resume": len(changed),
                    "submissions_per_minute": total * 60 / cold, "resume_exit": code})
    log(f"cold: {cold:.0f} s in all ({first:.0f} s before the kill, {second:.0f} s resumed, "
        f"exit {code}); {total * 60 / cold:.2f} submissions/min; results stored before the "
        f"kill and changed by the resume: {len(changed)}")

    # 3. The verdicts.
    check = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "check_class.py"),
                            class_dir, out], text=True, capture_output=True)
    log(check.stdout.strip())
    figures["verdicts_as_expected"] = check.returncode == 0

    # 4. Uninterrupted, for the gradebook.
    if args.uninterrupted:
        out_b = os.path.join(work, "out-uninterrupted")
        cache_b = new_cache(os.path.join(work, "cache-b"), args.calibration)
        seconds, _ = run_batch(batch_args(work, root, out_b, cache_b,
                                          args.seed, args.jobs, args.exercises),
                               os.path.join(work, "uninterrupted.log"))
        same = (open(os.path.join(out, "gradebook.csv"), "rb").read() ==
                open(os.path.join(out_b, "gradebook.csv"), "rb").read())
        figures.update({"uninterrupted_seconds": seconds, "gradebooks_identical": same})
        log(f"uninterrupted: {seconds:.0f} s; gradebook identical to the resumed one: {same}")

    # 5. Warm, then one spec changed.
    warm_log = os.path.join(work, "warm.log")
    out_w = os.path.join(work, "out-warm")
    warm, _ = run_batch(batch_args(work, root, out_w, cache, args.seed, args.jobs,
                                   args.exercises), warm_log)
    figures.update({"warm_seconds": warm, "warm_over_cold": warm / cold,
                    "warm_graded_reused": graded_count(warm_log)[-1]})
    log(f"warm: {warm:.1f} s, {100 * warm / cold:.2f}% of the cold time; graded, reused: "
        f"{graded_count(warm_log)[-1]}")
    spec_file = os.path.join(work, "project", "specs", args.changed_spec, "spec.yaml")
    text = open(spec_file, encoding="utf-8").read()
    changed_text, n = re.subn(r"^(\s+wall_time:\s*)(\d+)s",
                              lambda m: f"{m.group(1)}{int(m.group(2)) + 5}s", text, count=1,
                              flags=re.M)
    if n != 1:
        sys.exit(f"{spec_file}: no 'wall_time: <N>s' line to change")
    open(spec_file, "w", encoding="utf-8").write(changed_text)
    dry = subprocess.run(batch_args(work, root, out_w, cache, args.seed, args.jobs,
                                    args.exercises, ["--dry-run"]),
                         text=True, capture_output=True)
    named = re.findall(r"(\S+)/(\S+): would be graded", dry.stderr)
    expected_regrade = [row for row in jobs_in(class_dir, args.exercises)
                        if row["exercise"] == args.changed_spec]
    only_that = {exercise for _, exercise in named} <= {args.changed_spec}
    regrade_log = os.path.join(work, "regrade.log")
    regrade, _ = run_batch(batch_args(work, root, out_w, cache, args.seed, args.jobs,
                                      args.exercises, ["--resume"]), regrade_log)
    figures.update({"spec_change_dry_run_named": len(named),
                    "spec_change_expected": len(expected_regrade),
                    "spec_change_only_that_exercise": only_that,
                    "spec_change_graded_reused": graded_count(regrade_log)[-1],
                    "spec_change_seconds": regrade})
    log(f"spec of {args.changed_spec} changed: dry run names {len(named)} submissions "
        f"(the exercise has {len(expected_regrade)}), only that exercise: {only_that}; "
        f"the resume graded, reused {graded_count(regrade_log)[-1]} in {regrade:.0f} s")

    # 6. The correctness phase, -j 1 against -j JOBS.
    untimed = [e for e in sorted(os.listdir(os.path.join(work, "project", "specs")))
               if os.path.isfile(os.path.join(work, "project", "specs", e, "spec.yaml"))
               and "speed:" not in open(os.path.join(work, "project", "specs", e, "spec.yaml"),
                                        encoding="utf-8").read()
               and (not args.exercises or e in args.exercises)]
    subset = os.path.join(work, "subset")
    os.makedirs(subset)
    for student in sorted(os.listdir(root))[:args.speedup_students]:
        shutil.copytree(os.path.join(root, student), os.path.join(subset, student))
    times = {}
    for offset, jobs in enumerate((1, args.jobs), start=1):
        # The cache of step 2 holds the compiled drivers (what every grading after an
        # exercise's first one finds); another seed gives every job a new grading key, so
        # each submission is really graded again.
        seconds, _ = run_batch(batch_args(work, subset, os.path.join(work, f"out-j{jobs}"),
                                          cache, args.seed + offset, jobs, untimed),
                               os.path.join(work, f"j{jobs}.log"))
        times[jobs] = seconds
        log(f"correctness phase, {args.speedup_students} students x {len(untimed)} exercises "
            f"without a speed test, drivers compiled, -j {jobs}: {seconds:.0f} s")
    figures.update({"correctness_exercises": untimed, "j1_seconds": times[1],
                    f"j{args.jobs}_seconds": times[args.jobs],
                    "j_speedup": times[1] / times[args.jobs]})
    log(f"speedup of -j {args.jobs} over -j 1: {times[1] / times[args.jobs]:.2f}x")
    with open(os.path.join(work, "figures.json"), "w", encoding="utf-8") as f:
        json.dump(figures, f, indent=2)
    log(f"figures: {os.path.join(work, 'figures.json')}")
    return 0 if figures["verdicts_as_expected"] else 1


if __name__ == "__main__":
    sys.exit(main())
