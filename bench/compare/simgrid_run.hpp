// Runs a FlowScenario in SimGrid through the clustersim-simgrid-flows harness
// (bench/simgrid/simgrid_flows.cpp), as a subprocess.
//
// Files written into `directory`:
//   platform.xml: one zone with Full routing; host h<i> per scenario host; link d<j> per scenario
//     link (its bandwidth and latency; SHARED: each direction of a fabric link is its own link, as
//     SPLITDUPLEX); and an explicit non-symmetrical route for every (source, destination) pair used
//     and, where the scenario has them, its reverse, equal to the clustersim route. So both
//     simulators route the same way: the harness checks, for every flow, that SimGrid's
//     Host::route_to() gives exactly the link names listed in flows.txt (it exits non-zero
//     otherwise).
//   flows.txt: "<workers> <flows>", then per flow "<worker> h<src> h<dst> <bytes> <link>,<link>,...".
// SimGrid options: --cfg=network/model:CM02 --cfg=network/optim:Full, 128 KiB actor stacks without
// guard pages (contexts/stack-size:128, contexts/guard-size:0: with the defaults 40,960 actors
// exceed Linux's 65,530 memory mappings per process), and for plain max-min also
// --cfg=network/crosstraffic:0 and equal sharing penalties, which SimGrid (CM02) computes as
//     penalty = route latency + weight-S x sum over the route's links of 1 / bandwidth:
//   - no link has latency: --cfg=network/weight-S:0 (SimGrid then gives every flow weight 1);
//   - otherwise --cfg=network/weight-S:1e15, and every route whose sum of 1 / bandwidth is below the
//     largest one, S_max, gets k private padding links p<n> (no latency, bandwidth k / (S_max - S),
//     k the smallest count that keeps that bandwidth >= the route's bottleneck, so they never cap a
//     flow and, private, never couple two flows): penalties are then equal up to the latencies,
//     1e-10 relative here. (Routes inside one leaf of the fat-tree have 2 links, the others 4.)
// Bounds: `until_s` stops SimGrid at that simulated time (Engine::run_until), `wall_limit_s` after
// the first millisecond of simulated time that ends past that much wall time; unfinished flows
// have completion time -1.
#pragma once

#include <optional>
#include <string>

#include "bench/compare/clustersim_run.hpp"
#include "bench/compare/flow_scenarios.hpp"

namespace clustersim::bench {

struct SimgridBounds {
  std::optional<double> until_s;       // simulated seconds
  std::optional<double> wall_limit_s;  // wall seconds of Engine::run
};

struct SimgridResult {
  RunResult run;                // completion times and the harness's timing of Engine::run()
  double process_wall_s = 0.0;  // the whole harness process, platform loading included
  long max_rss_kib = 0;         // of the harness process
  std::string stopped_by;       // "end" (all flows done), "until" or "wall-limit"
  double clock_s = 0.0;         // SimGrid's simulated time when it stopped
};

void write_simgrid_files(const FlowScenario& scenario, Semantics semantics, const std::string& directory);
// Throws std::runtime_error when the harness cannot be run or fails.
SimgridResult run_simgrid(const FlowScenario& scenario, Semantics semantics, const std::string& harness,
                          const std::string& directory, const SimgridBounds& bounds = {});

}  // namespace clustersim::bench
