#!/usr/bin/env python3
"""The batch figures on a generated class, measured in one go.

    bench/class_batch.py --students 60 --seed 1 --work /tmp/class-run [--jobs 2]
                         [--exercises E...] [--uninterrupted] [--speedup-students 10]
    bench/class_batch.py --work /tmp/class-run --continue

A 60-student class takes hours on a 2-core machine. SIGTERM or SIGINT stops a run (the
running batch's process group is SIGKILLed) and `--continue` carries it on later with the
arguments it was started with: a step cut short is done again from its start, except the
cold batch's resume, which `grader batch --resume` continues; its time is the sum of the
parts, each counted while it ran (WORK/state.json).

Steps, each printed with its figures (and all of them in WORK/figures.json):
  1. bench/make_class.py makes the class; the project's specs/ and reference/ are copied
     into WORK/project so that step 5 can change a spec without touching the repository.
  2. Cold batch (a fresh cache folder, holding only the machine's speed calibrations from
     `grader calibrate`, see --calibration) with -j JOBS, killed with SIGKILL (the whole process
     group) once half of the results are stored, then `--resume`d to the end: wall time of
     both parts, submissions per minute, processes left behind after the kill.
  3. bench/check_class.py: every verdict as expected; the gradebook cells equal the results.
  4. With --uninterrupted: the same batch again without a kill, in another fresh cache,
     its gradebook compared with the resumed one byte for byte, and every result with
     bench/compare_batch_outputs.py (apart from what was measured; WORK/compare.log).
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


BATCHES = []  # the batches running now, each in its own process group


def stop(signum, _frame):
    """SIGTERM or SIGINT: SIGKILL the running batch's process group (as step 2 does) and
    exit, leaving WORK for --continue."""
    for process in BATCHES:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    log(f"stopped by signal {signum}; carry on with --continue")
    sys.exit(128 + signum)


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
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        BATCHES.append(process)
        code = process.wait()
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
        BATCHES.append(process)
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


class State:
    """WORK/state.json: the arguments, the steps done and their figures, so that --continue
    carries on where a stopped run left off (a step cut short is done again from its start,
    except the cold batch's resume, which the grader's --resume continues)."""

    def __init__(self, work):
        self.file = os.path.join(work, "state.json")
        self.data = {"done": [], "figures": {}, "resume_segments": []}
        if os.path.exists(self.file):
            with open(self.file, encoding="utf-8") as f:
                self.data = json.load(f)

    def save(self):
        with open(self.file + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=2)
        os.replace(self.file + ".tmp", self.file)

    @property
    def figures(self):
        return self.data["figures"]

    def done(self, step):
        return step in self.data["done"]

    def finish(self, step):
        self.data["done"].append(step)
        self.save()


def result_files(out):
    """{student/exercise.json: bytes} of the results stored in OUT."""
    found = {}
    for student in os.listdir(out):
        folder = os.path.join(out, student)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                with open(os.path.join(folder, name), "rb") as f:
                    found[os.path.join(student, name)] = f.read()
    return found


def resume_cold(args, state, log_file):
    """Runs the cold batch's --resume to its end. Its seconds go into the state every 10 s,
    so that a run stopped here and continued later adds up only the time it ran."""
    segments = state.data["resume_segments"]
    segments.append(0.0)
    start = time.monotonic()
    with open(log_file, "a", encoding="utf-8") as logf:
        process = subprocess.Popen(args, stdout=logf, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        BATCHES.append(process)
        while process.poll() is None:
            time.sleep(1)
            if time.monotonic() - start - segments[-1] >= 10:
                segments[-1] = time.monotonic() - start
                state.save()
    segments[-1] = time.monotonic() - start
    state.save()
    return process.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--exercises", nargs="*", default=[])
    parser.add_argument("--work", required=True, help="a new folder for everything")
    parser.add_argument("--continue", dest="resume_run", action="store_true",
                        help="carry on a run in WORK that was stopped (its own arguments "
                             "are used; the others given here are ignored)")
    parser.add_argument("--uninterrupted", action="store_true")
    parser.add_argument("--speedup-students", type=int, default=10)
    parser.add_argument("--calibration", default=default_calibration(),
                        help="a folder of `grader calibrate` results copied into every fresh "
                             "cache, so speed tests report on the machine's calibrated scale "
                             "(default: the one in the grader's default cache)")
    parser.add_argument("--changed-spec", default="counter",
                        help="the exercise whose spec step 5 changes (default counter)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    work = args.work
    if args.resume_run:
        if not os.path.exists(os.path.join(work, "state.json")):
            sys.exit(f"{work}: no state.json; nothing to continue")
        state = State(work)
        args = argparse.Namespace(**{**vars(args), **state.data["args"], "work": work})
        log(f"continuing {work}: done so far: {', '.join(state.data['done']) or 'nothing'}")
    else:
        if os.path.exists(work):
            sys.exit(f"{work}: exists; choose a new folder (or --continue a stopped run)")
        os.makedirs(work)
        state = State(work)
        state.data["args"] = {k: v for k, v in vars(args).items()
                              if k not in ("work", "resume_run")}
        state.save()
    figures = state.figures
    class_dir = os.path.join(work, "class")
    root = os.path.join(class_dir, "root")
    out = os.path.join(work, "out")
    cache = os.path.join(work, "cache-cold")
    log_file = os.path.join(work, "cold.log")

    # 1. The class and a copy of the project.
    if not state.done("make"):
        for part in ("project", "workspaces", "class"):
            shutil.rmtree(os.path.join(work, part), ignore_errors=True)
        os.makedirs(os.path.join(work, "project"))
        os.makedirs(os.path.join(work, "workspaces"))
        for part in ("specs", "reference"):
            shutil.copytree(os.path.join(ROOT, part), os.path.join(work, "project", part),
                            symlinks=True)
        figures.update({"students": args.students, "seed": args.seed, "jobs": args.jobs})
        make = [sys.executable, os.path.join(ROOT, "bench", "make_class.py"), "--students",
                str(args.students), "--seed", str(args.seed), "-o", class_dir]
        if args.exercises:
            make += ["--exercises", *args.exercises]
        log(subprocess.check_output(make, text=True).strip())
        figures["submissions"] = len(jobs_in(class_dir, args.exercises))
        state.finish("make")
    total = figures["submissions"]

    # 2. Cold, killed half-way, resumed.
    if not state.done("cold-kill"):
        for part in (out, cache):
            shutil.rmtree(part, ignore_errors=True)
        new_cache(cache, args.calibration)
        figures["calibrated"] = os.path.isdir(os.path.join(cache, "calibration"))
        log(f"speed calibrations: "
            f"{'copied from ' + args.calibration if figures['calibrated'] else 'none'}")
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
        with open(os.path.join(work, "before-kill.json"), "w", encoding="utf-8") as f:
            json.dump({name: data.hex() for name, data in result_files(out).items()}, f)
        figures.update({"killed_after_seconds": first, "results_at_kill": at_kill,
                        "processes_left_after_kill": len(left)})
        state.finish("cold-kill")
    if not state.done("cold-resume"):
        if state.data["resume_segments"]:
            log(f"cold: resuming again after a stop ({len(state.data['resume_segments'])} "
                f"part(s) so far, {sum(state.data['resume_segments']):.0f} s)")
        code = resume_cold(batch_args(work, root, out, cache, args.seed, args.jobs,
                                      args.exercises, ["--resume"]), state, log_file)
        with open(os.path.join(work, "before-kill.json"), encoding="utf-8") as f:
            before = {name: bytes.fromhex(data) for name, data in json.load(f).items()}
        now = result_files(out)
        changed = [name for name, data in before.items() if now.get(name) != data]
        second = sum(state.data["resume_segments"])
        first = figures["killed_after_seconds"]
        cold = first + second
        figures.update({"cold_seconds": cold, "resumed_seconds": second,
                        "resume_parts": len(state.data["resume_segments"]),
                        "finished_results_changed_by_resume": len(changed),
                        "submissions_per_minute": total * 60 / cold, "resume_exit": code})
        log(f"cold: {cold:.0f} s in all ({first:.0f} s before the kill, {second:.0f} s resumed "
            f"in {len(state.data['resume_segments'])} part(s), exit {code}); "
            f"{total * 60 / cold:.2f} submissions/min; results stored before the kill and "
            f"changed by the resume: {len(changed)}")
        state.finish("cold-resume")
    cold = figures["cold_seconds"]

    # 3. The verdicts.
    if not state.done("check"):
        check = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "check_class.py"),
                                class_dir, out], text=True, capture_output=True)
        log(check.stdout.strip())
        figures["verdicts_as_expected"] = check.returncode == 0
        state.finish("check")

    # 4. Uninterrupted, for the gradebook.
    if args.uninterrupted and not state.done("uninterrupted"):
        out_b = os.path.join(work, "out-uninterrupted")
        cache_b = os.path.join(work, "cache-b")
        for part in (out_b, cache_b):
            shutil.rmtree(part, ignore_errors=True)
        new_cache(cache_b, args.calibration)
        seconds, _ = run_batch(batch_args(work, root, out_b, cache_b,
                                          args.seed, args.jobs, args.exercises),
                               os.path.join(work, "uninterrupted.log"))
        same = (open(os.path.join(out, "gradebook.csv"), "rb").read() ==
                open(os.path.join(out_b, "gradebook.csv"), "rb").read())
        # Every result too, apart from what was measured (docs/batch.md "Comparing two
        # outputs"); the differences are listed in WORK/compare.log.
        compare = subprocess.run([sys.executable,
                                  os.path.join(ROOT, "bench", "compare_batch_outputs.py"),
                                  out, out_b], text=True, capture_output=True)
        with open(os.path.join(work, "compare.log"), "w", encoding="utf-8") as f:
            f.write(compare.stdout + compare.stderr)
        # On a difference the script prints one line each, then a count line.
        differences = (len(compare.stdout.splitlines()) - 1) if compare.returncode == 1 else 0
        figures.update({"uninterrupted_seconds": seconds, "gradebooks_identical": same,
                        "outputs_same_apart_from_measured": compare.returncode == 0,
                        "output_differences": differences})
        log(f"uninterrupted: {seconds:.0f} s; gradebook identical to the resumed one: {same}; "
            f"every result the same apart from what was measured: {compare.returncode == 0} "
            f"({differences} difference(s), {os.path.join(work, 'compare.log')})")
        state.finish("uninterrupted")

    # 5. Warm, then one spec changed (done again from the unchanged spec if cut short).
    if not state.done("warm"):
        warm_log = os.path.join(work, "warm.log")
        out_w = os.path.join(work, "out-warm")
        spec_file = os.path.join(work, "project", "specs", args.changed_spec, "spec.yaml")
        shutil.copyfile(os.path.join(ROOT, "specs", args.changed_spec, "spec.yaml"), spec_file)
        shutil.rmtree(out_w, ignore_errors=True)
        warm, _ = run_batch(batch_args(work, root, out_w, cache, args.seed, args.jobs,
                                       args.exercises), warm_log)
        figures.update({"warm_seconds": warm, "warm_over_cold": warm / cold,
                        "warm_graded_reused": graded_count(warm_log)[-1]})
        log(f"warm: {warm:.1f} s, {100 * warm / cold:.2f}% of the cold time; graded, reused: "
            f"{graded_count(warm_log)[-1]}")
        text = open(spec_file, encoding="utf-8").read()
        changed_text, n = re.subn(r"^(\s+wall_time:\s*)(\d+)s",
                                  lambda m: f"{m.group(1)}{int(m.group(2)) + 5}s", text,
                                  count=1, flags=re.M)
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
        state.finish("warm")

    # 6. The correctness phase, -j 1 against -j JOBS.
    if not state.done("jobs"):
        specs = os.path.join(work, "project", "specs")
        untimed = [e for e in sorted(os.listdir(specs))
                   if os.path.isfile(os.path.join(specs, e, "spec.yaml"))
                   and "speed:" not in open(os.path.join(specs, e, "spec.yaml"),
                                            encoding="utf-8").read()
                   and (not args.exercises or e in args.exercises)]
        subset = os.path.join(work, "subset")
        shutil.rmtree(subset, ignore_errors=True)
        os.makedirs(subset)
        for student in sorted(os.listdir(root))[:args.speedup_students]:
            shutil.copytree(os.path.join(root, student), os.path.join(subset, student))
        times = {}
        for offset, jobs in enumerate((1, args.jobs), start=1):
            # The cache of step 2 holds the compiled drivers (what every grading after an
            # exercise's first one finds); another seed gives every job a new grading key, so
            # each submission is really graded again.
            shutil.rmtree(os.path.join(work, f"out-j{jobs}"), ignore_errors=True)
            seconds, _ = run_batch(batch_args(work, subset, os.path.join(work, f"out-j{jobs}"),
                                              cache, args.seed + offset, jobs, untimed),
                                   os.path.join(work, f"j{jobs}.log"))
            times[jobs] = seconds
            log(f"correctness phase, {args.speedup_students} students x {len(untimed)} "
                f"exercises without a speed test, drivers compiled, -j {jobs}: {seconds:.0f} s")
        figures.update({"correctness_exercises": untimed, "j1_seconds": times[1],
                        f"j{args.jobs}_seconds": times[args.jobs],
                        "j_speedup": times[1] / times[args.jobs]})
        log(f"speedup of -j {args.jobs} over -j 1: {times[1] / times[args.jobs]:.2f}x")
        state.finish("jobs")
    with open(os.path.join(work, "figures.json"), "w", encoding="utf-8") as f:
        json.dump(figures, f, indent=2)
    log(f"figures: {os.path.join(work, 'figures.json')}")
    return 0 if figures["verdicts_as_expected"] else 1


if __name__ == "__main__":
    sys.exit(main())
