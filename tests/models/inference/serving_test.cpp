#include <catch2/catch.hpp>

#include "models/catalog/catalog.hpp"
#include "models/inference/calibration.hpp"
#include "models/inference/poisson_source.hpp"
#include "models/inference/serving.hpp"
#include "models/inference/trace_readers.hpp"
#include "sim/statistics.hpp"

using namespace clustersim;
using namespace clustersim::models::inference;

namespace {

// A small model on a round GPU, for hand calculation: 2 GB of bf16 weights, 5,120 KV bytes per token.
ServingConfig small_pool(int replicas) {
  ServingConfig config;
  config.model.parameters = 1e9;
  config.model.layers = 10;
  config.model.hidden_size = 1024;
  config.model.kv_heads = 2;
  config.model.head_dim = 64;
  config.replica.gpu.name = "round";
  config.replica.gpu.bf16_flops_per_s = 1e15;
  config.replica.gpu.fp32_flops_per_s = 1e14;
  config.replica.gpu.hbm_bytes = 10e9;
  config.replica.gpu.hbm_bytes_per_s = 1e12;
  config.replica.block_tokens = 16;
  config.efficiency = {0.5, 0.5};
  config.replicas = replicas;
  return config;
}

double step_s(const ServingConfig& config, IterationWork work) {
  const StepModel step(config.model, config.replica, config.efficiency);
  return sim::SimTime::ceil_seconds(step.iteration_seconds(work)).to_seconds();
}

}  // namespace

TEST_CASE("serving: one request's TTFT is its prefill, each further token one decode iteration", "[inference]") {
  const ServingConfig config = small_pool(1);
  RequestTrace trace;
  trace.add(sim::seconds(1), 1000, 3);
  const ServingResult result = run_serving(config, trace);
  // Prefill: (1000 x 2e9 + 500,500 pairs x 4 x 10 x 1024) FLOPs / (1e15 x 0.5) = 4.041 ms (compute-bound: memory
  // is (2e9 + 1000 x 5120) / 5e11 = 4.010 ms). Decodes read 1000 then 1001 tokens of K/V: memory-bound.
  const double prefill = step_s(config, {1000, 1000.0 * 1001 / 2, 0});
  CHECK(prefill == Approx(4.041e-3).epsilon(1e-4));
  const double decodes = step_s(config, {1, 1001, 1000}) + step_s(config, {1, 1002, 1001});
  CHECK(step_s(config, {1, 1001, 1000}) == Approx((2e9 + 1001 * 5120.0) / 5e11));
  REQUIRE(result.completed == 1);
  CHECK(result.ttft.p50_s == Approx(prefill));
  CHECK(result.e2e.p99_s == Approx(prefill + decodes));
  CHECK(result.tpot.mean_s == Approx(decodes / 2));
  CHECK(result.iterations == 3);
  CHECK(result.output_tokens_per_s == Approx(3 / (prefill + decodes)));
  CHECK(result.busy_fraction == Approx(1.0));  // busy from its arrival to its last token
}

// M/D/1 (Kendall): Poisson arrivals at rate lambda, one server, fixed service time D, FCFS. Mean wait in queue
// Wq = rho D / (2 (1 - rho)), rho = lambda D (Pollaczek-Khinchine with zero service variance). Here each request is
// one iteration (a 500-token prompt, one output token, one request per batch), so TTFT = wait + D.
TEST_CASE("serving: Poisson arrivals to one replica with a fixed service time wait as M/D/1 predicts", "[inference]") {
  ServingConfig config = small_pool(1);
  config.replica.max_batch_requests = 1;
  const double service_s = step_s(config, {500, 500.0 * 501 / 2, 0});
  const double rho = 0.6;
  const double expected_wait_s = rho * service_s / (2 * (1 - rho));
  sim::SampleSummary mean_waits, utilisation;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const RequestTrace trace = poisson_requests(steady_poisson(rho / service_s, 5000, 500, 1), seed);
    const ServingResult result = run_serving(config, trace);
    REQUIRE(result.completed == 5000);
    mean_waits.add(result.ttft.mean_s - service_s);
    utilisation.add(result.busy_fraction);
  }
  const auto [low, high] = mean_waits.ci95();
  INFO("M/D/1 Wq = " << expected_wait_s << " s; simulated 95% CI [" << low << ", " << high << "]");
  CHECK(low <= expected_wait_s);
  CHECK(expected_wait_s <= high);
  CHECK((high - low) < 0.2 * expected_wait_s);             // the CI is tight enough to mean something
  CHECK(utilisation.mean() == Approx(rho).epsilon(0.02));  // busy fraction = lambda D
}

TEST_CASE("serving: the same seed gives the same run, another seed another", "[inference]") {
  const ServingConfig config = small_pool(3);
  const PoissonSource source = steady_poisson(400, 2000, 700, 40);
  const ServingResult first = run_serving(config, poisson_requests(source, 7));
  const ServingResult again = run_serving(config, poisson_requests(source, 7));
  const ServingResult other = run_serving(config, poisson_requests(source, 8));
  REQUIRE(first.outcomes.size() == again.outcomes.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < first.outcomes.size(); ++i) {
    const bool same = first.outcomes[i].first_token == again.outcomes[i].first_token &&
                      first.outcomes[i].finish == again.outcomes[i].finish &&
                      first.outcomes[i].replica == again.outcomes[i].replica;
    differing += same ? 0 : 1;
  }
  CHECK(differing == 0);
  CHECK(first.e2e.p99_s == again.e2e.p99_s);
  CHECK(first.e2e.p99_s != other.e2e.p99_s);
}

TEST_CASE("serving: prefix affinity sends a request to the replica holding its prefix", "[inference]") {
  ServingConfig config = small_pool(2);
  config.routing.policy = RoutingPolicy::prefix_affinity;
  RequestTrace trace(16);
  const std::vector<std::uint64_t> shared{1, 2, 3, 4};
  trace.add(sim::seconds(0), 64, 2, shared);
  trace.add(sim::seconds(1), 16, 2, std::vector<std::uint64_t>{9});  // least loaded: replica 0, both idle
  trace.add(sim::seconds(2), 64, 2, shared);
  const ServingResult affinity = run_serving(config, trace);
  CHECK(affinity.outcomes[2].replica == affinity.outcomes[0].replica);
  // 4 prompt blocks, of which 3 are reused (the last prompt token is always recomputed).
  CHECK(affinity.outcomes[2].cached_tokens == 63);
  CHECK(affinity.kv.hbm_hits == 4);
  CHECK(affinity.kv_hit_rate == Approx(4.0 / 9));
  config.routing.policy = RoutingPolicy::least_loaded;
  CHECK(run_serving(config, trace).outcomes[2].cached_tokens == 63);  // both idle: replica 0 again
}

TEST_CASE("serving: bad input names the field; an oversized request is rejected, not hung", "[inference]") {
  ServingConfig config = small_pool(1);
  RequestTrace trace;
  trace.add(sim::seconds(0), 10, 2);
  config.replicas = 0;
  REQUIRE_THROWS_WITH(run_serving(config, trace), "replicas: must be at least 1, got 0");
  config.replicas = 1;
  RequestTrace keyed(512);
  keyed.add(sim::seconds(0), 600, 2, std::vector<std::uint64_t>{1, 2});
  REQUIRE_THROWS_WITH(run_serving(config, keyed), Catch::StartsWith("replica.block_tokens: must equal"));
  // (10 GB - 2 GB) / 5,120 bytes = 1.56M tokens of KV: a 2M-token prompt can never run.
  trace.add(sim::seconds(1), 2'000'000, 1);
  trace.add(sim::seconds(2), 10, 2);
  const ServingResult result = run_serving(config, trace);
  CHECK(result.rejected == 1);
  CHECK(result.completed == 2);
  CHECK(result.outcomes[1].rejected);
}

// The Mooncake conversation trace on 16 calibrated replicas (bench/serving_bench.cpp times the same run): every
// request is served, and routing by prefix finds more of the trace's shared prefixes than routing by load.
TEST_CASE("serving: the Mooncake conversation trace on 16 replicas, by load and by prefix", "[inference]") {
  const models::catalog::Catalog catalog = models::catalog::Catalog::load(models::catalog::Catalog::default_data_dir());
  const Calibration calibration = load_calibration(default_calibration_file(), catalog);
  const RequestTrace trace =
      read_mooncake_jsonl(models::catalog::Catalog::default_data_dir() / "traces" / "mooncake_conversation.jsonl");
  ServingConfig config;
  config.model = calibration.model;
  config.replica = calibration.replica;
  config.replica.block_tokens = static_cast<int>(kMooncakeBlockTokens);
  config.efficiency = calibration.fitted;
  config.replicas = 16;
  const ServingResult by_load = run_serving(config, trace);
  config.routing.policy = RoutingPolicy::prefix_affinity;
  const ServingResult by_prefix = run_serving(config, trace);
  for (const ServingResult* result : {&by_load, &by_prefix}) {
    CHECK(result->completed == 12'031);
    CHECK(result->output_tokens == 4'122'048);
    CHECK(result->kv.lookups == by_load.kv.lookups);  // every full prompt block is looked up once
    CHECK(result->ttft.p50_s <= result->ttft.p99_s);
  }
  CHECK(by_prefix.kv_hit_rate > by_load.kv_hit_rate + 0.1);
  CHECK(by_prefix.cached_prompt_tokens > by_load.cached_prompt_tokens);
}
