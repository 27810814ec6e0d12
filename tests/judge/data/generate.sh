#!/bin/sh
# Regenerates the judge's fixtures from sources/: real sanitizer reports and GoogleTest JSON
# results, produced inside bubblewrap with the sources at /submission so that paths look as
# the harness sees them. garbage.txt is written by hand and left alone. Run from anywhere:
#   sh tests/judge/data/generate.sh
set -eu
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

# Each program exits with a report (their exit status is not 0, hence `|| true`).
inside "g++ $tsan data_race.cpp -o data_race &&
        $(tsan_env /submission/out.data_race) ./data_race || true"
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
