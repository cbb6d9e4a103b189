// FabricNetwork: a Topology bound to a sim::FlowNetwork, so that host-to-host messages become
// max-min-shared flows on the real links.
//
// Model and assumptions
// - Every directed link d of the topology is one shared constraint of the flow network with
//   capacity bytes_per_s(d) (0 while the link is not live, see sync_with_topology()); a link with
//   LinkSharing::shared has one constraint for both directions, a fatpipe link fatpipe constraints
//   (each flow alone is bounded by the bandwidth, topology.hpp).
// - send(src, dst, bytes, routing, flow_key) routes the message (routing.hpp) and moves `bytes`
//   across the route's directed links as one flow whose latency is the sum of the route's link
//   latencies plus SendOptions::extra_latency (a per-message software overhead). So on an idle
//   path a message takes  latency + bytes / min link bandwidth  (rounded up to the ns once).
// - spray: one flow per equal-cost path p carrying fraction f_p of the bytes, with weight
//   f_p x weight (so the P sub-flows together weigh as much as one flow where they share a link,
//   e.g. the host link), all awaited with sim::when_all: the message ends with its slowest part.
// - dragonfly_ugal: the load the UGAL rule sees for a directed link is, by UgalLoad,
//     in_flight_flows (default): messages routed over it and not finished (counts the messages
//       started earlier in the same instant, which the solver has not placed yet), or
//     utilisation: the flow network's load / capacity as of its last re-solve.
// - A message from a host to itself crosses no link and completes at once (no latency).
// - Failures: after changing the Topology's failed links/switches, call sync_with_topology():
//   dead directions get capacity 0 and the route cache is dropped, so new messages route around
//   failed elements (routing.hpp) and an unreachable destination throws UnreachableError naming
//   both hosts at the co_await. Messages already in flight on a dead link are not re-routed: they
//   stall (rate 0) until the link comes back.
// - Route cache: routes are kept per (src, dst, routing, key), key = flow_key for ecmp and the
//   dragonfly minimal/Valiant choices, 0 for dmodk and spray (they ignore the key); UGAL is never
//   cached (it depends on the load now) but costs little on a dragonfly. Cached routes are the
//   exact routes routing.hpp gives (no key bucketing), so a cache hit never changes a result. The
//   cache is cleared when it reaches Options::max_cached_routes entries.
//
// Lifetime: the flow network and the topology must outlive this object; call engine.shutdown()
// before destroying it if processes may still be parked in send().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/fabric/routing.hpp"
#include "models/fabric/topology.hpp"
#include "sim/flow_network.hpp"
#include "sim/task.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

enum class RoutingChoice { ecmp, dmodk, spray, dragonfly_minimal, dragonfly_valiant, dragonfly_ugal, table };

// "ecmp", "dmodk" (or "d-mod-k"), "spray", "dragonfly_minimal" (or "minimal"), "dragonfly_valiant"
// ("valiant"), "dragonfly_ugal" ("ugal"), "table" (the topology's route table). Throws
// std::invalid_argument listing the valid names. For "auto" see routing_policy.hpp.
RoutingChoice parse_routing_choice(std::string_view text);
std::string_view to_string(RoutingChoice routing);

enum class UgalLoad { in_flight_flows, utilisation };

struct SendOptions {
  sim::SimTime extra_latency = sim::SimTime::zero();  // per-message overhead added to the route latency
  double weight = 1.0;                                // max-min weight, finite and > 0
  std::optional<double> rate_bound_bytes_per_s;       // cap on the message's rate
};

class FabricNetwork {
 public:
  struct Options {
    bool cache_routes = true;
    std::size_t max_cached_routes = std::size_t{1} << 20;
    std::size_t spray_max_paths = 4096;
    UgalLoad ugal_load = UgalLoad::in_flight_flows;
  };

  FabricNetwork(sim::FlowNetwork& network, const Topology& topology) : FabricNetwork(network, topology, Options{}) {}
  FabricNetwork(sim::FlowNetwork& network, const Topology& topology, Options options);
  FabricNetwork(const FabricNetwork&) = delete;
  FabricNetwork& operator=(const FabricNetwork&) = delete;

  const Topology& topology() const { return topology_; }
  sim::FlowNetwork& flow_network() const { return network_; }
  sim::Engine& engine() const { return network_.engine(); }
  sim::ConstraintId link_constraint(DirectedLinkId d) const { return constraints_.at(d); }

  // co_await send(...): see the header comment. Throws std::invalid_argument for an unknown host
  // or bytes that are negative or not finite, UnreachableError when no live path exists.
  sim::Task<> send(HostId src, HostId dst, double bytes, RoutingChoice routing, std::uint64_t flow_key) {
    return send(src, dst, bytes, routing, flow_key, SendOptions{});
  }
  sim::Task<> send(HostId src, HostId dst, double bytes, RoutingChoice routing, std::uint64_t flow_key,
                   SendOptions options);

  // The weighted routes send() would use now (one route with fraction 1 except for spray).
  std::vector<WeightedRoute> routes(HostId src, HostId dst, RoutingChoice routing, std::uint64_t flow_key);

  // Re-read the topology's failures: capacities of dead directions to 0, live ones back to their
  // bandwidth; drops the route cache.
  void sync_with_topology();

  std::uint64_t route_cache_hits() const { return cache_hits_; }
  std::uint64_t route_cache_misses() const { return cache_misses_; }
  std::size_t route_cache_size() const { return cache_.size(); }
  // Messages routed over the directed link and not finished.
  std::uint32_t messages_on(DirectedLinkId d) const { return in_flight_.at(d); }

 private:
  struct CacheKey {
    HostId src;
    HostId dst;
    RoutingChoice routing;
    std::uint64_t key;
    bool operator==(const CacheKey&) const = default;
  };
  struct CacheKeyHash {
    std::size_t operator()(const CacheKey& k) const;
  };
  struct Routed {
    std::vector<WeightedRoute> routes;
    std::vector<sim::SimTime> latencies;  // per route
  };
  class InFlight;

  Routed route_now(HostId src, HostId dst, RoutingChoice routing, std::uint64_t flow_key);
  Routed compute(HostId src, HostId dst, RoutingChoice routing, std::uint64_t flow_key) const;
  double ugal_load(DirectedLinkId d) const;
  sim::Task<> transfer(sim::FlowSpec spec);

  sim::FlowNetwork& network_;
  const Topology& topology_;
  Options options_;
  std::vector<sim::ConstraintId> constraints_;  // per directed link
  std::vector<std::uint32_t> in_flight_;        // per directed link
  // Looked up only, never iterated: its order cannot affect a result.
  std::unordered_map<CacheKey, Routed, CacheKeyHash> cache_;
  std::uint64_t cache_hits_ = 0;
  std::uint64_t cache_misses_ = 0;
};

}  // namespace clustersim::models::fabric
