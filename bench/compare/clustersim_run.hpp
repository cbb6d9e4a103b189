// Runs a FlowScenario in clustersim: one shared constraint per directed link (50 GB/s), one
// process per worker awaiting its flows one after the other (FlowNetwork::transfer), latency = sum
// of the route's link latencies. Semantics:
//   plain: weight 1 on every flow (max-min fair sharing).
//   cm02:  SimGrid's CM02 sharing reproduced: weight 1 / route latency (SimGrid's sharing penalty
//          is the route latency), and each flow also uses its reverse route (destination ->
//          source) with coefficient 0.05 (SimGrid's network/crosstraffic, on by default).
//          cm02 needs every route latency > 0 (std::invalid_argument otherwise).
// Bound: with `until_s`, the run stops at that simulated time (Engine::run_until); flows still in
// flight then have no completion time (-1). Without it every flow must complete.
// Reports completion times (seconds, in flow order) and the wall / CPU time of the run.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "bench/compare/flow_scenarios.hpp"

namespace clustersim::bench {

enum class Semantics { plain, cm02 };

// "plain" or "cm02"; throws std::invalid_argument otherwise.
Semantics parse_semantics(std::string_view text);

struct RunResult {
  std::vector<double> completion_s;  // per flow, in scenario order; -1 for a flow that did not finish
  double run_wall_s = 0.0;
  double run_cpu_s = 0.0;
  std::uint64_t solves = 0;          // clustersim only: flow solver re-solves
  std::uint64_t flows_resolved = 0;  // clustersim only: flows given a new rate, summed over the re-solves
  std::uint64_t refills = 0;         // clustersim only: re-solves that filled everything again
  std::uint64_t second_passes = 0;  // clustersim only: re-solves that needed a second pass (slack constraint went over)
};

RunResult run_clustersim(const FlowScenario& scenario, Semantics semantics, std::optional<double> until_s = {});

// The completion times of the flows that finished (>= 0), in flow order.
std::vector<double> finished_only(const std::vector<double>& completion_s);
// Median (upper median for even counts) and maximum of the values.
double median_of(std::vector<double> values);
double max_of(const std::vector<double>& values);

}  // namespace clustersim::bench
