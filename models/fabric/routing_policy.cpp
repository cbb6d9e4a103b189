// Routing chosen for "auto" by fabric kind and link layer; see routing_policy.hpp.
#include "models/fabric/routing_policy.hpp"

#include <stdexcept>
#include <string>

namespace clustersim::models::fabric {

LinkLayer parse_link_layer(std::string_view text) {
  if (text == "infiniband" || text == "ib") return LinkLayer::infiniband;
  if (text == "ethernet" || text == "roce") return LinkLayer::ethernet;
  throw std::invalid_argument("link layer: unknown '" + std::string(text) + "', expected infiniband or ethernet");
}

std::string_view to_string(LinkLayer layer) {
  return layer == LinkLayer::infiniband ? "infiniband" : "ethernet";
}

namespace {

// A direct network (torus): several switches, none above tier 0.
bool is_direct(const Topology& topology) {
  if (topology.switch_count() < 2) return false;
  for (SwitchId s = 0; s < topology.switch_count(); ++s) {
    if (topology.switch_info(s).tier > 0) return false;
  }
  return true;
}

}  // namespace

RoutingChoice default_routing(const Topology& topology, LinkLayer layer) {
  if (topology.has_explicit_routes()) return RoutingChoice::table;
  if (topology.dragonfly()) return RoutingChoice::dragonfly_minimal;
  if (is_direct(topology)) return RoutingChoice::ecmp;
  return layer == LinkLayer::infiniband ? RoutingChoice::dmodk : RoutingChoice::ecmp;
}

RoutingChoice resolve_routing(std::string_view setting, const Topology& topology, LinkLayer layer) {
  if (setting == "auto") return default_routing(topology, layer);
  const RoutingChoice routing = parse_routing_choice(setting);
  const bool dragonfly_only = routing == RoutingChoice::dragonfly_minimal ||
                              routing == RoutingChoice::dragonfly_valiant || routing == RoutingChoice::dragonfly_ugal;
  if (dragonfly_only && !topology.dragonfly()) {
    throw std::invalid_argument("routing: " + std::string(to_string(routing)) + " needs a dragonfly fabric, '" +
                                topology.name() + "' is not one");
  }
  if (routing == RoutingChoice::table && !topology.has_explicit_routes()) {
    throw std::invalid_argument("routing: table needs a platform with explicit routes, '" + topology.name() +
                                "' has none");
  }
  return routing;
}

}  // namespace clustersim::models::fabric
