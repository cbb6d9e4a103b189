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

namespace clustersim::cli {

int flows_command(const FlowsOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    namespace fabric = models::fabric;
    if (options.topology.empty() == options.platform.empty()) {
      throw std::invalid_argument("flows: give exactly one of --topology and --platform");
    }
    fabric::Platform platform = options.platform.empty()
                                    ? fabric::Platform{fabric::build_topology_from_spec(options.topology), {}}
                                    : fabric::read_simgrid_platform(options.platform);
    const fabric::Topology& topology = platform.topology;
    const fabric::RoutingChoice routing =
        fabric::resolve_routing(options.routing, topology, fabric::parse_link_layer(options.link_layer));
    std::ifstream file;
    if (options.input != "-") {
      file.open(options.input);
      if (!file) throw std::invalid_argument(options.input + ": cannot open the flows CSV");
    }
    std::ostringstream results;
    const fabric::FlowsToolResult summary =
        fabric::run_flows_tool(topology, options.input == "-" ? in : file, routing, results, platform.host_names);
    if (options.output.empty()) {
      out << results.str();
    } else {
      models::study::write_file_atomically(options.output, results.str());
    }
    err << summary.flows.size() << " flows, routing " << fabric::to_string(routing) << ", makespan "
        << sim::to_string(summary.makespan) << ", " << summary.solves << " max-min solves\n";
    return 0;
  });
}

}  // namespace clustersim::cli
