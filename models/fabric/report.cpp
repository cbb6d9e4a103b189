#include "models/fabric/report.hpp"

#include <ostream>
#include <sstream>

namespace clustersim::models::fabric {

TopologyReport report(const Topology& topology) {
  TopologyReport r;
  r.hosts = topology.host_count();
  r.switches = topology.switch_count();
  r.links = topology.link_count();
  r.bisection_bytes_per_s = topology.bisection_bytes_per_s();
  r.diameter_hops = topology.diameter();
  r.oversubscription = topology.oversubscription();
  return r;
}

std::string to_string(const TopologyReport& r) {
  std::ostringstream out;
  out << r.hosts << " hosts, " << r.switches << " switches, " << r.links << " links, bisection "
      << r.bisection_bytes_per_s << " B/s, diameter " << r.diameter_hops << " hops, oversubscription "
      << r.oversubscription << ":1";
  return out.str();
}

std::ostream& operator<<(std::ostream& out, const TopologyReport& r) {
  return out << to_string(r);
}

}  // namespace clustersim::models::fabric
