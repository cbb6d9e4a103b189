// Import of SimGrid platform files (XML, version 4.1) for the cases cluster users have, mapped to
// this project's fabric Topology (learnt from SimGrid's documentation; no SimGrid code is used).
//
// Accepted documents: <platform version="4.1"> holding one of
//   - a <cluster> (directly, or as the only child of a <zone>), or
//   - a <zone routing="Full"> of <host>s, <link>s and <route>s (explicit routes).
// <prop> elements are accepted anywhere and ignored; a cluster's or host's `speed`/`core` (compute)
// and a cluster's loopback_bw/loopback_lat (a host talking to itself, which the flows tool never
// does) are read and ignored. Any other element or attribute throws PlatformError naming it and
// its line: SimGrid features without a mapping are refused, never approximated silently.
//
// Numbers in topo_parameters and radical may be padded with spaces ("2 ; 4,4 ; 1,2 ; 1,2").
// Units: bandwidths "125MBps" (bytes/s), "10Gbps" (bits/s), "1GiBps", bare number = bytes/s;
// latencies "50us", "1.5ms", "0", bare number = seconds.
//
// Cluster: hosts are named prefix + n + suffix for every n of `radical` ("0-15,32-47": ranges
// and single numbers, in order), host index = position in that list; every link has the cluster's
// bw and lat and its sharing_policy (SPLITDUPLEX, the default: each direction on its own; SHARED:
// both directions together; FATPIPE: each flow alone is capped, flows never share).
//   topology="FLAT" (SimGrid's default) without backbone: a crossbar, every host's private link to
//     one switch, i.e. pgft() PGFT(1; n; 1; 1); a backbone (bb_bw, bb_lat) is refused.
//   topology="FAT_TREE", topo_parameters "h;m_1,..,m_h;w_1,..,w_h;p_1,..,p_h" -> pgft() (builders.hpp):
//     h switch levels, m_l children per level-l switch, w_l parents per level-(l-1) vertex, p_l
//     parallel links per parent-child pair; the radical must give prod m_l hosts. SimGrid routes a
//     fat-tree with D-mod-k, which is the "auto" routing of an InfiniBand fabric here.
//   topology="TORUS", topo_parameters "d_1,d_2,..": hosts = prod d_i, wired and routed exactly as
//     SimGrid does (simgrid_torus.cpp states the rule): a router per host with no host link, one
//     named link per node and dimension, dimension-order routes given by a route rule (routing
//     "table"). Not torus() (builders.hpp), whose hosts hang on host links and route by ECMP.
//   topology="DRAGONFLY", topo_parameters "g,blue;c,black;r,green;n": g groups of c chassis of r
//     routers, n hosts per router; a count x bw link stands for that many parallel links (blue
//     between every pair of groups, black between the same router of two chassis, green between two
//     routers of a chassis). Wired, named and routed exactly as SimGrid does (simgrid_dragonfly.cpp
//     states the rule), routes given by a route rule (routing "table"); r < g (g > 1) is refused,
//     SimGrid has no router for some blue links then. Not dragonfly() (builders.hpp).
//   Other topologies are refused.
// Full zone: hosts in document order; each <link> becomes one Topology link between two
// placeholder switches (a resource, not a graph edge); each <route src dst> lists link_ctn's, a
// SPLITDUPLEX one with direction UP (forward) or DOWN (backward), any other without a direction
// (or NONE). Routes are symmetrical unless symmetrical="NO": the reverse route takes the links in
// reverse order and the other direction.
// The routes form the topology's route table (routing "table").
// Size caps: at most 100,000 hosts and 1,000,000 links (one per parallel link), counted from radical,
// topo_parameters or the zone's elements before anything is built; a platform asking for more is refused
// naming the attribute (or element) and its line, with 64-bit products reported, never wrapped.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric {

class PlatformError : public std::invalid_argument {
 public:
  PlatformError(const std::string& source, int line, const std::string& message);
  int line() const { return line_; }

 private:
  int line_;
};

struct Platform {
  Topology topology;
  std::vector<std::string> host_names;  // by HostId
  // SimGrid's name of each link, by LinkId, for the platforms whose links SimGrid names one to one
  // with these (Full zones: the <link> id; TORUS and DRAGONFLY clusters); empty for FLAT and FAT_TREE.
  std::vector<std::string> link_names;
};

// SimGrid's name of a direction of a named link: a SPLITDUPLEX link's forward direction is
// "<name>_UP", its backward one "<name>_DOWN"; any other link is "<name>" both ways. Throws
// std::out_of_range when the platform does not name the link.
std::string directed_link_name(const Platform& platform, DirectedLinkId d);

// `source` names the document in errors. Malformed XML throws XmlError (xml_document.hpp), a
// platform this import refuses throws PlatformError; both name the line.
Platform parse_simgrid_platform(std::string_view xml, const std::string& source);
// Reads the file; a missing, unreadable or irregular file (a FIFO, /dev/zero) or one over 64 MiB
// throws std::invalid_argument naming it.
Platform read_simgrid_platform(const std::string& path);

}  // namespace clustersim::models::fabric
