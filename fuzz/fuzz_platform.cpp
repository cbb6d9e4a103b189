// libFuzzer target for the SimGrid platform import: the input is platform XML text, taken in memory
// through parse_simgrid_platform (the file layer, read_simgrid_platform, only adds the regular-file and
// size checks), then the topology's default InfiniBand routing ("auto", routing_policy.hpp) computes
// the routes from host 0 to a few hosts, and from the last host back, through FabricNetwork::routes, so
// the builders and the routing code run on whatever the importer accepted.
// Every rejection must be a std::invalid_argument (XmlError, PlatformError) with a non-empty message,
// and an UnreachableError is only allowed for a route table that leaves the pair out (routing.hpp);
// any other exception, a sanitizer report, a hang or running out of memory is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "models/fabric/fabric_network.hpp"
#include "models/fabric/routing.hpp"
#include "models/fabric/routing_policy.hpp"
#include "models/fabric/simgrid_platform.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

namespace {

using namespace clustersim;
using namespace clustersim::models::fabric;

constexpr std::uint32_t kRoutedPairs = 8;

void route_some_pairs(const Topology& topology) {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  FabricNetwork fabric(network, topology);
  const RoutingChoice routing = default_routing(topology, LinkLayer::infiniband);
  const std::uint32_t hosts = topology.host_count();
  const std::uint32_t step = std::max<std::uint32_t>(1, hosts / kRoutedPairs);
  for (std::uint32_t dst = 0; dst < hosts; dst += step) {
    for (const auto& [src, to] : {std::pair{HostId{0}, dst}, std::pair{hosts - 1, hosts - 1 - dst}}) {
      if (src == to) continue;
      try {
        const std::vector<WeightedRoute> routes = fabric.routes(src, to, routing, dst);
        if (routes.empty()) std::abort();  // a route list always holds at least one route
      } catch (const UnreachableError&) {
        if (routing != RoutingChoice::table) std::abort();  // a built fabric is connected
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Platform platform = parse_simgrid_platform(text, "fuzz.xml");
    if (platform.host_names.size() != platform.topology.host_count()) std::abort();
    route_some_pairs(platform.topology);
  } catch (const std::invalid_argument& error) {
    if (std::string_view(error.what()).empty()) std::abort();  // a rejection must say why
  }
  return 0;
}
