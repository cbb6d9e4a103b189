#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"
#include "models/fabric/fabric_network.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/study/atomic_write.hpp"

namespace clustersim::cli {

int flows_command(const FlowsOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const models::study::RunLimits run = run_limits(options.limits);
    models::fabric::FlowsLimits limits;
    limits.max_flows = static_cast<std::uint64_t>(run.max_flows);
    limits.max_hosts = static_cast<std::uint64_t>(run.max_nodes);
    limits.max_links = static_cast<std::uint64_t>(run.max_links);
    limits.budget = run.budget();
    const models::fabric::Topology topology = models::fabric::build_topology_from_spec(options.topology, limits);
    const models::fabric::RoutingChoice routing = models::fabric::parse_routing_choice(options.routing);
    std::ifstream file;
    if (options.input != "-") {
      file.open(options.input);
      if (!file) throw std::invalid_argument(options.input + ": cannot open the flows CSV");
    }
    std::ostringstream results;
    models::fabric::FlowsToolResult summary;
    try {
      summary = models::fabric::run_flows_tool(topology, options.input == "-" ? in : file, routing, results, limits);
    } catch (const sim::RunLimitExceeded& error) {
      throw std::runtime_error(models::study::run_limit_message(error));
    }
    if (options.output.empty()) {
      out << results.str();
    } else {
      models::study::write_file_atomically(options.output, results.str());
    }
    err << summary.flows.size() << " flows, makespan " << sim::to_string(summary.makespan) << ", " << summary.solves
        << " max-min solves\n";
    return 0;
  });
}

}  // namespace clustersim::cli
