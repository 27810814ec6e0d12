#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu 24.04 or
# Debian 12 base; older bases lack CMake 3.25 and a C++20 compiler). It installs the Debian
# packages the grader needs (the list of scripts/setup), builds the grader from the
# repository in the autograder zip, and grades the exercise's reference solution once, which
# checks the build and fills the grader's cache with the compiled test drivers, so that each
# submission compiles only its own files. It needs the package registry and nothing else of
# the internet.
#
# Settings (environment):
#   AUTOGRADER_ROOT   default /autograder
#   GRADER_SOURCE     the repository (default: the folder of this script when it holds
#                     specs/, as in the autograder zip; else the repository around it)
#   GRADER_CACHE_DIR  the cache to fill (default AUTOGRADER_ROOT/cache, as run_autograder)
#   GRADER_WARMUP=0   skip grading the reference (faster image build, slower first gradings)
set -euo pipefail

root=${AUTOGRADER_ROOT:-/autograder}
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -n "${GRADER_SOURCE:-}" ]; then
  source_dir=$GRADER_SOURCE
elif [ -d "$script_dir/specs" ]; then
  source_dir=$script_dir
else
  source_dir=$(cd "$script_dir/../.." && pwd)
fi
export GRADER_CACHE_DIR=${GRADER_CACHE_DIR:-$root/cache}

say() { printf 'setup.sh: %s\n' "$*"; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

if [ ! -f "$source_dir/CMakeLists.txt" ] || [ ! -d "$source_dir/specs" ]; then
  die "no grader repository at $source_dir (CMakeLists.txt and specs/ expected)"
fi

# --- packages -----------------------------------------------------------------------------

# The package list of scripts/setup (the words inside `packages=( ... )`), so that both
# install the same; a copy of it if that file cannot be read.
packages=()
if [ -f "$source_dir/scripts/setup" ]; then
  mapfile -t packages < <(
    sed -n '/^packages=(/,/)/p' "$source_dir/scripts/setup" \
      | sed -e 's/^packages=(//' -e 's/).*$//' -e 's/#.*$//' \
      | tr -s ' \t' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' || true)
fi
if [ ${#packages[@]} -eq 0 ]; then
  packages=(g++ cmake make gdb googletest libgtest-dev libyaml-cpp-dev libtbb-dev libfmt-dev
            libcli11-dev nlohmann-json3-dev bubblewrap libarchive-dev)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
else
  say "packages already installed: ${packages[*]}"
fi

# --- tool versions ------------------------------------------------------------------------

version_at_least() {  # $1 >= $2, dotted versions
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}
cmake_version=$(cmake --version | sed -n 's/^cmake version \([0-9.]*\).*/\1/p')
version_at_least "$cmake_version" 3.25 \
  || die "CMake $cmake_version is too old (3.25 or newer needed): choose Gradescope's Ubuntu 24.04 base image (or Debian 12)"
gxx_version=$(g++ -dumpfullversion -dumpversion)
version_at_least "$gxx_version" 12 \
  || die "g++ $gxx_version is too old (12 or newer needed for C++20): choose Gradescope's Ubuntu 24.04 base image (or Debian 12)"
say "cmake $cmake_version, g++ $gxx_version"

# --- build --------------------------------------------------------------------------------

# Only the grader binary: the project's tests are not needed here.
cmake -S "$source_dir" -B "$source_dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$source_dir/build" --target grader -j"$(nproc)"
grader=$source_dir/build/grader
[ -x "$grader" ] || die "the build left no $grader"
chmod +x "$source_dir/run_autograder" 2>/dev/null || true
say "built $grader ($("$grader" --version 2>/dev/null || echo 'version unknown'))"

# --- the exercise -------------------------------------------------------------------------

exercise=${GRADER_EXERCISE:-}
if [ -z "$exercise" ] && [ -f "$source_dir/exercise.conf" ]; then
  exercise=$(sed -n 's/^[[:space:]]*EXERCISE[[:space:]]*=[[:space:]]*//p' "$source_dir/exercise.conf" \
               | tail -n 1 | tr -d '\r"'"'" | sed 's/[[:space:]]*$//')
fi
if [ -z "$exercise" ]; then
  say "warning: no exercise.conf with EXERCISE=name next to setup.sh: run_autograder will" \
      "report every submission as ungraded"
  exit 0
fi
"$grader" --no-color --specs "$source_dir/specs" check-spec \
  "$source_dir/specs/$exercise/spec.yaml" \
  || die "exercise '$exercise' (exercise.conf) has no usable spec in $source_dir/specs"

if [ "${GRADER_WARMUP:-1}" = "0" ]; then
  say "GRADER_WARMUP=0: not grading the reference; the first gradings compile the drivers"
  exit 0
fi

# ThreadSanitizer (GCC's) cannot start when the kernel randomises mmap with more than 28 bits
# (run_autograder does the same).
launcher=()
rnd_bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0)
if [[ "$rnd_bits" =~ ^[0-9]+$ ]] && [ "$rnd_bits" -gt 28 ] \
   && setarch "$(uname -m)" -R true >/dev/null 2>&1; then
  launcher=(setarch "$(uname -m)" -R)
fi

say "grading the reference solution of '$exercise' (fills the cache $GRADER_CACHE_DIR)"
mkdir -p -- "$GRADER_CACHE_DIR"
set +e
"${launcher[@]}" "$grader" --no-color --specs "$source_dir/specs" validate "$exercise" \
  --case reference
status=$?
set -e
case $status in
  0) say "the reference gets full marks: the autograder is ready" ;;
  2) die "the grader cannot grade '$exercise' here (exit status 2, message above)" ;;
  *)
    say "warning: the reference of '$exercise' did not get full marks on this machine" \
        "(exit status $status, table above): students' grades may be wrong here." \
        "A ThreadSanitizer or sandbox failure shows in the table; see deploy/gradescope/README.md."
    ;;
esac
