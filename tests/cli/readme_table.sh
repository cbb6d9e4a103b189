#!/usr/bin/env bash
# The first study of README.md, reproduced: runs the main job's comparison (scripts/main.sh: the three
# llama405b scenarios, their own seeds) and checks that its table is, line for line, the one the README
# shows. A model, default or catalog change that moves a figure fails here: rerun
# `clustersim compare scenarios/llama405b-{pfs,local-nvme,unified}.json` and paste the table into README.md.
#   usage: readme_table.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
source_dir=$2
source "$source_dir/tests/cli/expect.sh"

# The README's table: the lines of its first code block from the header row to the "cheapest" line.
sed -n '/^scenario  *forward progress/,/^cheapest with/p' "$source_dir/README.md" >"$work/readme"
[[ $(wc -l <"$work/readme") -ge 5 ]] || { echo "FAILED: no compare table found in README.md"; exit 1; }
cd "$source_dir"
"$clustersim" compare scenarios/llama405b-pfs.json scenarios/llama405b-local-nvme.json \
  scenarios/llama405b-unified.json --out "$work/results" >"$work/out" 2>"$work/err" || {
  echo "FAILED: clustersim compare exited with $?"; cat "$work/err"; exit 1; }
sed -n '/^scenario  *forward progress/,/^cheapest with/p' "$work/out" >"$work/actual"
if ! diff -u "$work/readme" "$work/actual"; then
  echo "FAILED: the table of README.md (-) differs from what clustersim prints (+)"
  exit 1
fi
echo "the first study of README.md reproduced"
