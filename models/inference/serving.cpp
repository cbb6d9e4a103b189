#include "models/inference/serving.hpp"

#include <deque>
#include <stdexcept>
#include <string>

#include "sim/engine.hpp"
#include "sim/statistics.hpp"
#include "sim/wait_list.hpp"

namespace clustersim::models::inference {

namespace {

struct Pool {
  sim::Engine& engine;
  const StepModel& step;
  const RequestTrace& trace;
  const RoutingConfig& routing;
  std::vector<ReplicaScheduler> replicas;
  std::deque<sim::WaitList> idle;  // one per replica (a deque: WaitLists do not move)
  sim::SimTime busy;               // summed over replicas
};

sim::Task<> serve(Pool* pool, std::size_t r) {
  ReplicaScheduler& replica = pool->replicas[r];
  for (;;) {
    if (replica.idle()) {
      co_await sim::Waiter(&pool->idle[r]);
      continue;
    }
    const IterationWork work = replica.plan();
    if (work.tokens == 0) continue;  // everything waiting was rejected
    const sim::SimTime duration = sim::SimTime::ceil_seconds(pool->step.iteration_seconds(work));
    pool->busy += duration;
    co_await pool->engine.sleep(duration);
    replica.complete(pool->engine.now());
  }
}

sim::Task<> arrive(Pool* pool) {
  const std::vector<Request>& requests = pool->trace.requests();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    co_await pool->engine.sleep_until(requests[i].arrival);
    const std::size_t r = route(pool->routing, pool->replicas, pool->trace.keys(requests[i]));
    pool->replicas[r].enqueue(static_cast<std::uint32_t>(i));
    pool->idle[r].wake_all();
  }
}

LatencySummary summarise(sim::SampleSummary& samples) {
  if (samples.count() == 0) return {};
  return {samples.mean(), samples.percentile(50), samples.percentile(90), samples.percentile(99)};
}

ServingResult summarise(const RequestTrace& trace, const Pool& pool, std::vector<RequestOutcome> outcomes) {
  ServingResult result;
  result.requests = static_cast<std::int64_t>(trace.size());
  sim::SampleSummary ttft, tpot, e2e;
  sim::SimTime last_finish = sim::SimTime::zero();
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Request& request = trace.requests()[i];
    const RequestOutcome& outcome = outcomes[i];
    if (outcome.rejected) {
      ++result.rejected;
      continue;
    }
    ++result.completed;
    result.output_tokens += request.output_tokens;
    result.prompt_tokens += request.input_tokens;
    result.cached_prompt_tokens += outcome.cached_tokens;
    last_finish = std::max(last_finish, outcome.finish);
    ttft.add((outcome.first_token - request.arrival).to_seconds());
    e2e.add((outcome.finish - request.arrival).to_seconds());
    if (request.output_tokens > 1) {
      tpot.add((outcome.finish - outcome.first_token).to_seconds() / static_cast<double>(request.output_tokens - 1));
    }
  }
  result.ttft = summarise(ttft);
  result.tpot = summarise(tpot);
  result.e2e = summarise(e2e);
  if (!trace.requests().empty()) result.makespan_s = (last_finish - trace.requests().front().arrival).to_seconds();
  if (result.makespan_s > 0) {
    result.output_tokens_per_s = static_cast<double>(result.output_tokens) / result.makespan_s;
    result.busy_fraction = pool.busy.to_seconds() / (static_cast<double>(pool.replicas.size()) * result.makespan_s);
  }
  for (const ReplicaScheduler& replica : pool.replicas) {
    const KvCacheCounters& counters = replica.cache().counters();
    result.kv.lookups += counters.lookups;
    result.kv.hbm_hits += counters.hbm_hits;
    result.kv.dram_hits += counters.dram_hits;
    result.kv.hbm_evictions += counters.hbm_evictions;
    result.kv.dram_evictions += counters.dram_evictions;
    result.iterations += replica.iterations();
  }
  if (result.kv.lookups > 0) {
    result.kv_hit_rate = static_cast<double>(result.kv.hbm_hits + result.kv.dram_hits) / result.kv.lookups;
  }
  result.outcomes = std::move(outcomes);
  return result;
}

}  // namespace

ServingResult run_serving(const ServingConfig& config, const RequestTrace& trace) {
  if (config.replicas < 1)
    throw std::invalid_argument("replicas: must be at least 1, got " + std::to_string(config.replicas));
  if (config.routing.affinity_load_slack < 0) {
    throw std::invalid_argument("routing.affinity_load_slack: must be non-negative, got " +
                                std::to_string(config.routing.affinity_load_slack));
  }
  if (trace.key_block_tokens() != 0 && trace.key_block_tokens() != config.replica.block_tokens) {
    throw std::invalid_argument("replica.block_tokens: must equal the trace's block size (" +
                                std::to_string(trace.key_block_tokens()) + ") for prefix caching, got " +
                                std::to_string(config.replica.block_tokens));
  }
  const StepModel step(config.model, config.replica, config.efficiency);
  std::vector<RequestOutcome> outcomes(trace.size());
  sim::Engine engine;
  Pool pool{engine, step, trace, config.routing, {}, {}, sim::SimTime::zero()};
  pool.replicas.reserve(config.replicas);
  for (int r = 0; r < config.replicas; ++r) {
    pool.replicas.emplace_back(step, trace, outcomes, r);
    pool.idle.emplace_back();
  }
  sim::ShutdownOnExit shutdown(engine);
  engine.spawn("arrivals", arrive(&pool));
  for (int r = 0; r < config.replicas; ++r) engine.spawn("replica-" + std::to_string(r), serve(&pool, r));
  engine.run();
  return summarise(trace, pool, std::move(outcomes));
}

}  // namespace clustersim::models::inference
