#!/usr/bin/env bash
# Flow bursts and churn side by side in clustersim and SimGrid (issue #11), one result line per run
# (see bench/compare/flow_compare_main.cpp). Usage: bench/flow_compare.sh [BUILD_DIR] [SCENARIO...]
# SimGrid runs need clustersim-simgrid-flows (built when libsimgrid-dev is installed); without it
# only the clustersim lines are printed. Each SimGrid line ends with max_rel_diff, the largest
# relative difference of its completion times from the clustersim run with the same semantics.
set -euo pipefail
build=${1:-build}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(burst4k burst16k burst40k churn10k)
compare="$build/bench/clustersim-flow-compare"
harness="$build/bench/clustersim-simgrid-flows"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for scenario in "${scenarios[@]}"; do
  for semantics in plain cm02; do
    "$compare" clustersim "$scenario" "$semantics" --save "$work/$scenario-$semantics.txt"
    if [ -x "$harness" ]; then
      mkdir -p "$work/$scenario-$semantics"
      "$compare" simgrid "$scenario" "$semantics" "$harness" "$work/$scenario-$semantics" \
        --compare-to "$work/$scenario-$semantics.txt"
    fi
  done
done
