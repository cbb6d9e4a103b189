#include "models/study/engine_demo.hpp"

#include <chrono>
#include <cstdio>
#include <ostream>

#include "sim/hold_model.hpp"

namespace clustersim::models::study {

void run_engine_demo(const EngineDemoOptions& options, std::ostream& out) {
  sim::Engine engine;
  sim::HoldModelResult result;
  sim::spawn_hold_model(engine, options.processes, options.seed, result);
  const auto start = std::chrono::steady_clock::now();
  engine.run_until(sim::seconds(options.simulated_seconds));
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  char line[256];
  out << "clustersim engine demo: hold model\n";
  std::snprintf(line, sizeof line, "  processes          %llu\n  simulated time     %s\n",
                static_cast<unsigned long long>(options.processes), sim::to_string(engine.now()).c_str());
  out << line;
  std::snprintf(line, sizeof line, "  events             %llu (expected about %.0f)\n",
                static_cast<unsigned long long>(engine.events_processed()),
                static_cast<double>(options.processes) * (options.simulated_seconds + 1.0));
  out << line;
  std::snprintf(line, sizeof line, "  trajectory hash    %016llx (same seed, same hash)\n",
                static_cast<unsigned long long>(result.trajectory_hash));
  out << line;
  std::snprintf(line, sizeof line, "  wall time          %.3f s (%.2f M events/s)\n", wall_s,
                static_cast<double>(engine.events_processed()) / wall_s / 1e6);
  out << line;
}

}  // namespace clustersim::models::study
