// Which routing a fabric uses when the user says "auto": what the fabric's own control plane does.
//
// - A topology with explicit routes (an imported platform listing its routes, or routing by a
//   fixed rule as SimGrid's torus does) -> table.
// - A dragonfly (the builder recorded its layout) -> dragonfly_minimal, the default of dragonfly
//   routers when no congestion is seen (Kim et al., ISCA 2008).
// - A direct network (several switches, all on tier 0: a torus) -> ecmp over the shortest paths:
//   D-mod-k is a fat-tree rule and has no up and down there.
// - InfiniBand (link_layer infiniband) -> dmodk: the subnet manager's fat-tree engine computes
//   destination-based forwarding tables (routing.hpp states the exact rule).
// - Ethernet (RoCE) -> ecmp: switches hash the flow's 5-tuple over the equal-cost next hops.
// Adaptive routing / packet spraying (spray) and Valiant/UGAL are never chosen by "auto": they are
// a switch feature the architect turns on by naming them.
#pragma once

#include <string_view>

#include "models/fabric/fabric_network.hpp"
#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric {

enum class LinkLayer { infiniband, ethernet };

// "infiniband" (or "ib") and "ethernet" (or "roce"); throws std::invalid_argument listing them.
LinkLayer parse_link_layer(std::string_view text);
std::string_view to_string(LinkLayer layer);

RoutingChoice default_routing(const Topology& topology, LinkLayer layer);
// "auto" -> default_routing, anything else -> parse_routing_choice. Throws std::invalid_argument
// for an unknown name, a dragonfly algorithm on a topology that is not a dragonfly, and table on
// a topology without a route table.
RoutingChoice resolve_routing(std::string_view setting, const Topology& topology, LinkLayer layer);

}  // namespace clustersim::models::fabric
