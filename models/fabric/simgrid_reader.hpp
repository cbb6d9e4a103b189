// Internals of the SimGrid platform import (simgrid_platform.hpp): the checks every element goes
// through, and the readers of a <cluster> and of a Full <zone>. Every failure throws PlatformError
// naming the source, the element's line and the element.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "models/fabric/simgrid_platform.hpp"
#include "models/fabric/topology.hpp"
#include "models/fabric/xml_document.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric::detail {

// Sanity caps of the import (a platform asking for more is refused naming the attribute or element
// and its line, before anything is built): hosts, and links counted one per parallel link. A
// connected fabric has fewer switches than links, so these also bound the switches.
constexpr std::uint64_t kMaxPlatformHosts = 100'000;
constexpr std::uint64_t kMaxPlatformLinks = 1'000'000;

// a x b, or UINT64_MAX when it does not fit (sizes are compared with the caps above, never wrapped).
std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b);
// a + b, or UINT64_MAX when it does not fit.
std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b);

// Blanks and tabs off both ends: SimGrid writes "2 ; 4,4 ; 1,2 ; 1,2" as well as "2;4,4;1,2;1,2".
std::string_view trim(std::string_view text);
// "a,b,,c" -> {"a", "b", "", "c"}.
std::vector<std::string_view> split(std::string_view text, char separator);

class SimgridReader {
 public:
  explicit SimgridReader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const XmlElement& e, const std::string& message) const;
  // Every attribute of e must be in `allowed`.
  void check_attributes(const XmlElement& e, std::initializer_list<std::string_view> allowed) const;
  // Children other than <prop> are refused unless `allowed` names them.
  void check_children(const XmlElement& e, std::initializer_list<std::string_view> allowed) const;
  const std::string& required(const XmlElement& e, std::string_view key) const;
  // "125MBps" (bytes/s), "10Gbps" (bits/s), bare number = bytes/s.
  double bandwidth(const XmlElement& e, std::string_view key) const;
  // Absent = 0; "50us", "1.5ms", bare number = seconds.
  sim::SimTime latency(const XmlElement& e, std::string_view key) const;
  LinkSharing sharing(const XmlElement& e) const;  // the sharing_policy attribute
  // A positive integer; `what` names it in the error.
  std::uint32_t count(const XmlElement& e, std::string_view what, std::string_view text) const;
  // "4,4,2" -> {4, 4, 2}.
  std::vector<std::uint32_t> counts(const XmlElement& e, std::string_view what, std::string_view text) const;
  // Refuses `hosts` above kMaxPlatformHosts and `links` above kMaxPlatformLinks, naming `what`
  // (an attribute and its value, or an element) as the request.
  void check_size(const XmlElement& e, const std::string& what, std::uint64_t hosts, std::uint64_t links) const;
  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

Platform read_cluster(const SimgridReader& r, const XmlElement& cluster);
Platform read_full_zone(const SimgridReader& r, const XmlElement& zone);
// A DRAGONFLY cluster's topo_parameters "g,blue;c,black;r,green;n" and link properties.
struct SimgridDragonfly {
  std::uint32_t groups = 0;            // g
  std::uint32_t chassis = 0;           // c, per group
  std::uint32_t routers = 0;           // r, blades per chassis
  std::uint32_t hosts_per_router = 0;  // n
  double blue = 0.0;                   // link counts: multipliers of bytes_per_s
  double black = 0.0;
  double green = 0.0;
  double bytes_per_s = 0.0;
  sim::SimTime latency;
  LinkSharing sharing = LinkSharing::split_duplex;
};
// A DRAGONFLY cluster as SimGrid wires and routes it (simgrid_dragonfly.cpp); p is checked by the caller.
Platform simgrid_dragonfly(const std::string& name, std::vector<std::string> host_names, const SimgridDragonfly& p);
// A TORUS cluster as SimGrid wires and routes it (simgrid_torus.cpp); one host per node, in order.
Platform simgrid_torus(const std::string& name, std::vector<std::string> host_names,
                       const std::vector<std::uint32_t>& dimensions, double bytes_per_s, sim::SimTime latency,
                       LinkSharing sharing);

}  // namespace clustersim::models::fabric::detail
