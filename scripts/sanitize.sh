#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer + UndefinedBehaviorSanitizer (-O1, debug info) in
# build-asan/ and runs it with CTest. Any sanitizer report fails the run (halt_on_error, no recovery).
#   usage: scripts/sanitize.sh [extra CMake arguments]
#   env:   CLUSTERSIM_ASAN_DIR   build directory (default: build-asan)
#          CLUSTERSIM_ASAN_JOBS  parallel build and test jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-gui
dir="${CLUSTERSIM_ASAN_DIR:-build-asan}"
jobs="${CLUSTERSIM_ASAN_JOBS:-$(nproc)}"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCLUSTERSIM_SANITIZE=ON -DBUILD_GUI=OFF -DBUILD_BENCH=OFF "$@" >/dev/null
cmake --build "$dir" -j "$jobs"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest --test-dir "$dir" --output-on-failure -j "$jobs"
