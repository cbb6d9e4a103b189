#!/usr/bin/env bash
# Installs every Debian package clustersim needs to build, test and benchmark.
# Does nothing slow when everything is present: dpkg-query first, apt only for what is missing.
#   usage: scripts/setup.sh [--no-gui] [--with-simgrid]
#   --with-simgrid also installs libsimgrid-dev, for the SimGrid side of bench/flow_compare.sh (optional:
#   without it the benchmark runs clustersim alone).
set -euo pipefail

packages=(
  build-essential cmake ninja-build git pkg-config ca-certificates
  libboost-graph-dev libeigen3-dev nlohmann-json3-dev libcli11-dev catch2 libbenchmark-dev
  libxml2-dev                     # models/fabric: SimGrid platform import (flows --platform, kind simgrid-xml)
  clang-14 libclang-rt-14-dev jq  # scripts/fuzz.sh: libFuzzer and the seed corpus
  libyaml-cpp-dev                 # tests: reading back the Kubernetes manifest of `sweep --emit-k8s`
  munge slurmctld slurmd slurm-client  # tests/cli/slurm: a live single-node Slurm cluster (docs/batch.md)
)
gui_packages=(qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libgl-dev)
with_gui=1
for arg in "$@"; do
  case "$arg" in
    --no-gui) with_gui=0 ;;
    --with-simgrid) packages+=(libsimgrid-dev) ;;
    *) echo "setup: unknown option $arg (expected --no-gui or --with-simgrid)" >&2; exit 2 ;;
  esac
done
[[ $with_gui -eq 0 ]] || packages+=("${gui_packages[@]}")

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "clustersim setup: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
