#include "models/fabric/inventory.hpp"

#include <vector>

namespace clustersim::models::fabric {

FabricInventory count_inventory(const Topology& topology) {
  FabricInventory inventory;
  inventory.switches = topology.switch_count();
  std::vector<std::uint32_t> ports(topology.switch_count(), 0);
  for (const Link& link : topology.links()) {
    const bool a_host = topology.is_host(link.a);
    const bool b_host = topology.is_host(link.b);
    if (a_host || b_host) {
      ++inventory.host_links;
    } else {
      ++inventory.switch_links;
    }
    if (!a_host) ++ports[topology.switch_at(link.a)];
    if (!b_host) ++ports[topology.switch_at(link.b)];
  }
  for (SwitchId s = 0; s < ports.size(); ++s) {
    if (ports[s] > inventory.max_switch_ports) {
      inventory.max_switch_ports = ports[s];
      inventory.busiest_switch = s;
    }
  }
  return inventory;
}

}  // namespace clustersim::models::fabric
