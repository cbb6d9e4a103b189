#!/usr/bin/env bash
# Issue 10, without a cluster: `--dry-run` prints the script and submits nothing; limit flags that differ
# from their defaults reach every task (script and manifest), default ones add nothing; `--emit-k8s` writes
# the Indexed Job (its YAML is parsed in tests/app/batch/k8s_manifest_test.cpp); bad input (no sbatch on
# PATH, --array-size above the points, a malformed --time, Slurm options without --slurm) exits 2 with
# an error naming the option; a controller that does not answer exits 1 with a clear message, quickly.
#   usage: sweep_on_slurm_bad_input.sh CLUSTERSIM SOURCE_DIR
set -euo pipefail
clustersim=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
sweep="$source_dir/tests/cli/slurm/fast_sweep.json"

expect() {  # expect CODE TEXT ARGS...: clustersim ARGS exits CODE and its stderr contains TEXT
  local code=$1 text=$2 status=0
  shift 2
  timeout 60 "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
  [[ $status -eq $code ]] || fail "$* exited $status, not $code: $(cat "$work/stderr")"
  grep -qF -- "$text" "$work/stderr" || fail "$*: stderr lacks \"$text\": $(cat "$work/stderr")"
}

timeout 30 "$clustersim" sweep "$sweep" --slurm --dry-run --array-size 4 --partition gpu --time 1:00:00 \
  --sbatch-arg=--account=abc --out "$work/dry" >"$work/script.sh"
for line in '#!/bin/bash' '#SBATCH --array=0-3' '#SBATCH --partition=gpu' '#SBATCH --time=1:00:00' \
  '#SBATCH --account=abc' "#SBATCH --output=$work/dry/logs/shard-%a.log" 'shard="$SLURM_ARRAY_TASK_ID"'; do
  grep -qxF -- "$line" "$work/script.sh" || fail "the dry-run script lacks: $line"
done
grep -qF -- "exec '$clustersim' sweep '$sweep' --shard \"\$shard/4\" --out '$work/dry/shard-'\"\$shard\"'-of-4'" \
  "$work/script.sh" || fail "the dry-run script does not run shard \$SLURM_ARRAY_TASK_ID/4: $(tail -1 "$work/script.sh")"
bash -n "$work/script.sh" || fail "the dry-run script is not valid bash"
[[ ! -e "$work/dry" ]] || fail "--dry-run wrote files"
# Default limits add nothing to the task command; raised ones are forwarded to every task, values quoted.
grep -q -- "--threads \"\${SLURM_CPUS_PER_TASK:-1}\"\$" "$work/script.sh" || fail "default limits were forwarded"
timeout 30 "$clustersim" sweep "$sweep" --slurm --dry-run --max-nodes 200000 --time-limit "10 min" --max-events 500000000 \
  --out "$work/dry" >"$work/limits.sh"
grep -q -- "--threads \"\${SLURM_CPUS_PER_TASK:-1}\" --max-nodes '200000' --max-events '500000000' --time-limit '10 min'\$" \
  "$work/limits.sh" || fail "the limit flags are not forwarded to the tasks: $(tail -1 "$work/limits.sh")"
bash -n "$work/limits.sh" || fail "the script with limit flags is not valid bash"

timeout 30 "$clustersim" sweep "$sweep" --emit-k8s "$work/job.yaml" --array-size 4 --out "$work/k8s" >/dev/null
grep -qx "  completionMode: Indexed" "$work/job.yaml" || fail "--emit-k8s wrote no Indexed Job"
grep -qxF '            - "$(SHARD)/4"' "$work/job.yaml" || fail "--emit-k8s: the pods do not run shard \$(SHARD)/4"
grep -qF -- '"--threads"' "$work/job.yaml" && ! grep -qF -- '"--max-' "$work/job.yaml" || fail "--emit-k8s: default limits forwarded"
timeout 30 "$clustersim" sweep "$sweep" --emit-k8s "$work/limits.yaml" --max-seeds 50 --out "$work/k8s" >/dev/null
grep -A1 -xF '            - "--max-seeds"' "$work/limits.yaml" | grep -qxF '            - "50"' ||
  fail "--emit-k8s: the pods do not get --max-seeds 50"

expect 2 "--array-size: 41 is above the 40 points" "$clustersim" sweep "$sweep" --slurm --dry-run --array-size 41
expect 2 "--time: expected minutes" "$clustersim" sweep "$sweep" --slurm --dry-run --time "2 hours"
expect 2 "need --slurm" "$clustersim" sweep "$sweep" --partition gpu
expect 2 "--time-limit" "$clustersim" sweep "$sweep" --slurm --dry-run --time-limit "ten minutes"
expect 2 "--emit-k8s: not with --slurm" "$clustersim" sweep "$sweep" --slurm --emit-k8s "$work/x.yaml"
expect 2 "--slurm: sbatch is not on PATH" env PATH=/nonexistent "$clustersim" sweep "$sweep" --slurm --out "$work/r"

# A controller nobody runs: its port is closed, so `scontrol ping` fails at once.
if ! command -v scontrol >/dev/null || ! command -v sbatch >/dev/null; then
  echo "SKIPPED (partly): no Slurm client commands to try an unreachable controller with"; exit 77
fi
host=$(uname -n)
cat >"$work/slurm.conf" <<CONF
ClusterName=unreachable
SlurmctldHost=${host%%.*}(127.0.0.1)
SlurmctldPort=1
AuthType=auth/munge
AuthInfo=socket=$work/no-munge.socket
NodeName=${host%%.*} NodeAddr=127.0.0.1 CPUs=1
PartitionName=main Nodes=ALL Default=YES
CONF
SECONDS=0
SLURM_CONF="$work/slurm.conf" expect 1 "the Slurm controller does not answer" \
  "$clustersim" sweep "$sweep" --slurm --out "$work/unreachable"
((SECONDS < 20)) || fail "the unreachable controller took $SECONDS s to report"
echo "dry-run script and bad input checked; unreachable controller reported in ${SECONDS}s"
