#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"
#include "models/fabric/fabric_network.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/fabric/routing_policy.hpp"
#include "models/fabric/simgrid_platform.hpp"
#include "models/study/atomic_write.hpp"
#include "models/study/resolve.hpp"

namespace clustersim::cli {

namespace {

namespace fabric = models::fabric;

// The fabric named by exactly one of --topology, --platform and --scenario, and its routing: the
// scenario's own unless --routing or --link-layer is given, else auto on InfiniBand.
models::study::ScenarioFabric fabric_of(const FlowsOptions& options, const models::study::RunLimits& run,
                                        const fabric::FlowsLimits& limits) {
  const int given = !options.topology.empty() + !options.platform.empty() + !options.scenario.empty();
  if (given != 1) throw std::invalid_argument("flows: give exactly one of --topology, --platform and --scenario");
  models::study::ScenarioFabric built;
  if (!options.scenario.empty()) {
    built = models::study::load_scenario_fabric(options.scenario, *models::study::load_catalog_source(), run);
    if (options.routing.empty() && options.link_layer.empty()) return built;
  } else if (!options.platform.empty()) {
    fabric::Platform platform = fabric::read_simgrid_platform(options.platform);
    built.topology = std::move(platform.topology);
    built.host_names = std::move(platform.host_names);
  } else {
    built.topology = fabric::build_topology_from_spec(options.topology, limits);
  }
  if (!options.link_layer.empty()) built.link_layer = fabric::parse_link_layer(options.link_layer);
  built.routing =
      fabric::resolve_routing(options.routing.empty() ? "auto" : options.routing, built.topology, built.link_layer);
  return built;
}

}  // namespace

int flows_command(const FlowsOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const models::study::RunLimits run = run_limits(options.limits);
    fabric::FlowsLimits limits;
    limits.max_flows = static_cast<std::uint64_t>(run.max_flows);
    limits.max_hosts = static_cast<std::uint64_t>(run.max_nodes);
    limits.max_links = static_cast<std::uint64_t>(run.max_links);
    limits.budget = run.budget();
    const models::study::ScenarioFabric built = fabric_of(options, run, limits);
    std::ifstream file;
    if (options.input != "-") {
      file.open(options.input);
      if (!file) throw std::invalid_argument(options.input + ": cannot open the flows CSV");
    }
    std::ostringstream results;
    fabric::FlowsToolResult summary;
    try {
      summary = fabric::run_flows_tool(built.topology, options.input == "-" ? in : file, built.routing, results, limits,
                                       built.host_names);
    } catch (const sim::RunLimitExceeded& error) {
      throw std::runtime_error(models::study::run_limit_message(error));
    }
    if (options.output.empty()) {
      out << results.str();
    } else {
      models::study::write_file_atomically(options.output, results.str());
    }
    err << summary.flows.size() << " flows, routing " << fabric::to_string(built.routing) << ", makespan "
        << sim::to_string(summary.makespan) << ", " << summary.solves << " max-min solves\n";
    return 0;
  });
}

}  // namespace clustersim::cli
