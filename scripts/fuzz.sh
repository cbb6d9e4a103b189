#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang-14, -fsanitize=fuzzer,address,undefined) in build-fuzz/, seeds
# their corpora from scenarios/ and data/, and runs each for a bounded time. Fails on the first crash, leak,
# timeout or out-of-memory; the input that triggered it is in build-fuzz/artifacts/ (add it, inline, to
# tests/models/study/bad_input_regression_test.cpp once fixed, for fuzz_platform to
# tests/models/fabric/simgrid_platform_test.cpp, for fuzz_traces to tests/models/inference/trace_readers_test.cpp).
#   usage: scripts/fuzz.sh [seconds per target]      (default: $CLUSTERSIM_FUZZ_SECONDS or 60)
#   env:   CLUSTERSIM_FUZZ_DIR   build directory (default: build-fuzz)
#          CLUSTERSIM_FUZZ_JOBS  parallel build jobs (default: nproc)
# To replay one input: build-fuzz/fuzz/fuzz_scenario FILE
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-gui
seconds="${1:-${CLUSTERSIM_FUZZ_SECONDS:-60}}"
dir="${CLUSTERSIM_FUZZ_DIR:-build-fuzz}"
jobs="${CLUSTERSIM_FUZZ_JOBS:-$(nproc)}"
targets=(fuzz_scenario fuzz_units fuzz_platform fuzz_traces)

cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_COMPILER=clang++-14 -DCLUSTERSIM_FUZZ=ON -DBUILD_TESTS=OFF -DBUILD_GUI=OFF -DBUILD_BENCH=OFF >/dev/null
cmake --build "$dir" -j "$jobs" --target "${targets[@]}"

# Seed corpora (the working corpora grow in $dir/corpus/<target> and are kept between runs).
mkdir -p "$dir/corpus/fuzz_scenario" "$dir/corpus/fuzz_units" "$dir/corpus/fuzz_platform" "$dir/corpus/fuzz_traces" \
  "$dir/artifacts"
find scenarios data -name '*.json' -exec cp {} "$dir/corpus/fuzz_scenario/" \;
cp scenarios/platforms/*.xml "$dir/corpus/fuzz_platform/"
# Trace seeds: the first 30 lines of each shipped trace, behind its format byte (0: Azure CSV, 1: Mooncake JSONL).
for trace in data/traces/*.csv; do { printf '\000'; head -n 30 "$trace"; } >"$dir/corpus/fuzz_traces/seed-$(basename "$trace")"; done
for trace in data/traces/*.jsonl; do { printf '\001'; head -n 30 "$trace"; } >"$dir/corpus/fuzz_traces/seed-$(basename "$trace")"; done
# Unit seeds: every string in scenarios/ and data/ that starts with a digit, once per parser (first byte 0-4).
n=0
while IFS= read -r text; do
  for selector in 0 1 2 3 4; do
    printf "\\00${selector}%s" "$text" >"$dir/corpus/fuzz_units/seed-$n-$selector"
  done
  n=$((n + 1))
done < <(find scenarios data -name '*.json' -exec jq -r '.. | strings' {} + | grep -E '^ *[0-9.]' | sort -u)

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds} s"
  dict=()
  [[ -f "fuzz/$target.dict" ]] && dict=(-dict="fuzz/$target.dict")
  "$dir/fuzz/$target" "$dir/corpus/$target" "${dict[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/artifacts/$target-" 2>"$dir/$target.log" ||
    { tail -n 60 "$dir/$target.log" >&2; echo "fuzz: $target failed; the input is in $dir/artifacts/" >&2; exit 1; }
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$dir/$target.log" || true
done
