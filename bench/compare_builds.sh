#!/usr/bin/env bash
# Two builds of clustersim side by side, alternating, so that both see the same load (this machine is
# shared): the engine and flow benchmarks and the fat-tree bursts, ROUNDS times (default 3).
# Usage: bench/compare_builds.sh BASE_BUILD_DIR NEW_BUILD_DIR [ROUNDS]
# Each build dir needs bench/clustersim-bench and bench/clustersim-flow-compare (e.g. a worktree of
# the base commit configured with -DBUILD_GUI=OFF -DBUILD_TESTS=OFF). Quote the CPU-time columns.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BASE_BUILD_DIR NEW_BUILD_DIR [ROUNDS]" >&2; exit 2; }
rounds=${3:-3}
for round in $(seq "$rounds"); do
  for build in "$1" "$2"; do
    echo "== round $round: $build"
    "$build/bench/clustersim-bench" --benchmark_filter='BM_Hold|BM_FlowChurn/(1000|10000)$' \
      --benchmark_min_time=0.5 2>/dev/null | grep '^BM_'
    for scenario in burst16k burst40k; do
      for semantics in plain cm02; do
        "$build/bench/clustersim-flow-compare" clustersim "$scenario" "$semantics"
      done
    done
  done
done
