// Routing on a fabric Topology: a route is the list of directed links from one host to another.
// Every algorithm is deterministic (choices come from portable hashes of the caller's flow key or
// from the destination index), avoids failed links and switches, and throws UnreachableError
// naming both hosts when no live path exists. A route from a host to itself is empty. Hosts never
// forward traffic. Cost: ecmp, dmodk and spray need one BFS over the live switch graph per
// destination switch set, O(switches + switch links) (about 0.15 ms on the 24,576-GPU
// Llama-3-style Clos), cached by the topology until its liveness changes; each call then walks
// its path; the dragonfly algorithms only look at the links around the routers involved.
//
// Shortest-path algorithms (any topology; meant for Clos fabrics):
// - ecmp: walks the live shortest paths from source to destination; at every vertex with several
//   next hops (sorted by neighbour vertex, then link) it takes index
//   flow_hash(flow_key, vertex) mod count (hash.hpp: splitmix64). Per-switch salting avoids
//   polarisation; on a Clos only the up-going hops have choices.
// - dmodk: destination-based InfiniBand fat-tree routing, the rule of the subnet manager's fat-tree
//   engine (Zahavi et al., "D-Mod-K routing providing non-blocking traffic for shift permutations
//   on real life fat trees", 2010). D = the destination's HostId: hosts are numbered leaf by leaf,
//   port by port (builders.hpp), as the subnet manager indexes the end ports. Exact rule, walking
//   from the source over the live shortest paths, ports sorted by neighbour vertex then link
//   (parallel links are separate ports):
//     going up (the next hops are not all on a lower tier), with U live up-ports here:
//         up-port = floor(D / M) mod U,   M = product of the up-port counts U of the vertices
//         already crossed on the way up (the choices made below: Zahavi's prod w_k); M = 1 at the
//         source host, so a single-homed host's leaf takes D mod U_1, a tier-1 switch
//         floor(D / U_1) mod U_2, a tier-2 switch floor(D / (U_1 x U_2)) mod U_3, ... A host with
//         several leaves (multi-rail PGFT, w_1 > 1) first takes leaf D mod w_1 and M becomes w_1.
//         Why the up counts and not the down counts: flows leave a leaf on port D mod U_1, so the
//         flows a tier-1 switch carries up share D mod U_1 and differ in floor(D / U_1); dividing
//         by the down count m_1 instead would pair up destinations on one port whenever m_1 > U_1
//         (an oversubscribed leaf). On a k-ary fat-tree m = U = k/2 and both agree.
//     going down (every next hop is on a lower tier): port D mod (count), which on a tree is the
//         single port toward D (the path down is fixed by the destination).
//     Parallel links (p > 1) are separate ports in the order above: still deterministic and
//     spread, but non-blocking is only claimed for p = 1 below the top level.
//   Worked example, k_ary_fat_tree(4, 2): leaves L0..L3 with 2 hosts each (host D on leaf
//   floor(D/2)), spines S0, S1. Host 1 -> host 6: L0 takes S(6 mod 2) = S0, S0 goes down to L3,
//   L3 to host 6. Host 0 -> host 7: L0 takes S(7 mod 2) = S1. Shift by s (S -> (S + s) mod 8):
//   the two hosts of a leaf send to consecutive D, so to different spines; spine S_j reaches leaf L
//   only for the destinations D with D mod 2 = j and floor(D/2) = L, i.e. one destination, so no
//   link carries two flows. 3 levels, k_ary_fat_tree(4, 3): host 0 -> host 5: the leaf takes
//   aggregation 5 mod 2 = 1, which takes core floor(5 / 2) mod 2 = 0 of its plane. On any k-ary
//   fat-tree a shift permutation uses every directed link at most once (tested for k = 4, 8).
// - spray: adaptive routing / packet spraying approximated by an even split over all live
//   shortest paths: each of the P paths carries 1/P. Throws std::length_error if P > max_paths;
//   spray_link_fractions gives the per-link share without listing paths (path counting:
//   share(u -> w) = paths(src -> u) x paths(w -> dst) / P).
//
// Table (imported platforms with explicit routes, topology.hpp): table_route returns the listed
// route of (source, destination), or the route rule's; a pair the table does not list, or a route
// over a dead link, throws UnreachableError.
//
// Dragonfly algorithms (topology built by dragonfly(), see builders.hpp). Global-link arrangement
// ("consecutive", stated in builders.hpp): group G numbers its global ports k = r x h + j (router
// r, port j); port k < m x (g-1) reaches the other group at offset k mod (g-1) in ascending order,
// so every pair of groups has m global links, on routers (g-1) ports apart; inside a group the
// routers are all-to-all (one local hop).
// - dragonfly_minimal: host -> source router -> [local hop to the gateway router that owns a
//   global link to the destination group] -> global link -> [local hop to the destination
//   router] -> host: at most one global link. Among the global links between the two groups the
//   live candidates with the fewest hops win; ties by flow_hash(flow_key, 1) mod count in port
//   order. Inside a group: one local hop. If no such live path exists (failures), the route is the
//   ecmp route on the live fabric (shortest, may take more global links).
// - dragonfly_valiant: minimal to an intermediate group I, then minimal from the router where it
//   lands to the destination: at most two global links. I is the (flow_hash(flow_key, 2) mod n)-th
//   of the n groups other than the source and destination groups, ascending; if its route is not
//   live the next groups are tried in cyclic order, then dragonfly_minimal. With no other group
//   (g <= 2, or g = 1) Valiant is minimal.
// - dragonfly_ugal (UGAL with global load information, Singh's UGAL-G): at flow start compute both
//   candidates and their cost = hops x (largest load on a switch-to-switch link of the route),
//   load(d) given by the caller; take Valiant only if its cost is strictly lower (ties and an idle
//   fabric stay minimal). Loads must be finite and >= 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/fabric/topology.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

using Route = std::vector<DirectedLinkId>;

struct WeightedRoute {
  Route route;
  double fraction = 0.0;  // share of the flow on this route; the fractions sum to 1
};

class UnreachableError : public std::runtime_error {
 public:
  UnreachableError(const Topology& topology, HostId source, HostId destination);
  HostId source() const { return source_; }
  HostId destination() const { return destination_; }

 private:
  HostId source_;
  HostId destination_;
};

Route ecmp(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key);
Route dmodk(const Topology& topology, HostId source, HostId destination);
std::vector<WeightedRoute> spray(const Topology& topology, HostId source, HostId destination,
                                 std::size_t max_paths = 4096);
// (directed link, share of the flow), ascending by link; shares on the links leaving the source sum to 1.
std::vector<std::pair<DirectedLinkId, double>> spray_link_fractions(const Topology& topology, HostId source,
                                                                    HostId destination);

Route table_route(const Topology& topology, HostId source, HostId destination);

using LinkLoad = std::function<double(DirectedLinkId)>;

Route dragonfly_minimal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key);
Route dragonfly_valiant(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key);
Route dragonfly_ugal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key,
                     const LinkLoad& load);

// Sum of the link latencies along a route, and its smallest link bandwidth (0 for an empty route).
sim::SimTime route_latency(const Topology& topology, const Route& route);
double route_bottleneck_bytes_per_s(const Topology& topology, const Route& route);

}  // namespace clustersim::models::fabric
