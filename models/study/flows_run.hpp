// `clustersim flows` behind the study API: simulate a CSV of flows (models/fabric/flows_tool.hpp) on the fabric
// named by exactly one of a topology spec, a SimGrid platform file and a scenario's back-end fabric, with that
// scenario's routing unless a routing or link layer is given, else auto on InfiniBand. The run limits become
// the tool's FlowsLimits (rows <= max_flows, hosts <= max_nodes, links <= max_links, the run budget); a run over
// its budget is a std::runtime_error naming the flag that raises the limit.
#pragma once

#include <iosfwd>
#include <string>

#include "models/study/run_limits.hpp"

namespace clustersim::models::study {

struct FlowsRequest {
  std::string topology;     // a spec like "fat_tree:k=8,bw=50GB/s,lat=1us"
  std::string platform;     // or a SimGrid platform XML file
  std::string scenario;     // or a scenario's back-end fabric
  std::string routing;      // auto | ecmp | dmodk | spray | dragonfly_* | table; "": the scenario's, else auto
  std::string link_layer;   // infiniband | ethernet: what auto means; "": the scenario's, else infiniband
  std::string input = "-";  // CSV of src,dst,bytes,start; "-" reads `in`
  RunLimits limits;
};

// Writes each flow's result row to `results` and returns the summary line (no newline):
// "<n> flows, routing <routing>, makespan <time>, <n> max-min solves". Bad input throws std::invalid_argument.
std::string run_flows(const FlowsRequest& request, std::istream& in, std::ostream& results);

}  // namespace clustersim::models::study
