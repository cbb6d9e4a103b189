#!/usr/bin/env bash
# Flow bursts and churn side by side in clustersim and SimGrid (issues #11 and #2), one result line
# per run (see bench/compare/flow_compare_main.cpp). Usage:
#   bench/flow_compare.sh [BUILD_DIR] [SCENARIO[@UNTIL_S]...]
# SCENARIO@UNTIL_S bounds both simulators to the same simulated time UNTIL_S (flows finished by
# then are compared, the others counted as unfinished). SimGrid runs need clustersim-simgrid-flows
# (built when libsimgrid-dev is installed); without it only the clustersim lines are printed.
# SIMGRID_WALL_LIMIT_S (default 600; 0 = none) stops a SimGrid run after that much wall time of its
# loop; its line then says stopped_by=wall-limit and sim_s, the simulated time T it reached (a
# lower bound); rerun with SCENARIO@T to compare clustersim on the same bound.
# Each SimGrid line ends with the median and largest relative differences of its completion times
# from the clustersim run with the same semantics and bound. The flowchurn scenarios (no latency)
# run in plain semantics only.
set -euo pipefail
build=${1:-build}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(burst4k burst16k burst40k churn10k@0.05 flowchurn1k flowchurn10k)
compare="$build/bench/clustersim-flow-compare"
harness="$build/bench/clustersim-simgrid-flows"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${scenarios[@]}"; do
  scenario=${entry%@*}
  bound=()
  [ "$scenario" = "$entry" ] || bound=(--until "${entry#*@}")
  semantics_list=(plain cm02)
  [[ $scenario == flowchurn* ]] && semantics_list=(plain)
  for semantics in "${semantics_list[@]}"; do
    "$compare" clustersim "$scenario" "$semantics" "${bound[@]}" --save "$work/$scenario-$semantics.txt"
    if [ -x "$harness" ]; then
      limit=()
      [ "${SIMGRID_WALL_LIMIT_S:-600}" = 0 ] || limit=(--wall-limit "${SIMGRID_WALL_LIMIT_S:-600}")
      mkdir -p "$work/$scenario-$semantics"
      "$compare" simgrid "$scenario" "$semantics" "$harness" "$work/$scenario-$semantics" "${bound[@]}" "${limit[@]}" \
        --compare-to "$work/$scenario-$semantics.txt"
    fi
  done
done
