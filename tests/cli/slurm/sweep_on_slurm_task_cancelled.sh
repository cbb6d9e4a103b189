#!/usr/bin/env bash
# Issue 10: one array task cancelled mid-run (`scancel JOB_2`) is reported by index with its log; the
# same command run again resubmits only that shard, which resumes, and the merged result equals the
# local run with no point lost or duplicated.   usage: sweep_on_slurm_task_cancelled.sh CLUSTERSIM SOURCE_DIR
set -euo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/slurm/live_cluster.sh"
sweep="$source_dir/tests/cli/slurm/cancel_sweep.json"

begin_live_sweep_test "$clustersim" "$sweep"
command=("$clustersim" sweep "$sweep" --slurm --array-size 4 --threads 1 --poll-interval 0.3 --out "$work/slurm")

timeout 400 "${command[@]}" >"$work/out.txt" 2>"$work/err.txt" &
pid=$!
job_submitted() { grep -q "submitted Slurm array job" "$work/out.txt"; }
wait_for 120 "submission" job_submitted || fail "no job submitted: $(cat "$work/err.txt")"
job=$(sed -n 's/^submitted Slurm array job \([0-9]*\):.*/\1/p' "$work/out.txt")
shard2_started() { [[ $(wc -l <"$work/slurm/shard-2-of-4/points.jsonl") -ge 1 ]]; }
LIVE_POLL_S=0.05 wait_for 300 "shard 2 to start" shard2_started || fail "shard 2 never started"
scancel "${job}_2"
status=0
wait "$pid" || status=$?
[[ $status -eq 1 ]] || { cat "$work/out.txt" "$work/err.txt"; fail "a cancelled task exited $status, not 1"; }
grep -q "error: array task 2 (shard 2/4) ended CANCELLED" "$work/err.txt" || { cat "$work/err.txt"; fail "task 2 not reported"; }
grep -q "log: $work/slurm/logs/shard-2.log" "$work/err.txt" || fail "no log path for task 2"
grep -q "sbatch --array=2 $work/slurm/sweep.sbatch" "$work/err.txt" || fail "no resubmission command"
[[ ! -f "$work/slurm/sweep.csv" ]] || fail "merged although a shard is missing"
partial=$(wc -l <"$work/slurm/shard-2-of-4/points.jsonl")
((partial < 5)) || fail "shard 2 finished before it was cancelled"

timeout 400 "${command[@]}" >"$work/out2.txt" 2>"$work/err2.txt" || { cat "$work/err2.txt"; fail "the resubmission failed"; }
grep -q "tasks 2 of 4 shards" "$work/out2.txt" || fail "the rerun did not submit only shard 2: $(cat "$work/out2.txt")"
for file in sweep.csv sweep.jsonl; do
  cmp -s "$work/local/$file" "$work/slurm/$file" || { diff "$work/local/$file" "$work/slurm/$file" | head; fail "$file differs"; }
done
lines=$(wc -l <"$work/slurm/shard-2-of-4/points.jsonl")
unique=$(cut -d, -f1 "$work/slurm/shard-2-of-4/points.jsonl" | sort -u | wc -l)
[[ $lines -eq 5 && $unique -eq 5 ]] || fail "shard 2 holds $lines lines for $unique points"
echo "task 2 cancelled after $partial of 5 points, resubmitted alone: merged result identical to the local run"
