// BM_FlowChurn/N: N flows in flight on a two-level random topology, each completion starting a new
// flow, so N stays constant; reports completed flows per second of CPU time (flows_per_s).
//
// Topology and flows: the random two-level workload of bench/compare/churn_workload.hpp (900
// access constraints of 12.5 GB/s, 100 core constraints of 80 GB/s; each flow crosses 2 access and
// 1 or 2 core constraints and moves 64-192 MiB), worker i drawing from its own seeded stream; the
// same flows run in SimGrid as the flowchurn scenarios of bench/compare/flow_scenarios.hpp.
// With N >= 1e3 every constraint is in one connected component; a completion (plus the flow started in its
// place) re-solves only the flows whose filling departs from the last one (sim/flow_solver.hpp),
// reported as flows_per_solve (the flows given a new rate per re-solve), and second_passes_per_solve
// (re-solves that ran a second pass because a skipped slack constraint went over its capacity).
// Targets: >= 20,000 flows/s at N = 1e3 and >= 2,000 flows/s at N = 1e4 on one core.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/compare/churn_workload.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/random.hpp"

namespace {

using namespace clustersim::sim;
using clustersim::bench::churn_worker_seed;
using clustersim::bench::ChurnFlow;
using clustersim::bench::draw_churn_flow;
using clustersim::bench::kChurnAccessBytesPerS;
using clustersim::bench::kChurnAccessConstraints;
using clustersim::bench::kChurnCoreBytesPerS;
using clustersim::bench::kChurnCoreConstraints;

struct ChurnModel {
  Engine engine;
  FlowNetwork network{engine};
  std::vector<ConstraintId> access;
  std::vector<ConstraintId> core;
  std::uint64_t completed = 0;
  std::uint64_t stop_at = 0;

  ChurnModel() {
    for (int i = 0; i < kChurnAccessConstraints; ++i) {
      access.push_back(network.add_constraint("access", kChurnAccessBytesPerS));
    }
    for (int i = 0; i < kChurnCoreConstraints; ++i) core.push_back(network.add_constraint("core", kChurnCoreBytesPerS));
  }
  ~ChurnModel() { engine.shutdown(); }  // the workers use the network
};

Task<> churn_worker(ChurnModel* model, std::uint64_t seed) {
  RandomStream rng(seed);
  for (;;) {
    const ChurnFlow flow = draw_churn_flow(rng);
    FlowSpec spec;
    spec.work = flow.bytes;
    for (const int i : flow.access)
      spec.constraints.push_back(FlowUse{model->access[static_cast<std::size_t>(i)], 1.0});
    for (const int i : flow.core) spec.constraints.push_back(FlowUse{model->core[static_cast<std::size_t>(i)], 1.0});
    co_await model->network.transfer(std::move(spec));
    if (++model->completed == model->stop_at) model->engine.stop();
  }
}

void BM_FlowChurn(benchmark::State& state) {
  const auto flows = static_cast<std::uint64_t>(state.range(0));
  const std::uint64_t batch = std::max<std::uint64_t>(50, 2'000'000 / (flows * 10));  // completions per iteration
  ChurnModel model;
  for (std::uint64_t i = 0; i < flows; ++i) model.engine.spawn("flow", churn_worker(&model, churn_worker_seed(i)));
  // Warm up: the first solve places all N flows, then completions spread out.
  model.stop_at = std::min<std::uint64_t>(flows, std::max<std::uint64_t>(100, 20'000'000 / flows));
  model.engine.run();
  const std::uint64_t completed_before = model.completed;
  const std::uint64_t solves_before = model.network.solve_count();
  const std::uint64_t solved_before = model.network.solver().flows_solved_total();
  const std::uint64_t resolves_before = model.network.solver().slack_resolve_count();
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
  state.counters["second_passes_per_solve"] =
      static_cast<double>(model.network.solver().slack_resolve_count() - resolves_before) / std::max(1.0, solves);
  state.counters["sim_s"] = model.engine.now().to_seconds();
}

}  // namespace

BENCHMARK(BM_FlowChurn)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
