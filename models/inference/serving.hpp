// run_serving: a pool of identical replicas serving a request trace (request_trace.hpp) on the engine.
//
// Processes (sim/engine.hpp): one arrival process replays the trace, routing each request on arrival
// (router.hpp) into its replica's FIFO queue; one process per replica loops
//   wait while idle -> plan the iteration (replica_scheduler.hpp) -> sleep its step time (step_model.hpp,
//   rounded up to the nanosecond) -> complete it.
// Metrics per completed request (Vidur and vLLM's benchmark definitions):
//   TTFT = first token - arrival;  TPOT = (finish - first token) / (output - 1) for output > 1;
//   E2E  = finish - arrival;       throughput = served output tokens / (last finish - first arrival);
//   busy fraction = sum over replicas of the time spent in iterations / (replicas x that same span).
// KV hit rate = prompt blocks found (HBM or host DRAM) / prompt blocks looked up, over all replicas.
// Not yet modelled (issue 18): the time to move KV between tiers (a DRAM hit costs nothing but its HBM block),
// cold starts and weight loading, preemption (admission reserves all blocks instead), RAG, request logs, cost.
// No randomness: the trace fixes everything, so a trace gives the same result on every run.
#pragma once

#include <cstdint>
#include <vector>

#include "models/inference/kv_block_cache.hpp"
#include "models/inference/replica_scheduler.hpp"
#include "models/inference/request_trace.hpp"
#include "models/inference/router.hpp"
#include "models/inference/step_model.hpp"

namespace clustersim::models::inference {

struct ServingConfig {
  ServedModel model;
  ReplicaSpec replica;
  StepEfficiency efficiency;
  int replicas = 1;
  RoutingConfig routing;
};

struct LatencySummary {
  double mean_s = 0;
  double p50_s = 0;
  double p90_s = 0;
  double p99_s = 0;
};

struct ServingResult {
  std::int64_t requests = 0;
  std::int64_t completed = 0;
  std::int64_t rejected = 0;  // needed more KV blocks than a replica's HBM holds
  std::int64_t output_tokens = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t cached_prompt_tokens = 0;  // prefill skipped thanks to the prefix cache
  double makespan_s = 0;                  // first arrival to last finish
  double output_tokens_per_s = 0;
  LatencySummary ttft;
  LatencySummary tpot;  // requests with more than one output token
  LatencySummary e2e;
  KvCacheCounters kv;  // summed over replicas
  double kv_hit_rate = 0;
  std::int64_t iterations = 0;
  double busy_fraction = 0;              // share of replica time spent running iterations
  std::vector<RequestOutcome> outcomes;  // per request, in trace order
};

// Throws std::invalid_argument naming the field for a configuration that cannot serve (see StepModel).
ServingResult run_serving(const ServingConfig& config, const RequestTrace& trace);

}  // namespace clustersim::models::inference
