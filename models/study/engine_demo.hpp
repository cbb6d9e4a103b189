// The engine demo behind `clustersim demo`: the hold model (sim/hold_model.hpp) run for a simulated time,
// reported as processes, simulated time, events (against the expected N x (seconds + 1)), the trajectory
// hash (same seed, same hash) and the kernel's speed in wall-clock events per second.
#pragma once

#include <cstdint>
#include <iosfwd>

namespace clustersim::models::study {

struct EngineDemoOptions {
  std::uint64_t processes = 10'000;
  double simulated_seconds = 100.0;
  std::uint64_t seed = 1;
};

// Runs the demo and writes its report to `out`.
void run_engine_demo(const EngineDemoOptions& options, std::ostream& out);

}  // namespace clustersim::models::study
