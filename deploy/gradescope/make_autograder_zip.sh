#!/usr/bin/env bash
# make_autograder_zip.sh EXERCISE OUT.zip
#
# Packs the Gradescope autograder of one exercise: setup.sh, run_autograder and
# exercise.conf (EXERCISE=<name>) at the top of the zip, beside the whole repository (its
# working tree, without build folders, .git and the example exercise.conf). Gradescope
# unpacks it into /autograder/source, runs setup.sh once, and run_autograder for each
# submission.
#
# Needs `zip`, or python3 when zip is missing.
set -euo pipefail

usage() {
  echo "usage: $0 EXERCISE OUT.zip" >&2
  echo "  e.g. $0 parallel_sum parallel_sum-autograder.zip" >&2
}
[ $# -eq 2 ] || { usage; exit 2; }
exercise=$1
out=$2

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)

if [[ ! "$exercise" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] \
   || [ ! -f "$repo/specs/$exercise/spec.yaml" ]; then
  echo "$0: unknown exercise '$exercise'; the exercises are:" >&2
  for spec in "$repo"/specs/*/spec.yaml; do
    name=${spec%/spec.yaml}
    echo "  ${name##*/}" >&2
  done
  exit 2
fi
case $out in
  *.zip) ;;
  *) echo "$0: OUT must end in .zip (got '$out')" >&2; exit 2 ;;
esac
out_dir=$(dirname -- "$out")
[ -d "$out_dir" ] || { echo "$0: no folder $out_dir for $out" >&2; exit 2; }
out_abs=$(cd "$out_dir" && pwd)/$(basename -- "$out")

stage=$(mktemp -d "${TMPDIR:-/tmp}/autograder-zip.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT

# The repository's working tree, without build output, version control and editor caches.
tar -C "$repo" \
    --exclude=./.git --exclude=./build --exclude='./build-*' --exclude=.cache \
    --exclude=./deploy/gradescope/exercise.conf \
    --exclude="./${out_abs#"$repo"/}" \
    -cf - . | tar -C "$stage" -xf -

cp -- "$script_dir/setup.sh" "$stage/setup.sh"
cp -- "$script_dir/run_autograder" "$stage/run_autograder"
chmod 755 "$stage/setup.sh" "$stage/run_autograder"
{
  echo "# The exercise this autograder grades (written by make_autograder_zip.sh)."
  echo "EXERCISE=$exercise"
  # TIME_LIMIT=seconds stops a grading that runs longer (default: Gradescope's timeout).
} >"$stage/exercise.conf"

rm -f -- "$out_abs"
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && zip -q -r -X "$out_abs" .)
elif command -v python3 >/dev/null 2>&1; then
  python3 - "$stage" "$out_abs" <<'PYTHON'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(stage):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, stage))  # keeps the mode bits
PYTHON
else
  echo "$0: neither zip nor python3 is installed: install zip (apt-get install zip)" >&2
  exit 1
fi

files=$(find "$stage" -type f | wc -l)
size=$(du -h -- "$out_abs" | cut -f1)
echo "wrote $out_abs ($size, $files files) for exercise '$exercise'"
echo "Upload it on Gradescope: assignment > Configure Autograder > Zip file upload," \
     "base image Ubuntu 24.04 (see deploy/gradescope/README.md)."
