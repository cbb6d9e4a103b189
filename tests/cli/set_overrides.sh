#!/usr/bin/env bash
# --set PATH=VALUE on run, compare, sweep, size and validate (models/study/scenario_overrides.hpp): the change
# reaches the model (the figures move as when the file says it), and bad input exits 2 naming the field.
#   usage: set_overrides.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/expect.sh"
pfs="$source_dir/scenarios/enterprise1k-pfs.json"
progress='.metrics.forward_progress.mean'

# The same change through --set and through the file give the same result.
jq '.architecture.storage.write_bandwidth = "5 GB/s" | .policies.checkpoint.levels[0].interval = "1 h"' "$pfs" \
  >"$work/edited.json"
by_file=$("$clustersim" run "$work/edited.json" --seeds 1 --format json | jq "$progress")
by_set=$("$clustersim" run --set 'architecture.storage.write_bandwidth=5 GB/s' "$pfs" --seeds 1 --format json \
  --set 'policies.checkpoint.levels[0].interval=1 h' | jq "$progress")
plain=$("$clustersim" run "$pfs" --seeds 1 --format json | jq "$progress")
if [[ -z $by_set || $by_set != "$by_file" || $by_set == "$plain" ]]; then
  echo "FAILED: run --set gave $by_set, the edited file $by_file, the file as it is $plain"
  failures=$((failures + 1))
fi
# A JSON value (a number) and the other commands.
expect 0 "ok (enterprise1k-pfs: 128 nodes x 8 GPUs" "$clustersim" validate "$pfs" --set architecture.spare_nodes=4
# --resolved shows the override in the model, in SI units.
expect 0 '"write_bytes_per_s": 123000000000.0' "$clustersim" validate "$pfs" --resolved \
  --set 'architecture.storage.write_bandwidth=123 GB/s'
expect 0 "cheapest with" "$clustersim" compare "$pfs" "$source_dir/scenarios/enterprise1k-local-nvme.json" --seeds 1 \
  --set failures.scale=0
expect 0 "answer: architecture.spare_nodes" "$clustersim" size "$pfs" --param architecture.spare_nodes --lo 0 --hi 2 \
  --seeds 1 --target-progress 0.5 --set failures.scale=0.5
cat >"$work/sweep.json" <<JSON
{"base": "$pfs", "axes": [{"path": "architecture.spare_nodes", "values": [0, 1]}], "seeds": 1}
JSON
expect 0 "2 of 2 points" "$clustersim" sweep "$work/sweep.json" --out "$work/sweep" --threads 1 --set failures.scale=0
expect 2 "holds the results of a different sweep" "$clustersim" sweep "$work/sweep.json" --out "$work/sweep" --threads 1
expect 2 "--set: not with --slurm" "$clustersim" sweep "$work/sweep.json" --slurm --dry-run --set failures.scale=0

# Bad input: exit 2 naming the field.
expect 2 "--set architecture.storage.bogus: not a scenario parameter" "$clustersim" run "$pfs" \
  --set architecture.storage.bogus=4
expect 2 "architecture.storage.write_bandwidth: expected a positive rate" "$clustersim" run "$pfs" \
  --set 'architecture.storage.write_bandwidth=5 GB/x'
expect 2 '--set "novalue": expected PATH=VALUE' "$clustersim" validate "$pfs" --set novalue
expect 2 "--set policies.checkpoint.levels\[5\].interval" "$clustersim" validate "$pfs" \
  --set 'policies.checkpoint.levels[5].interval=1 h'
expect 2 "failures.planned.duration: a window of 2 h does not fit in a period of 1 h" "$clustersim" validate "$pfs" \
  --set 'failures.planned.period=1 h' --set 'failures.planned.duration=2 h'
# A failure domain larger than the cluster (128 nodes), or of size 0, names the field.
expect 2 "architecture.fabric.nodes_per_power_domain: must be at most the 128 nodes of the cluster, got 256" \
  "$clustersim" validate "$pfs" --set architecture.fabric.nodes_per_power_domain=256
expect 2 "architecture.fabric.nodes_per_power_domain: expected an integer >= 1, got 0" \
  "$clustersim" validate "$pfs" --set architecture.fabric.nodes_per_power_domain=0

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) of --set failed"
  exit 1
fi
echo "--set reaches every command"
