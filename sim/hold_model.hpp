// The classic "hold" model of event-list benchmarking (Vaucher & Duval 1975; used by SimPy,
// OMNeT++ and others to compare kernels): N processes, each sleeping an exponentially distributed
// time (mean 1 s) forever. The queue length stays at N, so events/s measures the kernel alone.
// Used by the benchmark (bench/engine_bench.cpp), the built-in demo and the determinism test.
#pragma once

#include <cstdint>

#include "sim/engine.hpp"
#include "sim/random.hpp"

namespace clustersim::sim {

struct HoldModelResult {
  bool hash_trajectory = true;  // off in benchmarks: hashing would dominate the kernel's cost
  std::uint64_t events = 0;
  std::uint64_t trajectory_hash = 0;  // FNV-1a over (time, process index) of every wake-up
};

// Spawns `processes` hold processes on `engine`, each with its own random stream, and folds every
// wake-up into `result` (which must outlive the run).
void spawn_hold_model(Engine& engine, std::uint64_t processes, std::uint64_t seed, HoldModelResult& result);

}  // namespace clustersim::sim
