#!/bin/sh
# Regenerates the gdb fixtures (gdb_*.txt): real `thread apply all bt` output of hung
# programs, taken from the host with the gdb options of harness/run/stack_dump.cc while the
# program runs inside bubblewrap with its sources at /submission, as a test run does.
#   sh tests/judge/data/gdb_generate.sh            (as root: gdb attaches to the sandbox)
# gdb_grader_asan_self_lock.txt is taken from a real grading of gdb_self_lock/counter.hpp
# (the counter exercise's asan test, with the chaos runtime linked), when build/grader exists.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/gdb_hangs.cpp" "$work/"

inside() {
  bwrap --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
        --symlink usr/bin /bin --proc /proc --dev /dev --tmpfs /tmp --die-with-parent \
        --bind "$work" /submission --chdir /submission -- sh -c "$1"
}

# gdb as DumpThreadStacks runs it; extra options first (e.g. no separate debug files).
dump() {
  pid=$1
  shift
  gdb -nx -batch "$@" -iex "set auto-load gdb-scripts off" \
      -iex "set auto-load python-scripts off" -iex "set auto-load local-gdbinit off" \
      -iex 'set libthread-db-search-path $sdir' -iex "set debuginfod enabled off" \
      -iex "set confirm off" -p "$pid" -ex "set pagination off" -ex "set width 0" \
      -ex "set print address off" -ex "set print frame-arguments presence" \
      -ex "thread apply all bt 64" 2>/dev/null
}

# capture BINARY SCENARIO FIXTURE [gdb options]: runs it sandboxed, dumps it once hung.
capture() {
  binary=$1 scenario=$2 fixture=$3
  shift 3
  inside "exec ./$binary $scenario" &
  sleep 1
  pid=$(pgrep -f -n "^\./$binary $scenario\$")
  dump "$pid" "$@" > "$here/$fixture"
  kill "$pid"
  wait || true
}

inside "g++ -std=c++20 -O0 -g -pthread gdb_hangs.cpp -o hangs &&
        g++ -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=thread -pthread \
            gdb_hangs.cpp -o hangs_tsan &&
        g++ -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -pthread \
            gdb_hangs.cpp -o hangs_asan &&
        g++ -std=c++20 -O0 -g0 -pthread gdb_hangs.cpp -o hangs_stripped && strip hangs_stripped"
capture hangs two-mutexes gdb_two_mutexes.txt
capture hangs_tsan self-lock gdb_tsan_self_lock.txt
capture hangs lost-wakeup gdb_lost_wakeup.txt
capture hangs_asan busy-loop gdb_asan_busy_loop.txt
capture hangs_tsan busy-loop gdb_tsan_busy_loop.txt
# A machine without libc6-dbg and a program without debug information: no files, no lines.
capture hangs_stripped two-mutexes gdb_no_debug_info.txt \
        -iex "set debug-file-directory /nonexistent"

if [ -x "$root/build/grader" ]; then
  submission=$(mktemp -d)
  cp "$here/gdb_self_lock/counter.hpp" "$submission/"
  "$root/build/grader" check counter "$submission" --test basics >/dev/null 2>&1 &
  grader=$!
  pid=""
  while [ -z "$pid" ]; do
    sleep 1
    pid=$(pgrep -f -n "^$submission/.grader/asan/test|^/submission/.grader/asan/test" || true)
  done
  sleep 1
  dump "$pid" > "$here/gdb_grader_asan_self_lock.txt"
  kill "$grader" 2>/dev/null || true
  wait || true
  rm -rf "$submission"
fi
