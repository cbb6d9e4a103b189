// Runs a FlowScenario in SimGrid through the clustersim-simgrid-flows harness
// (bench/simgrid/simgrid_flows.cpp), as a subprocess.
//
// Files written into `directory`:
//   platform.xml: one zone with Full routing; host h<i> per fabric host; link d<j> per directed link
//     of the fabric (50 GB/s, 1 us, SHARED: each direction its own link, as SPLITDUPLEX); and an
//     explicit non-symmetrical route for every (source, destination) pair used and its reverse,
//     equal to the clustersim D-mod-k route. So both simulators route the same way: the harness
//     checks, for every flow, that SimGrid's Host::route_to() gives exactly the link names listed
//     in flows.txt (it exits non-zero otherwise).
//   flows.txt: "<workers> <flows>", then per flow "<worker> h<src> h<dst> <bytes> d<j>,d<k>,...".
// SimGrid options: --cfg=network/model:CM02 --cfg=network/optim:Full, 128 KiB actor stacks without
// guard pages (contexts/stack-size:128, contexts/guard-size:0: with the defaults 40,960 actors
// exceed Linux's 65,530 memory mappings per process), and for plain max-min also
// --cfg=network/crosstraffic:0 --cfg=network/weight-S:1e15 (every route's sharing penalty becomes
// 1e15 x sum of 1/bandwidth, equal for all routes here, so weights are equal up to 1e-10).
#pragma once

#include <string>

#include "bench/compare/clustersim_run.hpp"
#include "bench/compare/flow_scenarios.hpp"

namespace clustersim::bench {

struct SimgridResult {
  RunResult run;                // completion times and the harness's timing of Engine::run()
  double process_wall_s = 0.0;  // the whole harness process, platform loading included
  long max_rss_kib = 0;         // of the harness process
};

void write_simgrid_files(const FlowScenario& scenario, const std::string& directory);
// Throws std::runtime_error when the harness cannot be run or fails.
SimgridResult run_simgrid(const FlowScenario& scenario, Semantics semantics, const std::string& harness,
                          const std::string& directory);

}  // namespace clustersim::bench
