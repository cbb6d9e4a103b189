#!/usr/bin/env bash
# The main job: install what is missing, build, and run the default study.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/cli/clustersim demo
