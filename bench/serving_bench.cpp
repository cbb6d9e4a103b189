// BM_ServeMooncake/policy: the Mooncake conversation trace (12,031 requests over ~59 min, data/traces/) served by
// 16 replicas of Llama-3.3-70B FP8 on 2 x H100 (the calibrated replica of data/inference/calibration.json, with
// 512-token KV blocks to match the trace's hash ids and 256 GB of host-DRAM KV per replica), one run per iteration.
// Issue 18's target: under 1 s on one core. policy 0 = least_loaded, 1 = prefix_affinity.
// BM_ReadMooncakeTrace: parsing the trace file (not included above).
#include <benchmark/benchmark.h>

#include "models/catalog/catalog.hpp"
#include "models/inference/calibration.hpp"
#include "models/inference/serving.hpp"
#include "models/inference/trace_readers.hpp"

namespace {

using namespace clustersim::models;
using namespace clustersim::models::inference;

std::filesystem::path conversation_trace() {
  return catalog::Catalog::default_data_dir() / "traces" / "mooncake_conversation.jsonl";
}

ServingConfig mooncake_pool(RoutingPolicy policy) {
  const catalog::Catalog catalog = catalog::Catalog::load(catalog::Catalog::default_data_dir());
  const Calibration calibration = load_calibration(default_calibration_file(), catalog);
  ServingConfig config;
  config.model = calibration.model;
  config.replica = calibration.replica;
  config.replica.block_tokens = static_cast<int>(kMooncakeBlockTokens);
  config.replica.host_dram_kv_bytes = 256e9;
  config.efficiency = calibration.fitted;
  config.replicas = 16;
  config.routing.policy = policy;
  return config;
}

void BM_ServeMooncake(benchmark::State& state) {
  const RequestTrace trace = read_mooncake_jsonl(conversation_trace());
  const ServingConfig config =
      mooncake_pool(state.range(0) == 0 ? RoutingPolicy::least_loaded : RoutingPolicy::prefix_affinity);
  ServingResult result;
  for (auto _ : state) {
    result = run_serving(config, trace);
    benchmark::DoNotOptimize(result.completed);
  }
  state.counters["completed"] = static_cast<double>(result.completed);
  state.counters["iterations"] = static_cast<double>(result.iterations);
  state.counters["kv_hit_rate"] = result.kv_hit_rate;
  state.counters["ttft_p50_s"] = result.ttft.p50_s;
  state.counters["ttft_p99_s"] = result.ttft.p99_s;
  state.counters["tpot_p50_ms"] = result.tpot.p50_s * 1e3;
  state.counters["tpot_p99_ms"] = result.tpot.p99_s * 1e3;
  state.counters["e2e_p99_s"] = result.e2e.p99_s;
  state.counters["out_tok_per_s"] = result.output_tokens_per_s;
}
BENCHMARK(BM_ServeMooncake)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ReadMooncakeTrace(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(read_mooncake_jsonl(conversation_trace()).size());
}
BENCHMARK(BM_ReadMooncakeTrace)->Unit(benchmark::kMillisecond);

}  // namespace
