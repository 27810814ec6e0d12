#!/usr/bin/env bash
# The linearizability checker against a plain Python implementation of the same algorithm
# (bench/wgl_python.py), on every labelled etcd history, measured in one run: each history
# is checked by one, then the other. Prints one line per history and a summary.
#   bench/compare_wgl.sh [GRADER] [HISTORY_DIR] [PYTHON_TIMEOUT_SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.."
grader=${1:-build/grader}
dir=${2:-../shared/data/linearizability/porcupine-etcd}
limit=${3:-300}
now() { date +%s.%N; }
printf '%-14s %-6s %8s %-18s %10s %-18s %10s\n' history label bytes grader seconds python seconds
agree=0 disagree=0 total=0 grader_sum=0 python_sum=0
while IFS=$'\t' read -r file label; do
  [ "$file" = file ] && continue
  [ -s "$dir/$file" ] || continue
  start=$(now)
  "$grader" linearizability --model cas-register "$dir/$file" > /tmp/compare-wgl.out 2>&1
  code=$?
  grader_seconds=$(awk "BEGIN { print $(now) - $start }")
  case $code in 0) g=linearizable ;; 1) g="not linearizable" ;; 4) g=unknown ;; *) g=error ;; esac
  p_line=$(timeout "$limit" python3 bench/wgl_python.py "$dir/$file")
  if [ -z "$p_line" ]; then p="timeout"; p_seconds=">$limit"; else
    p=${p_line% *}; p_seconds=${p_line##* }; fi
  expected=$([ "$label" = true ] && echo linearizable || echo "not linearizable")
  total=$((total + 1))
  if [ "$g" = "$expected" ] && [ "$p" = "$expected" ]; then agree=$((agree + 1)); else disagree=$((disagree + 1)); fi
  grader_sum=$(awk "BEGIN { print $grader_sum + $grader_seconds }")
  [[ $p_seconds == \>* ]] || python_sum=$(awk "BEGIN { print $python_sum + $p_seconds }")
  printf '%-14s %-6s %8s %-18s %10.3f %-18s %10s\n' "$file" "$label" "$(stat -c %s "$dir/$file")" \
    "$g" "$grader_seconds" "$p" "$p_seconds"
done < "$dir/LABELS.tsv"
echo "histories: $total; both answers match the label: $agree; not: $disagree"
echo "total seconds: grader $grader_sum (whole process each time), python $python_sum (search only)"
