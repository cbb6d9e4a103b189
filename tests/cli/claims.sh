#!/usr/bin/env bash
# Golden figures of docs/claims.md: runs the commands the document shows for claims 1-6 (scenarios/claims/,
# fixed seeds) and checks each headline figure against the value printed there, as exact text. A model,
# default or catalog change that moves one of them fails here: rerun the command, update docs/claims.md
# (its figures and its conclusions) and this file together.   usage: claims.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/expect.sh"

# same NAME ACTUAL EXPECTED: a figure computed with jq from a JSON result.
same() {
  if [[ $2 != "$3" ]]; then
    echo "FAILED: $1 is $2, docs/claims.md says $3"
    failures=$((failures + 1))
  fi
}

# with_override FILE JQ_FILTER: a copy of FILE with the filter applied, in $work (no relative paths inside).
with_override() {
  jq "$2" "$1" >"$work/override.json" && echo "$work/override.json"
}

claims="$source_dir/scenarios/claims"
llama_local="$source_dir/scenarios/llama405b-local-nvme.json"

# The interval x bandwidth sweep (README): two of its points that differ (5 min, where bandwidth matters for seed 1).
for case in "5 GB/s=0.8336" "100 GB/s=0.8341"; do
  expect 0 "forward progress     ${case#*=}  \[${case#*=}, ${case#*=}\] 95% CI" "$clustersim" run "$llama_local" --seeds 1 \
    --set 'policies.checkpoint.levels[2].interval=5 min' --set "architecture.storage.write_bandwidth=${case%%=*}"
done

# Claim 1: per-level copy times of the 500 GB checkpoint, and the drain bandwidth the shared tier needs.
c1="$claims/claim1-hierarchical-500gb.json"
expect 0 "forward progress     0.9828  \[0.9819, 0.9836\] 95% CI" "$clustersim" run "$c1" --seeds 5
expect 0 "checkpoint_blocking             10461 s    1.16%" "$clustersim" run "$c1" --seeds 5
copy_times='.runs[0].tier_traffic | map_values(.busy_s * 500e9 / .bytes_written * 1000 | round / 1000) | tostring'
same "claim 1 copy times (s)" "$("$clustersim" run "$c1" --seeds 1 --format json | jq -r "$copy_times")" \
  '{"host_dram":0.496,"partner_nvme":8.224,"shared_storage":537.3}'
drains='[.runs[0].checkpoints_completed.shared_storage, (.runs[0].checkpoints_skipped.shared_storage // 0)] | tostring'
for case in "0.84 GB/s=[713,714]" "0.85 GB/s=[1426,1]"; do
  s=$(with_override "$c1" ".architecture.storage.write_bandwidth = \"${case%%=*}\"")
  same "claim 1 drains done, skipped at ${case%%=*}" "$("$clustersim" run "$s" --seeds 1 --format json | jq -r "$drains")" \
    "${case#*=}"
done

# Claim 2: staging time, streaming from the object store, and the NVMe capacity check.
expect 0 "data_staging                      318 s" "$clustersim" run "$llama_local" --seeds 3
expect 0 "forward progress     0.8290  \[0.8178, 0.8402\] 95% CI" "$clustersim" run "$llama_local" --seeds 3
c2="$claims/claim2-405b-streamed-object-store.json"
expect 0 "forward progress     0.8288  \[0.8184, 0.8392\] 95% CI" "$clustersim" run "$c2" --seeds 3
s=$(with_override "$c2" '.architecture.storage.read_bandwidth = "5 MB/s"')
expect 0 "data_stall                     442201 s    4.27%" "$clustersim" run "$s" --seeds 3
expect 0 "reload                        8694533 s   83.86%" "$clustersim" run "$s" --seeds 3
s=$(with_override "$c2" '.workload.training.data.sample_size = "4 KiB" | .workload.training.data.bytes_per_token = 100')
expect 0 "data_stall                          0 s    0.00%" "$clustersim" run "$s" --seeds 3
s=$(with_override "$c2" '.workload.training.data.sample_size = "4 KiB" | .workload.training.data.bytes_per_token = 100
  | .architecture.storage.prefixes = 1')
expect 0 "forward progress     0.0800  \[0.0795, 0.0805\] 95% CI" "$clustersim" run "$s" --seeds 3
expect 0 "data_stall                    8440158 s   81.41%" "$clustersim" run "$s" --seeds 3
s=$(with_override "$c1" '.workload.training.data.dataset_size = "62.4 TB"')
expect 2 "the staged data shard of 31.2 TB per node and two partner checkpoint shards of 250 GB do not fit on the node's NVMe of 30.7 TB" \
  "$clustersim" run "$s" --seeds 1
expect 2 "the staged data shard of 31.2 TB per node and two partner checkpoint shards of 250 GB do not fit on the node's NVMe of 30.7 TB" \
  "$clustersim" validate "$s"
s=$(with_override "$c1" '.workload.training.data.dataset_size = "62.4 TB" | .architecture.nodes = 3 | .workload.training.parallelism.dp = 3')
expect 0 "data_staging                    65500 s" "$clustersim" run "$s" --seeds 1

# Claim 3: 1T parameters, 3,072 GPUs, 273 GB/s; the interval sweep with and without failures.
expect 0 "forward progress     0.9186  \[0.9116, 0.9256\] 95% CI" "$clustersim" run "$claims/claim3-1t-3072gpu-sync.json" --seeds 5
expect 0 "shared_storage_sync        3600         59.159                45.8          53520       2516      2477" \
  "$clustersim" run "$claims/claim3-1t-3072gpu-sync.json" --seeds 5
expect 0 "forward progress     0.9617  \[0.9587, 0.9646\] 95% CI" "$clustersim" run "$claims/claim3-1t-3072gpu-async.json" --seeds 5
expect 0 "best: policies.checkpoint.levels\[0\].interval = 41.57 min (2494.0500757161285) (mean forward progress 0.92474 \[0.92023, 0.92925\]" \
  "$clustersim" size "$claims/claim3-1t-3072gpu-sync.json" --maximize forward_progress \
  --param 'policies.checkpoint.levels[0].interval' --lo "10 min" --hi "8 h" --seeds 5
expect 0 "" "$clustersim" sweep "$claims/sweeps/claim3-interval.json" --threads 1 --out "$work/claim3"
row='select(.overrides["failures.scale"] == $scale and .overrides["policies.checkpoint.levels[0].interval"] == $interval)
  | [(.metrics.forward_progress.mean * 10000 | round / 10000),
     (.metrics.breakdown.checkpoint_blocking / .metrics.wall_time_s.mean * 100000 | round / 1000)] | tostring'
for case in "0 5.5 h=[0.9784,0.296]" "1 5.5 h=[0.8023,0.242]" "1 30 min=[0.9197,3.031]" "1 1 h=[0.9186,1.527]"; do
  point=${case%%=*}
  same "claim 3 sweep, failures.scale ${point%% *}, interval ${point#* }" \
    "$(jq -r --argjson scale "${point%% *}" --arg interval "${point#* }" "$row" "$work/claim3/sweep.jsonl")" "${case#*=}"
done

# Claim 4: 256 GPUs; storage bandwidth for a forward-progress target, synchronous vs asynchronous checkpoints.
c4_sync="$claims/claim4-256gpu-pfs-sync.json"
c4_async="$claims/claim4-256gpu-local-nvme-async.json"
expect 0 "forward progress     0.9866  \[0.9861, 0.9871\] 95% CI" "$clustersim" run "$c4_sync" --seeds 5
expect 0 "forward progress     0.9826  \[0.9824, 0.9829\] 95% CI" "$clustersim" run "$c4_async" --seeds 5
expect 0 "checkpoint_blocking             38727 s    0.80%" "$clustersim" run "$c4_async" --seeds 5
size=(size --param architecture.storage.write_bandwidth --lo "0.1 GB/s" --hi "256 GB/s" --seeds 5)
# Targets 0.01 below the previous revision's (0.98/0.99/0.995), since exposed communication (0.79% of wall time
# here, at every storage bandwidth) became a loss in forward progress (issue #17); 0.99 shows where 256 GB/s runs out.
expect 0 "answer: architecture.storage.write_bandwidth = 34.1 GB/s (34086718750) " "$clustersim" "${size[@]}" "$c4_sync" --target-progress 0.97
expect 0 "answer: architecture.storage.write_bandwidth = 74.1 GB/s (74071093750) " "$clustersim" "${size[@]}" "$c4_sync" --target-progress 0.98
expect 0 "answer: architecture.storage.write_bandwidth = 188 GB/s (188026562500) " "$clustersim" "${size[@]}" "$c4_sync" --target-progress 0.985
expect 1 "no answer" "$clustersim" "${size[@]}" "$c4_sync" --target-progress 0.99
# The asynchronous policy's loss is its DRAM copy every minute (0.55 s fixed overhead each), not bandwidth:
# 0.985 is out of reach at any bandwidth, 0.98 is met from the lowest one, and 0.985 is met once DRAM copies are 30 min apart.
expect 1 "no answer: even architecture.storage.write_bandwidth = 256 GB/s does not meet the target" \
  "$clustersim" "${size[@]}" "$c4_async" --target-progress 0.985
expect 0 "answer: architecture.storage.write_bandwidth = 100 MB/s (1e+08) " "$clustersim" "${size[@]}" "$c4_async" --target-progress 0.98
s=$(with_override "$c4_async" '.policies.checkpoint.levels[0].interval = "30 min"')
expect 0 "answer: architecture.storage.write_bandwidth = 100 MB/s (1e+08) " "$clustersim" "${size[@]}" "$s" --target-progress 0.985
progress='.metrics.forward_progress | [(.mean * 10000 | round / 10000), (.ci95[] * 10000 | round / 10000)] | tostring'
for case in '.policies.checkpoint.levels[0].interval = "10 min" -> [0.9895,0.9892,0.9898]' \
  '.policies.checkpoint.levels[0].interval = "30 min" -> [0.9901,0.9897,0.9904]' \
  '.policies.checkpoint.levels[0].copy_overhead = "0 s" -> [0.9898,0.9895,0.9901]'; do
  s=$(with_override "$c4_async" "${case%% -> *}")
  same "claim 4 asynchronous with ${case%% -> *}" "$("$clustersim" run "$s" --seeds 5 --format json | jq -r "$progress")" \
    "${case#* -> }"
done
for case in "1.8 GB/s=[3902,3903]" "1.9 GB/s=[7803,1]"; do
  s=$(with_override "$c4_async" ".architecture.storage.write_bandwidth = \"${case%%=*}\"")
  same "claim 4 drains done, skipped at ${case%%=*}" "$("$clustersim" run "$s" --seeds 1 --format json | jq -r "$drains")" \
    "${case#*=}"
done

# Claim 5: the campaign rented at the article's relative prices, and at AWS + S3 dollar prices.
expect 0 "total cost           \$9.69e+07  \[9.558e+07, 9.822e+07\]  (cloud)" \
  "$clustersim" run "$claims/claim5-405b-azure-relative.json" --seeds 3
expect 0 "storage_capacity         \$4905" "$clustersim" run "$claims/claim5-405b-aws-p5.json" --seeds 3
expect 0 "storage_requests         \$4.252e+04" "$clustersim" run "$claims/claim5-405b-aws-p5.json" --seeds 3
expect 0 "total cost           \$2.364e+08  \[2.332e+08, 2.396e+08\]  (cloud)" \
  "$clustersim" run "$claims/claim5-405b-aws-p5.json" --seeds 3

# Claim 6: in-place recovery against a full restart (llama405b-local-nvme, above).
expect 0 "forward progress     0.8725  \[0.8672, 0.8779\] 95% CI" "$clustersim" run "$claims/claim6-405b-in-place.json" --seeds 3
expect 0 "restart                         38908 s    0.55%" "$clustersim" run "$claims/claim6-405b-in-place.json" --seeds 3

if [[ $failures -ne 0 ]]; then
  echo "$failures figure(s) of docs/claims.md changed"
  exit 1
fi
echo "all figures of docs/claims.md reproduced"
