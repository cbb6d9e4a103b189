#!/usr/bin/env bash
# Issue 17, physically feasible fabrics: a fabric the named switch cannot build is bad input (exit 2) naming the
# field and the numbers, on every command that loads a scenario; the same fabric with enough ports is built.
#   usage: fabric_radix.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/expect.sh"

pfs="$source_dir/scenarios/enterprise1k-pfs.json"
llama="$source_dir/scenarios/llama405b-local-nvme.json"

# 32 nodes x 8 GPUs under one 64-port leaf: 256 down-links and 256 up-links.
leaf="architecture.fabric.nodes_per_leaf: a leaf of 32 nodes x 8 GPUs = 256 down-links + 256 up-links needs 512 ports, more than the 64 of switch 'QM9700'"
for command in validate run; do
  expect 2 "$leaf" "$clustersim" $command "$pfs" --set architecture.fabric.kind=leaf_spine
done
expect 2 "$leaf" "$clustersim" compare "$pfs" "$pfs" --set architecture.fabric.kind=leaf_spine
# A rail-optimized fabric of 2,048 nodes, 2 per rail switch: 8,192 rail switches cannot hang below 64-port spines.
expect 2 "architecture.fabric.nodes_per_leaf: a spine linked to each of the 8192 rail switches (8 rails x 1024 groups of nodes_per_leaf nodes) needs 8192 ports, more than the 64 of switch 'QM9700'; a larger fabric is a fat_tree" \
  "$clustersim" validate "$llama" --set architecture.fabric.kind=rail_optimized --set architecture.fabric.pod_oversubscription=1
# Pods of 256 nodes: 128 leaves below every spine.
expect 2 "architecture.fabric.nodes_per_pod: a spine of 128 leaves per pod + 19 up-links needs 147 ports, more than the 64 of switch 'QM9700'; use fewer nodes per pod" \
  "$clustersim" validate "$llama" --set architecture.fabric.nodes_per_pod=256
# The same shapes with a switch of enough ports are built.
expect 0 "" "$clustersim" validate "$pfs" --set architecture.fabric.kind=leaf_spine --set architecture.fabric.switch_radix=512
expect 0 "" "$clustersim" validate "$llama" --set architecture.fabric.nodes_per_pod=256 --set architecture.fabric.switch_radix=160

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "fabric radix: all checks passed"
