#include "models/study/flows_run.hpp"

#include <fstream>
#include <stdexcept>

#include "models/fabric/fabric_network.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/fabric/routing_policy.hpp"
#include "models/fabric/simgrid_platform.hpp"
#include "models/study/resolve.hpp"

namespace clustersim::models::study {

namespace {

ScenarioFabric fabric_of(const FlowsRequest& request, const fabric::FlowsLimits& limits) {
  const int given = !request.topology.empty() + !request.platform.empty() + !request.scenario.empty();
  if (given != 1) throw std::invalid_argument("flows: give exactly one of --topology, --platform and --scenario");
  ScenarioFabric built;
  if (!request.scenario.empty()) {
    built = load_scenario_fabric(request.scenario, *load_catalog_source(), request.limits);
    if (request.routing.empty() && request.link_layer.empty()) return built;
  } else if (!request.platform.empty()) {
    fabric::Platform platform = fabric::read_simgrid_platform(request.platform);
    built.topology = std::move(platform.topology);
    built.host_names = std::move(platform.host_names);
  } else {
    built.topology = fabric::build_topology_from_spec(request.topology, limits);
  }
  if (!request.link_layer.empty()) built.link_layer = fabric::parse_link_layer(request.link_layer);
  built.routing =
      fabric::resolve_routing(request.routing.empty() ? "auto" : request.routing, built.topology, built.link_layer);
  return built;
}

}  // namespace

std::string run_flows(const FlowsRequest& request, std::istream& in, std::ostream& results) {
  fabric::FlowsLimits limits;
  limits.max_flows = static_cast<std::uint64_t>(request.limits.max_flows);
  limits.max_hosts = static_cast<std::uint64_t>(request.limits.max_nodes);
  limits.max_links = static_cast<std::uint64_t>(request.limits.max_links);
  limits.budget = request.limits.budget();
  const ScenarioFabric built = fabric_of(request, limits);
  std::ifstream file;
  if (request.input != "-") {
    file.open(request.input);
    if (!file) throw std::invalid_argument(request.input + ": cannot open the flows CSV");
  }
  fabric::FlowsToolResult summary;
  try {
    summary = fabric::run_flows_tool(built.topology, request.input == "-" ? in : file, built.routing, results, limits,
                                     built.host_names);
  } catch (const sim::RunLimitExceeded& error) {
    throw std::runtime_error(run_limit_message(error));
  }
  return std::to_string(summary.flows.size()) + " flows, routing " + std::string(fabric::to_string(built.routing)) +
         ", makespan " + sim::to_string(summary.makespan) + ", " + std::to_string(summary.solves) + " max-min solves";
}

}  // namespace clustersim::models::study
