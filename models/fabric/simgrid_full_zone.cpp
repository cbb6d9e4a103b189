// The Full <zone> reader of the SimGrid platform import: hosts, links as resources, explicit
// routes as the topology's route table; see simgrid_platform.hpp.
#include <map>
#include <utility>

#include "models/fabric/simgrid_reader.hpp"

namespace clustersim::models::fabric::detail {

Platform read_full_zone(const SimgridReader& r, const XmlElement& zone) {
  r.check_children(zone, {"host", "link", "route"});
  Platform platform{Topology(r.required(zone, "id")), {}, {}};
  Topology& t = platform.topology;
  std::map<std::string, HostId> hosts;
  std::map<std::string, LinkId> links;
  RouteTable table;
  for (const XmlElement& e : zone.children) {
    if (e.name == "host") {
      r.check_attributes(e, {"id", "speed", "core"});
      r.check_children(e, {});
      const std::string& id = r.required(e, "id");
      if (!hosts.emplace(id, t.host_count()).second) r.fail(e, "host '" + id + "' declared twice");
      r.check_size(e, "the zone", hosts.size(), links.size());
      t.add_host(t.host_count(), 0);
      platform.host_names.push_back(id);
    } else if (e.name == "link") {
      r.check_attributes(e, {"id", "bandwidth", "latency", "sharing_policy"});
      r.check_children(e, {});
      const std::string& id = r.required(e, "id");
      r.check_size(e, "the zone", hosts.size(), links.size() + 1);
      const SwitchId a = t.add_switch(0, 0, 2 * static_cast<std::uint32_t>(links.size()));
      const SwitchId b = t.add_switch(0, 0, 2 * static_cast<std::uint32_t>(links.size()) + 1);
      const double bw = r.bandwidth(e, "bandwidth");
      if (!(bw > 0.0)) r.fail(e, "attribute 'bandwidth': must be > 0");
      const LinkId l = t.add_link(t.switch_vertex(a), t.switch_vertex(b), bw, r.latency(e, "latency"), r.sharing(e));
      if (!links.emplace(id, l).second) r.fail(e, "link '" + id + "' declared twice");
      platform.link_names.push_back(id);
    } else if (e.name == "route") {
      r.check_attributes(e, {"src", "dst", "symmetrical"});
      r.check_children(e, {"link_ctn"});
      auto host = [&](std::string_view key) {
        const std::string& name = r.required(e, key);
        auto it = hosts.find(name);
        if (it == hosts.end()) r.fail(e, std::string(key) + ": unknown host '" + name + "' (declare it before)");
        return it->second;
      };
      const HostId src = host("src");
      const HostId dst = host("dst");
      if (src == dst) r.fail(e, "a route from a host to itself is not supported");
      const std::string* symmetrical = e.attribute("symmetrical");
      if (symmetrical && *symmetrical != "YES" && *symmetrical != "NO") {
        r.fail(e, "symmetrical '" + *symmetrical + "': expected YES or NO");
      }
      std::vector<DirectedLinkId> forward;
      std::vector<DirectedLinkId> backward;
      for (const XmlElement& c : e.children) {
        if (c.name != "link_ctn") continue;
        r.check_attributes(c, {"id", "direction"});
        r.check_children(c, {});
        const std::string& id = r.required(c, "id");
        auto it = links.find(id);
        if (it == links.end()) r.fail(c, "unknown link '" + id + "' (declare it before)");
        const std::string* direction = c.attribute("direction");
        const bool split = t.link(it->second).sharing == LinkSharing::split_duplex;
        const std::string given = direction == nullptr ? "NONE" : *direction;
        if (given != "UP" && given != "DOWN" && given != "NONE") {
          r.fail(c, "direction '" + given + "': expected UP, DOWN or NONE");
        }
        if (split && given == "NONE") r.fail(c, "link '" + id + "' is SPLITDUPLEX: give direction UP or DOWN");
        if (!split && given != "NONE") {
          r.fail(c, "link '" + id + "' is not SPLITDUPLEX: direction " + given + " does not apply");
        }
        const bool up = given != "DOWN";
        forward.push_back(up ? Topology::forward(it->second) : Topology::backward(it->second));
        backward.insert(backward.begin(), up ? Topology::backward(it->second) : Topology::forward(it->second));
      }
      if (forward.empty()) r.fail(e, "a route needs at least one <link_ctn>");
      if (!table.emplace(std::make_pair(src, dst), forward).second) {
        r.fail(e, "route from '" + platform.host_names[src] + "' to '" + platform.host_names[dst] + "' given twice");
      }
      if (symmetrical == nullptr || *symmetrical == "YES") {
        if (!table.emplace(std::make_pair(dst, src), backward).second) {
          r.fail(e, "route from '" + platform.host_names[dst] + "' to '" + platform.host_names[src] +
                        "' given twice (this symmetrical route implies it)");
        }
      }
    }
  }
  if (hosts.empty()) r.fail(zone, "no <host> in the zone");
  t.set_route_table(std::move(table));
  return platform;
}

}  // namespace clustersim::models::fabric::detail
