// Builders of the standard fabric topologies. Each one validates its parameters and throws
// std::invalid_argument naming the parameter ("fat_tree.k: must be even and >= 2, got 5"), for:
// zero counts, odd k, more ports used than a given switch radix, too many dragonfly groups,
// parameters that would leave the fabric disconnected, bandwidths that are not finite and positive,
// negative latencies, and oversubscription ratios below 1.
//
// Numbering (every builder): hosts are numbered in the order of their leaf/router and port, which
// is the destination index D-mod-k routing uses; switch positions follow the wiring order below.
// Bisection halves (see topology.hpp): A gets floor(n/2) of the builder's blocks, B the rest and
// every switch above the blocks. With a single block the hosts of that block are split instead.
//
// single_switch(n): one switch (tier 0), n hosts.
//   Halves: hosts [0, n/2) in A.  Bisection = floor(n/2) x link bandwidth.
//
// k_ary_fat_tree(k, 3): the classic 3-level fat-tree of k-port switches (Al-Fares et al., SIGCOMM
//   2008). k pods; a pod has k/2 edge switches (tier 0, group = pod) and k/2 aggregation switches
//   (tier 1, group = pod); edge e has k/2 hosts and a link to every aggregation switch of its pod;
//   there are (k/2)^2 core switches (tier 2) in k/2 planes: core (plane a, position j) links to
//   aggregation switch a of every pod. k^3/4 hosts, 5k^2/4 switches, host-host diameter 6.
//   Halves: pods [0, k/2) in A, cores in B.  Bisection = k^3/8 x bw = hosts/2 x bw (full).
// k_ary_fat_tree(k, 2): the 2-level folded Clos of k-port switches: k leaves (tier 0) with k/2 hosts
//   each and k/2 spines (tier 1), every leaf linked once to every spine. k^2/2 hosts, 3k/2
//   switches, diameter 4.  Halves: leaves [0, k/2) in A.  Bisection = k^2/4 x bw = hosts/2 x bw.
//
// leaf_spine: `leaves` leaves with `hosts_per_leaf` hosts, `spines` spines, each leaf linked to each
//   spine by `links_per_leaf_spine` links.
//   oversubscription = (hosts_per_leaf x host bw) / (spines x links_per_leaf_spine x uplink bw) >= 1.
//   Halves: leaves [0, leaves/2) in A.  Bisection = floor(leaves/2) x spines x links x uplink bw.
//
// clos_three_tier: pods of leaf-spine plus a core layer (e.g. Llama 3's RoCE cluster: 16 GPUs per
//   ToR, 192 ToRs per 3,072-GPU pod at full bisection, 8 pods, 1:7 between pods). In each pod every
//   leaf links to every spine (tier 1, group = pod) by `links_per_leaf_spine` (m) links. Core switches
//   (tier 2) form one plane per spine position: spine s of every pod links to each of the
//   `cores_per_plane` cores of plane s.
//   pod oversubscription  = hosts_per_leaf x host bw / (spines_per_pod x m x leaf uplink bw)  >= 1
//   core oversubscription = leaves_per_pod x m x leaf uplink bw / (cores_per_plane x spine uplink bw) >= 1
//   Halves: pods [0, pods/2) in A, cores in B (one pod: as leaf_spine).
//   Bisection = floor(pods/2) x spines_per_pod x cores_per_plane x spine uplink bw
//             = floor(pods/2) x pod host bandwidth / (pod oversub x core oversub).
//
// rail_optimized: `nodes` nodes of `rails` GPUs (one NIC rail each); host = node x rails + rail.
//   Rail switch (tier 0, group = scalable unit, position = rail) of rail r in scalable unit u joins
//   rail r of nodes [u x nodes_per_rail_switch, (u+1) x nodes_per_rail_switch); every rail switch
//   links to every spine (tier 1). oversubscription = nodes_per_rail_switch x host bw /
//   (spines x links x uplink bw) >= 1.
//   Halves: the rail switches in (rail, unit) order, the first floor(n/2) in A.
//   Bisection = floor(rail switches/2) x spines x links x uplink bw.
//
// dragonfly (Kim et al., ISCA 2008): g groups of a routers (tier 0, group = G, position = r), p
//   hosts per router, all-to-all local links inside a group, h global ports per router.
//   Global wiring ("consecutive", with repeats): group G numbers its global ports k = r x h + j
//   (router r, port j), k in [0, a x h). With m = links_per_group_pair, ports k < m x (g-1) are used:
//   port k reaches the group at offset o = k mod (g-1) among the other groups in ascending order,
//   i.e. T = o if o < G, else o + 1, on T's port (k div (g-1)) x (g-1) + (G if G < T else G - 1).
//   So every pair of groups has exactly m global links, and the m copies land on routers spread
//   (g-1) ports apart. Requires g <= a x h + 1 and m x (g-1) <= a x h; m defaults to
//   floor(a x h / (g-1)) (0 means default). Ports beyond m x (g-1) stay unconnected.
//   Frontier-like: a = 32, p = 16, h = 16, g = 74, m = 4 -> 37,888 hosts, 2,368 routers,
//   36,704 local and 10,804 global links.
//   Halves: groups [0, g/2) in A.  Bisection = floor(g/2) x ceil(g/2) x m x global bw.
//
// pgft: the parallel-ports generalised fat-tree PGFT(h; m_1..m_h; w_1..w_h; p_1..p_h) (Zahavi 2010,
//   after Ohring et al. 1995), the shape SimGrid's FAT_TREE clusters describe. Level 0 holds the
//   hosts, levels 1..h the switches (tier = level - 1). A level-l vertex has a label of h digits
//   d_1..d_h with d_i in [0, w_i) for i <= l and [0, m_i) for i > l; its index in the level is the
//   mixed-radix number with d_1 least significant. Level l-1 vertex x and level l vertex y are
//   joined by p_l parallel links iff their labels agree on every digit but d_l. So a level-l switch
//   has m_l children and a level-(l-1) vertex w_l parents; hosts = prod m_i, level-l switches =
//   prod_{i<=l} w_i x prod_{i>l} m_i. Hosts sharing d_2..d_h (m_1 consecutive indices) sit under
//   the same leaves. Example PGFT(2; 4,4; 1,2; 1,2): 16 hosts, 4 leaves of 4 hosts, 2 spines, every
//   leaf joined to every spine by 2 links: 16 host links + 16 leaf-spine links.
//   Halves: the level < h vertices with d_h < floor(m_h/2) in A, the rest (and the top) in B.
//
// torus(dims): one router (tier 0) per host, hosts numbered with the first dimension varying
//   fastest; router x links to its +1 neighbour (wrapping) in each dimension of size >= 3, and
//   once to its neighbour in a dimension of size 2. Each host reaches its router by a fatpipe link
//   of the link bandwidth and zero latency: a torus has no injection link of its own (SimGrid's
//   TORUS), the fatpipe only caps a single flow at the link bandwidth. Links: hosts +
//   sum over dimensions of size n >= 3 of hosts, + hosts/2 per dimension of size 2.
//   Halves: hosts whose last dimension of size >= 2 has coordinate < floor(n/2) in A.
#pragma once

#include <cstdint>
#include <vector>

#include "models/fabric/topology.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

Topology single_switch(std::uint32_t hosts, double link_bytes_per_s, sim::SimTime latency,
                       std::uint32_t switch_radix = 0);

// levels must be 2 or 3.
Topology k_ary_fat_tree(std::uint32_t k, std::uint32_t levels, double link_bytes_per_s, sim::SimTime latency);
inline Topology k_ary_fat_tree(std::uint32_t k, double link_bytes_per_s, sim::SimTime latency) {
  return k_ary_fat_tree(k, 3, link_bytes_per_s, latency);
}

struct LeafSpineParams {
  std::uint32_t hosts_per_leaf = 0;
  std::uint32_t leaves = 0;
  std::uint32_t spines = 0;
  double host_link_bytes_per_s = 0.0;
  double uplink_bytes_per_s = 0.0;  // per leaf-spine link
  sim::SimTime latency;
  std::uint32_t links_per_leaf_spine = 1;
  std::uint32_t switch_radix = 0;  // ports per switch; 0 = not checked
};

Topology leaf_spine(const LeafSpineParams& params);
Topology leaf_spine(std::uint32_t hosts_per_leaf, std::uint32_t leaves, std::uint32_t spines,
                    double host_link_bytes_per_s, double uplink_bytes_per_s, sim::SimTime latency);
// Uplink bandwidth derived from the ratio: hosts_per_leaf x host bw / (spines x oversubscription).
Topology leaf_spine_oversubscribed(std::uint32_t hosts_per_leaf, std::uint32_t leaves, std::uint32_t spines,
                                   double host_link_bytes_per_s, double oversubscription, sim::SimTime latency);
// (hosts_per_leaf x host bw) / (spines x links_per_leaf_spine x uplink bw); does not validate.
double leaf_spine_oversubscription(const LeafSpineParams& params);

struct ClosShape {
  std::uint32_t hosts_per_leaf = 0;
  std::uint32_t leaves_per_pod = 0;
  std::uint32_t spines_per_pod = 0;
  std::uint32_t pods = 0;
  std::uint32_t cores_per_plane = 0;  // core switches per spine position (may be 0 with one pod)
  std::uint32_t switch_radix = 0;     // 0 = not checked
  std::uint32_t links_per_leaf_spine = 1;
};

struct ClosThreeTierParams {
  ClosShape shape;
  double host_link_bytes_per_s = 0.0;
  double leaf_uplink_bytes_per_s = 0.0;   // per leaf-spine link
  double spine_uplink_bytes_per_s = 0.0;  // per spine-core link
  sim::SimTime latency;
};

Topology clos_three_tier(const ClosThreeTierParams& params);
// Link bandwidths derived from the two ratios (each >= 1, see the header comment).
Topology clos_three_tier(const ClosShape& shape, double host_link_bytes_per_s, double pod_oversubscription,
                         double core_oversubscription, sim::SimTime latency);
double clos_pod_oversubscription(const ClosThreeTierParams& params);
double clos_core_oversubscription(const ClosThreeTierParams& params);

struct RailOptimizedParams {
  std::uint32_t nodes = 0;
  std::uint32_t rails = 0;                  // GPUs / NIC rails per node
  std::uint32_t nodes_per_rail_switch = 0;  // 0 = every node of a rail on one switch
  std::uint32_t spines = 0;                 // may be 0 only with a single rail switch
  std::uint32_t links_per_rail_switch_spine = 1;
  double host_link_bytes_per_s = 0.0;
  double uplink_bytes_per_s = 0.0;
  sim::SimTime latency;
  std::uint32_t switch_radix = 0;  // 0 = not checked
};

Topology rail_optimized(const RailOptimizedParams& params);
Topology rail_optimized(std::uint32_t nodes, std::uint32_t rails, std::uint32_t spines, double host_link_bytes_per_s,
                        double uplink_bytes_per_s, sim::SimTime latency);

struct DragonflyParams {
  std::uint32_t routers_per_group = 0;        // a
  std::uint32_t hosts_per_router = 0;         // p
  std::uint32_t global_links_per_router = 0;  // h
  std::uint32_t groups = 0;                   // g
  std::uint32_t links_per_group_pair = 0;     // m; 0 = floor(a x h / (g-1))
  double host_link_bytes_per_s = 0.0;
  double local_link_bytes_per_s = 0.0;
  double global_link_bytes_per_s = 0.0;
  sim::SimTime host_latency;
  sim::SimTime local_latency;
  sim::SimTime global_latency;
  std::uint32_t router_radix = 0;                   // 0 = not checked; else p + (a-1) + h must fit
  LinkSharing sharing = LinkSharing::split_duplex;  // of every link
};

Topology dragonfly(const DragonflyParams& params);

struct PgftParams {
  std::vector<std::uint32_t> down;      // m_1..m_h: children of a level-l switch
  std::vector<std::uint32_t> up;        // w_1..w_h: parents of a level-(l-1) vertex
  std::vector<std::uint32_t> parallel;  // p_1..p_h: links between a parent and a child
  double link_bytes_per_s = 0.0;
  sim::SimTime latency;
  LinkSharing sharing = LinkSharing::split_duplex;
};

Topology pgft(const PgftParams& params);

struct TorusParams {
  std::vector<std::uint32_t> dimensions;
  double link_bytes_per_s = 0.0;
  sim::SimTime latency;
  LinkSharing sharing = LinkSharing::split_duplex;  // of the router-to-router links
};

Topology torus(const TorusParams& params);

}  // namespace clustersim::models::fabric
