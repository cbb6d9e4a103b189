// FabricInventory: what a built fabric is made of, counted on its topology (what the cost model
// prices and powers, and what the switch radix bounds).
//   switches      every switch vertex
//   host_links    links with a host at one end (a NIC port to its leaf, ToR, rail switch or router)
//   switch_links  links between two switches (leaf-spine, spine-core, dragonfly local and global)
//   ports of a switch = the links that end at it (parallel links count one port each)
// Nothing here is a formula beside the topology: a builder's shape is counted as built.
#pragma once

#include <cstdint>

#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric {

struct FabricInventory {
  std::int64_t switches = 0;
  std::int64_t host_links = 0;
  std::int64_t switch_links = 0;
  std::uint32_t max_switch_ports = 0;  // the most ports any one switch uses
  SwitchId busiest_switch = 0;         // the first switch using max_switch_ports
};

FabricInventory count_inventory(const Topology& topology);

}  // namespace clustersim::models::fabric
