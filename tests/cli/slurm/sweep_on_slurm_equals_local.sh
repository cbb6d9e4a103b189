#!/usr/bin/env bash
# Issue 10: a 40-point sweep run as a 4-task job array on a live (private, single-node) Slurm cluster,
# merged by `clustersim sweep --slurm`, equals the unsharded local run byte for byte. Also: a rerun
# while the job runs watches it rather than submit again, progress lines on stderr, the script kept
# next to the results with the limit flag (--max-events) forwarded to the tasks, the /tmp warning, a
# rerun once complete submits nothing, and a partition that does not exist is refused naming
# --partition (exit 2).   usage: sweep_on_slurm_equals_local.sh CLUSTERSIM SOURCE_DIR
set -euo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/slurm/live_cluster.sh"
sweep="$source_dir/tests/cli/slurm/fast_sweep.json"

begin_live_sweep_test "$clustersim" "$sweep"

command=("$clustersim" sweep "$sweep" --slurm --array-size 4 --poll-interval 0.3 --max-events 200000000 --out "$work/slurm")
# The first watcher is stopped right after it submitted; the job goes on, and the same command run
# again watches that job instead of submitting the shards a second time.
timeout 400 "${command[@]}" >"$work/first.txt" 2>&1 &
first=$!
job_submitted() { grep -q "submitted Slurm array job" "$work/first.txt"; }
wait_for 120 "submission" job_submitted || fail "no job submitted: $(cat "$work/first.txt")"
kill -TERM "$first"
wait "$first" || true
timeout 400 "${command[@]}" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/out.txt" "$work/err.txt"; fail "sweep --slurm exited $?"; }
grep -q "is still active: watching it instead of submitting" "$work/out.txt" || fail "the rerun did not watch the running job"
for file in sweep.csv sweep.jsonl; do
  cmp -s "$work/local/$file" "$work/slurm/$file" || { diff "$work/local/$file" "$work/slurm/$file" | head; fail "$file differs"; }
done
grep -q "submitted Slurm array job [0-9]*: tasks 0-3 of 4 shards, 40 points" "$work/first.txt" || fail "no submission line"
grep -q "merged 40 points from 4 shards" "$work/out.txt" || fail "no merge line"
grep -q "sweep: 40/40 points" "$work/err.txt" || fail "no final progress line"
grep -q "warning: --out $work/slurm is under /tmp" "$work/err.txt" || fail "no warning for a results directory under /tmp"
grep -q '^#SBATCH --array=0-3$' "$work/slurm/sweep.sbatch" || fail "the batch script is not kept in the results"
grep -qF -- "--max-events '200000000'" "$work/slurm/sweep.sbatch" || fail "--max-events is not forwarded to the tasks"
for i in 0 1 2 3; do [[ -s "$work/slurm/logs/shard-$i.log" ]] || fail "no log for array task $i"; done

# A rerun finds every shard complete: nothing is submitted, the merge is the same.
timeout 120 "$clustersim" sweep "$sweep" --slurm --array-size 4 --out "$work/slurm" >"$work/again.txt" 2>/dev/null ||
  fail "the rerun failed"
grep -q "all 4 shards of 40 points are already complete" "$work/again.txt" || fail "the rerun submitted again"
cmp -s "$work/local/sweep.csv" "$work/slurm/sweep.csv" || fail "the rerun changed sweep.csv"

status=0
timeout 120 "$clustersim" sweep "$sweep" --slurm --partition no-such-partition --out "$work/bad" \
  >/dev/null 2>"$work/bad.txt" || status=$?
[[ $status -eq 2 ]] || fail "a missing partition exited $status, not 2"
grep -q -- '--partition: the cluster has no partition "no-such-partition"' "$work/bad.txt" || fail "unclear partition error"
echo "40 points on 4 Slurm array tasks, merged: identical to the local run"
