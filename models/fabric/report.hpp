// TopologyReport: the headline figures of a fabric, for studies and the GUI.
// Every figure is taken from the live fabric (failures included); definitions in topology.hpp:
// bisection over the builder's halves, oversubscription = host bandwidth of half A / bisection,
// diameter in hops between connected hosts.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric {

struct TopologyReport {
  std::uint32_t hosts = 0;
  std::uint32_t switches = 0;
  std::uint32_t links = 0;  // full-duplex links
  double bisection_bytes_per_s = 0.0;
  std::uint32_t diameter_hops = 0;
  double oversubscription = 1.0;
};

// Costs one BFS per distinct host attachment (the diameter): fine for tens of thousands of hosts.
TopologyReport report(const Topology& topology);
std::string to_string(const TopologyReport& report);
std::ostream& operator<<(std::ostream& out, const TopologyReport& report);

}  // namespace clustersim::models::fabric
