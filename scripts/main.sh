#!/usr/bin/env bash
# The main job: install what is missing, build, and compare the three reference architectures for a
# Llama-3-405B-class campaign (parallel file system, local NVMe + object store, unified flash).
# Writes results/ (table, CSV, JSON and, when the GUI is built, charts as PNG).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
scenarios=(scenarios/llama405b-pfs.json scenarios/llama405b-local-nvme.json scenarios/llama405b-unified.json)
./build/cli/clustersim compare "${scenarios[@]}" --out results
if [[ -x build/gui/clustersim-gui ]]; then
  QT_QPA_PLATFORM=offscreen ./build/gui/clustersim-gui --render-charts results "${scenarios[@]}"
fi
