// BM_Hold/N: the hold model (sim/hold_model.hpp) with N processes; reports kernel events per second.
#include <benchmark/benchmark.h>

#include "sim/hold_model.hpp"

namespace {

using namespace clustersim::sim;

void BM_Hold(benchmark::State& state) {
  const auto processes = static_cast<std::uint64_t>(state.range(0));
  Engine engine;
  HoldModelResult result;
  result.hash_trajectory = false;
  spawn_hold_model(engine, processes, 1, result);
  engine.run_until(seconds(2));  // warm up: every process has started and the heap is at size N
  const std::uint64_t events_before = engine.events_processed();
  SimTime horizon = engine.now();
  for (auto _ : state) {
    horizon += seconds(1);
    engine.run_until(horizon);
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(engine.events_processed() - events_before), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_Hold)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
