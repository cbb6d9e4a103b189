// BM_FlowChurn/N: N flows in flight on a two-level random topology, each completion starting a new
// flow, so N stays constant; reports completed flows per second of CPU time (flows_per_s).
//
// Topology: 900 "access" constraints (100 Gb/s = 12.5 GB/s, think host NICs) and 100 "core"
// constraints (80 GB/s, think spine uplinks: roughly as loaded per flow as the access links, so both
// levels bottleneck some flows). Each flow crosses 2 distinct random access constraints and 1 or 2
// distinct random core constraints, moves 64-192 MiB (uniform) and has weight 1. With N >= 1e3
// every constraint is in one connected component; a completion (plus the flow started in its
// place) re-solves only the flows whose filling departs from the last one (sim/flow_solver.hpp),
// reported as flows_per_solve (the flows given a new rate per re-solve).
// Targets: >= 20,000 flows/s at N = 1e3 and >= 2,000 flows/s at N = 1e4 on one core.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/random.hpp"

namespace {

using namespace clustersim::sim;

constexpr int kAccessConstraints = 900;
constexpr int kCoreConstraints = 100;
constexpr double kAccessBytesPerS = 12.5e9;
constexpr double kCoreBytesPerS = 80e9;
constexpr double kMiB = 1024.0 * 1024.0;

struct ChurnModel {
  Engine engine;
  FlowNetwork network{engine};
  std::vector<ConstraintId> access;
  std::vector<ConstraintId> core;
  std::uint64_t completed = 0;
  std::uint64_t stop_at = 0;

  ChurnModel() {
    for (int i = 0; i < kAccessConstraints; ++i) access.push_back(network.add_constraint("access", kAccessBytesPerS));
    for (int i = 0; i < kCoreConstraints; ++i) core.push_back(network.add_constraint("core", kCoreBytesPerS));
  }
  ~ChurnModel() { engine.shutdown(); }  // the workers use the network
};

// Adds `count` distinct random picks from `pool` to the flow's constraints.
void pick_distinct(RandomStream& rng, const std::vector<ConstraintId>& pool, int count, FlowSpec& spec) {
  const std::size_t first = spec.constraints.size();
  while (static_cast<int>(spec.constraints.size() - first) < count) {
    const ConstraintId c =
        pool[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(pool.size()) - 1))];
    const bool repeated = std::any_of(spec.constraints.begin() + static_cast<std::ptrdiff_t>(first),
                                      spec.constraints.end(), [c](const FlowUse& use) { return use.constraint == c; });
    if (!repeated) spec.constraints.push_back(FlowUse{c, 1.0});
  }
}

Task<> churn_worker(ChurnModel* model, std::uint64_t seed) {
  RandomStream rng(seed);
  for (;;) {
    FlowSpec spec;
    spec.work = rng.uniform(64 * kMiB, 192 * kMiB);
    pick_distinct(rng, model->access, 2, spec);
    pick_distinct(rng, model->core, static_cast<int>(rng.uniform_int(1, 2)), spec);
    co_await model->network.transfer(std::move(spec));
    if (++model->completed == model->stop_at) model->engine.stop();
  }
}

void BM_FlowChurn(benchmark::State& state) {
  const auto flows = static_cast<std::uint64_t>(state.range(0));
  const std::uint64_t batch = std::max<std::uint64_t>(50, 2'000'000 / (flows * 10));  // completions per iteration
  ChurnModel model;
  for (std::uint64_t i = 0; i < flows; ++i) model.engine.spawn("flow", churn_worker(&model, splitmix64_mix(i + 1)));
  // Warm up: the first solve places all N flows, then completions spread out.
  model.stop_at = std::min<std::uint64_t>(flows, std::max<std::uint64_t>(100, 20'000'000 / flows));
  model.engine.run();
  const std::uint64_t completed_before = model.completed;
  const std::uint64_t solves_before = model.network.solve_count();
  const std::uint64_t solved_before = model.network.solver().flows_solved_total();
  for (auto _ : state) {
    model.stop_at = model.completed + batch;
    model.engine.run();
  }
  const auto completed = static_cast<double>(model.completed - completed_before);
  const auto solves = static_cast<double>(model.network.solve_count() - solves_before);
  state.counters["flows_per_s"] = benchmark::Counter(completed, benchmark::Counter::kIsRate);
  state.counters["solves_per_flow"] = solves / completed;
  state.counters["flows_per_solve"] =
      static_cast<double>(model.network.solver().flows_solved_total() - solved_before) / std::max(1.0, solves);
  state.counters["sim_s"] = model.engine.now().to_seconds();
}

}  // namespace

BENCHMARK(BM_FlowChurn)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
