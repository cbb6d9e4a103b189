// Routing on a fabric Topology: a route is the list of directed links from one host to another.
// Every algorithm is deterministic (choices come from portable hashes of the caller's flow key or
// from the destination index), avoids failed links and switches, and throws UnreachableError
// naming both hosts when no live path exists. A route from a host to itself is empty. Hosts never
// forward traffic. Cost: ecmp, dmodk and spray run one BFS over the live switch graph per call,
// O(switches + switch links) (about 0.15 ms on the 24,576-GPU Llama-3-style Clos); the dragonfly
// algorithms only look at the links around the routers involved.
//
// Shortest-path algorithms (any topology; meant for Clos fabrics):
// - ecmp: walks the live shortest paths from source to destination; at every vertex with several
//   next hops (sorted by neighbour vertex, then link) it takes index
//   flow_hash(flow_key, vertex) mod count (hash.hpp: splitmix64). Per-switch salting avoids
//   polarisation; on a Clos only the up-going hops have choices.
// - dmodk: destination-based InfiniBand fat-tree routing (Zahavi et al., "D-Mod-K routing
//   providing non-blocking traffic for shift permutations on real life fat trees", 2010).
//   Let D be the destination's HostId and M a divisor starting at 1. At a switch whose next hops
//   go up (to a higher tier) or sideways, it takes up-port (D / M) mod U, U = number of live
//   shortest-path up-ports, sorted as for ecmp; then M is multiplied by the switch's down-port
//   count (links to lower tiers or hosts). Going down, the port is D mod (count), which on a
//   tree is the single port toward D. On a k-ary fat-tree: a leaf picks aggregation D mod (k/2),
//   an aggregation switch picks core (D / (k/2)) mod (k/2); a shift permutation D = S + s mod N
//   then uses every directed link at most once.
// - spray: adaptive routing / packet spraying approximated by an even split over all live
//   shortest paths: each of the P paths carries 1/P. Throws std::length_error if P > max_paths;
//   spray_link_fractions gives the per-link share without listing paths (path counting:
//   share(u -> w) = paths(src -> u) x paths(w -> dst) / P).
//
// Dragonfly algorithms (topology built by dragonfly(), see builders.hpp):
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

using LinkLoad = std::function<double(DirectedLinkId)>;

Route dragonfly_minimal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key);
Route dragonfly_valiant(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key);
Route dragonfly_ugal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key,
                     const LinkLoad& load);

// Sum of the link latencies along a route, and its smallest link bandwidth (0 for an empty route).
sim::SimTime route_latency(const Topology& topology, const Route& route);
double route_bottleneck_bytes_per_s(const Topology& topology, const Route& route);

}  // namespace clustersim::models::fabric
