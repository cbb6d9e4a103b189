#!/usr/bin/env bash
# Issue 8, limits: each cap a scenario may request and the run budget, through the `clustersim` command:
# exit code 2 and a message naming the field, the limit and the flag for a request above a cap; exit code 1
# naming the simulated time and the flag for a run over its budget; a sweep records such a point as failed,
# finishes the others, and a rerun with a larger budget completes it.   usage: limits.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/expect.sh"

# scenario KEY=JSON...: a copy of enterprise1k-pfs.json with overrides (jq, installed by scripts/setup.sh).
scenario() {
  local item
  cp "$source_dir/scenarios/enterprise1k-pfs.json" "$work/s.json"
  for item in "$@"; do
    jq --argjson value "${item#*=}" ".${item%%=*} = \$value" "$work/s.json" >"$work/s.tmp"
    mv "$work/s.tmp" "$work/s.json"
  done
  echo "$work/s.json"
}

pfs="$source_dir/scenarios/enterprise1k-pfs.json"

# Caps a scenario may request: bad input (exit 2) naming field, value, limit and flag; the flag raises them.
s=$(scenario 'architecture.nodes=1000000')
expect 2 "architecture.nodes: 1000000 is above the limit of 100000 nodes; raise it with --max-nodes" "$clustersim" validate "$s"
expect 2 "architecture.nodes: 1000000 is above the limit of 100000 nodes" "$clustersim" run "$s"
expect 2 "a spine linked to each of the 250000 rail switches" "$clustersim" validate "$s" --max-nodes 2000000
expect 2 "architecture.fabric: this rail_optimized needs about 2048 links, which is above the limit of 2047 links; raise it with --max-links" "$clustersim" validate "$pfs" --max-links 2047
expect 2 "architecture.nodes: 128 is above the limit of 100 nodes; raise it with --max-nodes" "$clustersim" run "$pfs" --max-nodes 100
expect 2 "run.horizon: 120 d is above the limit of 30 d; raise it with --max-horizon" "$clustersim" run "$pfs" --max-horizon "30 d"
expect 2 "run.horizon: 120 d is above the limit of 30 d" "$clustersim" compare "$pfs" "$pfs" --max-horizon "30 d"
expect 2 "run.seeds: 5 is above the limit of 4 seeds; raise it with --max-seeds" "$clustersim" validate "$pfs" --max-seeds 4
s=$(scenario 'run.horizon="3651 d"')
expect 2 "run.horizon: 3651 d is above the limit of 3650 d; raise it with --max-horizon" "$clustersim" run "$s"
expect 0 "" "$clustersim" validate "$s" --max-horizon "3651 d"
s=$(scenario 'run.sample_period="1 s"')
expect 2 "run.horizon / run.sample_period: 10368000 samples is above the limit of 1000000 events per run" "$clustersim" validate "$s" --max-events 1000000
expect 2 "--time-limit: expected a positive duration" "$clustersim" run "$pfs" --time-limit "0 s"
expect 2 "--time-limit" "$clustersim" run "$pfs" --time-limit soon
expect 2 "--max-horizon" "$clustersim" run "$pfs" --max-horizon "ten years"
expect 2 "--max-events" "$clustersim" run "$pfs" --max-events 0

# Run budget: a runtime failure (exit 1) naming the seed, the simulated time reached, the limit and the flag.
expect 1 "seed 1: run stopped at simulated time" "$clustersim" run "$pfs" --max-events 3000
expect 1 "reached the limit of 3000 events per run; raise it with --max-events" "$clustersim" run "$pfs" --max-events 3000
expect 0 "" "$clustersim" run "$pfs" --seeds 1 --max-events 3522
expect 1 "reached the limit of 3521 events per run" "$clustersim" run "$pfs" --seeds 1 --max-events 3521
s=$(scenario 'failures.scale=1000' 'run.seeds=1')
expect 1 "used up the wall-clock budget of 1 ms per run; raise it with --time-limit" "$clustersim" run "$s" --time-limit "1 ms"
expect 1 "raise it with --max-events" "$clustersim" size "$pfs" --param architecture.spare_nodes --lo 0 --hi 4 --seeds 1 --max-events 3000

# The flows tool: rows, hosts and budget.
printf 'src,dst,bytes,start\n0,1,1e9,0\n1,2,1e9,0\n2,3,1e9,0\n' >"$work/flows.csv"
expect 0 "3 flows" "$clustersim" flows --topology single_switch:hosts=4,bw=1GB/s "$work/flows.csv" --max-flows 3
expect 2 "flows CSV line 4: more than 2 flows is above the limit of 2 flows; raise it with --max-flows" "$clustersim" flows --topology single_switch:hosts=4,bw=1GB/s "$work/flows.csv" --max-flows 2
expect 2 "topology spec 'fat_tree': 250000 hosts is above the limit of 100000 hosts; raise it with --max-nodes" "$clustersim" flows --topology fat_tree:k=100,bw=1GB/s "$work/flows.csv"
expect 2 "topology spec 'leaf_spine': about 1.0001e+10 links is above the limit of 10000000 links; raise it with --max-links" "$clustersim" flows --topology leaf_spine:hosts_per_leaf=10,leaves=100000,spines=100000,bw=1GB/s "$work/flows.csv" --max-nodes 1000000
expect 1 "reached the limit of 2 events per run; raise it with --max-events" "$clustersim" flows --topology single_switch:hosts=4,bw=1GB/s "$work/flows.csv" --max-events 2

# A sweep point over its budget is recorded as failed (exit 1), the other point finishes; a rerun with a
# larger budget runs only the failed point and exits 0.
sweep="$source_dir/tests/cli/limits_sweep.json"
expect 1 "1 points failed" "$clustersim" sweep "$sweep" --threads 2 --out "$work/sweep" --max-events 10000
if ! grep -qF "reached the limit of 10000 events per run; raise it with --max-events" "$work/sweep/sweep.csv" ||
   [[ $(grep -c '"error"' "$work/sweep/sweep.jsonl") -ne 1 ]]; then
  echo "FAILED: the sweep did not record exactly one point over budget"; cat "$work/sweep/sweep.jsonl"; failures=$((failures + 1))
fi
"$clustersim" sweep "$sweep" --threads 2 --out "$work/sweep" >"$work/out" 2>"$work/err" || { echo "FAILED: rerun"; cat "$work/err"; failures=$((failures + 1)); }
if ! grep -qF "1 already done, 1 run" "$work/out" || grep -q '"error"' "$work/sweep/sweep.jsonl"; then
  echo "FAILED: the rerun did not finish the failed point"; cat "$work/out"; failures=$((failures + 1))
fi

if [[ $failures -ne 0 ]]; then echo "$failures limit checks failed"; exit 1; fi
echo "every limit check passed"
