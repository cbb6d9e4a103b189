#!/usr/bin/env bash
# Issue 8: a sweep killed at random moments (SIGINT, SIGTERM, SIGKILL in turn) and restarted with
# the same command finishes with results byte-identical to an uninterrupted run: no point lost or
# duplicated, no corrupt file.   usage: sweep_survives_kills.sh CLUSTERSIM SOURCE_DIR
set -euo pipefail
clustersim=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep="$source_dir/tests/cli/kill_sweep.json"

"$clustersim" sweep "$sweep" --threads 2 --out "$work/clean" >/dev/null 2>&1

signals=(INT TERM KILL)
kills=0
RANDOM=42  # the kill times are pseudo-random but the same on every run
for attempt in $(seq 1 40); do
  "$clustersim" sweep "$sweep" --threads 2 --out "$work/killed" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -s "${signals[$((attempt % 3))]}" "$pid" 2>/dev/null || true
    kills=$((kills + 1))
  fi
  wait "$pid" 2>/dev/null && status=0 || status=$?
  if [[ $status -eq 0 && -f "$work/killed/sweep.csv" ]]; then break; fi
done
# One more run finishes whatever the last kill interrupted.
"$clustersim" sweep "$sweep" --threads 2 --out "$work/killed" >/dev/null 2>&1

for file in sweep.csv sweep.jsonl; do
  if ! cmp -s "$work/clean/$file" "$work/killed/$file"; then
    echo "FAILED: $file differs after $kills kills"; diff "$work/clean/$file" "$work/killed/$file" | head; exit 1
  fi
done
points=$(wc -l < "$work/killed/sweep.jsonl")
echo "sweep survived $kills kills: $points points, identical to the uninterrupted run"
