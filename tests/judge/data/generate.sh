#!/bin/sh
# Regenerates the judge's fixtures from sources/: real sanitizer reports and GoogleTest JSON
# results, produced inside bubblewrap with the sources at /submission so that paths look as
# the harness sees them. garbage.txt is written by hand and left alone. Run from anywhere:
#   sh tests/judge/data/generate.sh             (every fixture)
#   sh tests/judge/data/generate.sh tsan_kinds  (only the tsan_*.txt fixtures)
set -eu
what=${1:-all}
case $what in
  all | tsan_kinds) ;;
  *) echo "usage: $0 [tsan_kinds]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/sources/* "$work"/

inside() {
  bwrap --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
        --symlink usr/bin /bin --proc /proc --dev /dev --tmpfs /tmp \
        --bind "$work" /submission --chdir /submission -- sh -c "$1"
}

# The flags of harness/build/flavor.cc and the sanitizer options of harness/run/test_runner.cc.
common="-std=c++20 -O1 -g -fno-omit-frame-pointer -pthread"
tsan="$common -fsanitize=thread"
asan="$common -fsanitize=address,undefined -fno-sanitize-recover=undefined"
tsan_env() {
  echo "TSAN_OPTIONS='halt_on_error=1 exitcode=66 second_deadlock_stack=1 log_path=$1'"
}
asan_env() {
  echo "ASAN_OPTIONS='halt_on_error=1 exitcode=67 detect_leaks=1 abort_on_error=0 log_path=$1'" \
       "UBSAN_OPTIONS='halt_on_error=1 print_stacktrace=1 exitcode=68 log_path=$1'" \
       "LSAN_OPTIONS='exitcode=69 log_path=$1'"
}

# One more report of each kind ThreadSanitizer writes, from a small student-like program
# sources/NAME.cpp (with its header), into tsan_NAME.txt. Each ends at its first report
# (halt_on_error); `timeout` keeps a program that would report nothing from hanging.
tsan_kinds() {
  for name in thread_leak heap_use_after_free unlock_unlocked destroy_locked double_lock \
              signal_unsafe global_race atomic_race lock_order_three; do
    inside "g++ $tsan $name.cpp -o $name &&
            $(tsan_env /submission/out.$name) timeout 20 ./$name || true"
    cat "$work"/out.$name.* > "$here/tsan_$name.txt"
  done
  # The lock-order report cut in the middle of its second stack, inside the student's frame.
  { head -n 22 "$here/lock_order.txt"; sed -n 23p "$here/lock_order.txt" | head -c 36; } \
    > "$here/tsan_lock_order_truncated.txt"
}
if [ "$what" = tsan_kinds ]; then
  tsan_kinds
  exit 0
fi

# Each program exits with a report (their exit status is not 0, hence `|| true`).
inside "g++ $tsan data_race.cpp -o data_race"
# Which thread's access comes second is up to the scheduler; the tests read the report of T2
# reading what T1 wrote: run again until it is that one.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  rm -f "$work"/out.data_race.*
  inside "$(tsan_env /submission/out.data_race) ./data_race || true"
  grep -q '^  Read of size 8 at .* by thread T2:$' "$work"/out.data_race.* && break
done
inside "g++ $tsan lock_order.cpp -o lock_order &&
        $(tsan_env /submission/out.lock_order) ./lock_order || true"
inside "g++ $asan use_after_free.cpp -o use_after_free &&
        $(asan_env /submission/out.use_after_free) ./use_after_free || true"
# Combined with ASan, UBSan ignores log_path and reports on stderr: keep that instead.
inside "g++ $asan overflow.cpp -o overflow &&
        $(asan_env /submission/out.overflow) ./overflow 2>/submission/out.overflow.err || true"
for name in data_race lock_order use_after_free overflow; do
  cat "$work"/out.$name.* > "$here/$name.txt"
done
# The race report cut in the middle of its second stack, inside a frame's line.
{ head -n 15 "$here/data_race.txt"; sed -n 16p "$here/data_race.txt" | head -c 40; } \
  > "$here/data_race_truncated.txt"

inside "g++ -std=c++20 gtest_cases.cpp -o gtest_cases -lgtest -lgtest_main -pthread"
for run in Passing:passing Failing:failing Throwing:throwing Nothing:no_tests; do
  suite=${run%%:*}
  name=${run##*:}
  inside "./gtest_cases --gtest_filter='$suite.*' \
            --gtest_output=json:/submission/$name.json >/dev/null || true"
  cp "$work/$name.json" "$here/gtest_$name.json"
done

tsan_kinds
