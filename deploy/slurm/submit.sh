#!/usr/bin/env bash
# Grades a course on a Slurm cluster: ROOT as N shards, one task each of a job array
# (grade-array.sbatch), then one job that merges them (merge.sbatch) once all N finished.
#
#   deploy/slurm/submit.sh ROOT OUT N [grader batch options...]
#
# writes OUT/shards/<K>/ (each shard's batch output), OUT/merged/ (the whole course's, as
# one machine would write it: OUT/merged/gradebook.csv) and OUT/logs/ (shard-<i>.log for
# array index i, merge.log). ROOT, OUT and the grader must be on paths every node sees.
# Prints the two job ids as "array job: <id>" and "merge job: <id>".
#
# Environment: GRADER (default: build/grader of this checkout), CPUS_PER_TASK (default the
# script's 2: `grader batch -j`), and sbatch's own SBATCH_PARTITION, SBATCH_ACCOUNT,
# SBATCH_TIMELIMIT, ... for both jobs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 3 ]; then
  echo "usage: $0 ROOT OUT N [grader batch options...]" >&2
  exit 2
fi
root=$1 out=$2 count=$3
shift 3
case "$count" in
  '' | *[!0-9]* | 0*) echo "$0: N must be a whole number >= 1, not '$count'" >&2; exit 2 ;;
esac
if [ ! -d "$root" ]; then
  echo "$0: $root: not a folder (expected ROOT/<student>/<exercise>/)" >&2
  exit 2
fi
for arg in "$@"; do
  case "$arg" in
    --shard | --shard=* | -o | --out | --out=* | --resume)
      echo "$0: $arg is set for each task; give only the batch's own options" >&2
      exit 2 ;;
  esac
done
grader=${GRADER:-$here/../../build/grader}
if [ ! -x "$grader" ]; then
  echo "$0: $grader: no grader binary there (build it, or set GRADER)" >&2
  exit 2
fi
grader=$(realpath "$grader")
root=$(realpath "$root")
out=$(realpath -m "$out")
mkdir -p "$out/logs"

cpus=()
if [ -n "${CPUS_PER_TASK:-}" ]; then cpus=(--cpus-per-task="$CPUS_PER_TASK"); fi
# --parsable prints "<id>" or "<id>;<cluster>".
array=$(sbatch --parsable --array="0-$((count - 1))" "${cpus[@]}" \
  --output="$out/logs/shard-%a.log" --export="ALL,GRADER=$grader" \
  "$here/grade-array.sbatch" "$root" "$out" "$count" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --output="$out/logs/merge.log" \
  --export="ALL,GRADER=$grader" "$here/merge.sbatch" "$out" "$count")
merge=${merge%%;*}

echo "array job: $array"
echo "merge job: $merge"
echo "progress: squeue -j $array,$merge    the gradebook, once merged: $out/merged/gradebook.csv"
