// FabricNetwork: routes messages and moves them as flows on the fabric's links; see fabric_network.hpp.
#include "models/fabric/fabric_network.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/fabric/hash.hpp"
#include "sim/when.hpp"

namespace clustersim::models::fabric {

namespace {

struct RoutingName {
  std::string_view name;
  RoutingChoice routing;
};

constexpr RoutingName routing_names[] = {
    {"ecmp", RoutingChoice::ecmp},
    {"dmodk", RoutingChoice::dmodk},
    {"d-mod-k", RoutingChoice::dmodk},
    {"spray", RoutingChoice::spray},
    {"dragonfly_minimal", RoutingChoice::dragonfly_minimal},
    {"minimal", RoutingChoice::dragonfly_minimal},
    {"dragonfly_valiant", RoutingChoice::dragonfly_valiant},
    {"valiant", RoutingChoice::dragonfly_valiant},
    {"dragonfly_ugal", RoutingChoice::dragonfly_ugal},
    {"ugal", RoutingChoice::dragonfly_ugal},
    {"table", RoutingChoice::table},
};

bool uses_key(RoutingChoice routing) {
  return routing == RoutingChoice::ecmp || routing == RoutingChoice::dragonfly_minimal ||
         routing == RoutingChoice::dragonfly_valiant;
}

}  // namespace

RoutingChoice parse_routing_choice(std::string_view text) {
  for (const auto& entry : routing_names) {
    if (entry.name == text) return entry.routing;
  }
  throw std::invalid_argument("routing: unknown routing '" + std::string(text) +
                              "', expected one of ecmp, dmodk, spray, dragonfly_minimal, dragonfly_valiant, "
                              "dragonfly_ugal, table");
}

std::string_view to_string(RoutingChoice routing) {
  switch (routing) {
    case RoutingChoice::ecmp:
      return "ecmp";
    case RoutingChoice::dmodk:
      return "dmodk";
    case RoutingChoice::spray:
      return "spray";
    case RoutingChoice::dragonfly_minimal:
      return "dragonfly_minimal";
    case RoutingChoice::dragonfly_valiant:
      return "dragonfly_valiant";
    case RoutingChoice::dragonfly_ugal:
      return "dragonfly_ugal";
    case RoutingChoice::table:
      return "table";
  }
  return "unknown";
}

// Counts a message on the links of its routes for as long as it is alive (also when it is
// interrupted or destroyed at engine shutdown).
class FabricNetwork::InFlight {
 public:
  InFlight(std::vector<std::uint32_t>& counts, const std::vector<WeightedRoute>& routes) : counts_(counts) {
    for (const auto& r : routes) links_.insert(links_.end(), r.route.begin(), r.route.end());
    for (DirectedLinkId d : links_) ++counts_[d];
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  ~InFlight() {
    for (DirectedLinkId d : links_) --counts_[d];
  }

 private:
  std::vector<std::uint32_t>& counts_;
  std::vector<DirectedLinkId> links_;
};

std::size_t FabricNetwork::CacheKeyHash::operator()(const CacheKey& k) const {
  std::uint64_t h = splitmix64((static_cast<std::uint64_t>(k.src) << 32) | k.dst);
  h = splitmix64(h ^ static_cast<std::uint64_t>(k.routing));
  return static_cast<std::size_t>(splitmix64(h ^ k.key));
}

FabricNetwork::FabricNetwork(sim::FlowNetwork& network, const Topology& topology, Options options)
    : network_(network), topology_(topology), options_(options) {
  const std::uint32_t directions = topology.directed_link_count();
  constraints_.reserve(directions);
  for (DirectedLinkId d = 0; d < directions; ++d) {
    const VertexId a = topology.source(d);
    const VertexId b = topology.target(d);
    auto vertex_name = [&](VertexId v) {
      std::string name(topology.is_host(v) ? "h" : "s");
      name += std::to_string(topology.is_host(v) ? topology.host_at(v) : topology.switch_at(v));
      return name;
    };
    const Link& link = topology.link(Topology::link_of(d));
    if (link.sharing == LinkSharing::shared && d == Topology::backward(Topology::link_of(d))) {
      constraints_.push_back(constraints_.back());  // one constraint for both directions
      continue;
    }
    const double capacity = topology.is_link_live(Topology::link_of(d)) ? link.bytes_per_s : 0.0;
    const sim::SharingPolicy policy =
        link.sharing == LinkSharing::fatpipe ? sim::SharingPolicy::fatpipe : sim::SharingPolicy::shared;
    constraints_.push_back(network.add_constraint(
        topology.name() + ":link" + std::to_string(Topology::link_of(d)) + ":" + vertex_name(a) + "->" + vertex_name(b),
        capacity, policy));
  }
  in_flight_.assign(directions, 0);
}

void FabricNetwork::sync_with_topology() {
  for (DirectedLinkId d = 0; d < constraints_.size(); ++d) {
    const double capacity = topology_.is_link_live(Topology::link_of(d)) ? topology_.bytes_per_s(d) : 0.0;
    if (network_.capacity(constraints_[d]) != capacity) network_.set_capacity(constraints_[d], capacity);
  }
  cache_.clear();
}

double FabricNetwork::ugal_load(DirectedLinkId d) const {
  if (options_.ugal_load == UgalLoad::in_flight_flows) return static_cast<double>(in_flight_[d]);
  return network_.utilisation(constraints_[d]);
}

FabricNetwork::Routed FabricNetwork::compute(HostId src, HostId dst, RoutingChoice routing,
                                             std::uint64_t flow_key) const {
  Routed out;
  switch (routing) {
    case RoutingChoice::ecmp:
      out.routes.push_back({ecmp(topology_, src, dst, flow_key), 1.0});
      break;
    case RoutingChoice::dmodk:
      out.routes.push_back({dmodk(topology_, src, dst), 1.0});
      break;
    case RoutingChoice::spray:
      out.routes = spray(topology_, src, dst, options_.spray_max_paths);
      break;
    case RoutingChoice::dragonfly_minimal:
      out.routes.push_back({dragonfly_minimal(topology_, src, dst, flow_key), 1.0});
      break;
    case RoutingChoice::dragonfly_valiant:
      out.routes.push_back({dragonfly_valiant(topology_, src, dst, flow_key), 1.0});
      break;
    case RoutingChoice::dragonfly_ugal:
      out.routes.push_back(
          {dragonfly_ugal(topology_, src, dst, flow_key, [this](DirectedLinkId d) { return ugal_load(d); }), 1.0});
      break;
    case RoutingChoice::table:
      out.routes.push_back({table_route(topology_, src, dst), 1.0});
      break;
  }
  out.latencies.reserve(out.routes.size());
  for (const auto& r : out.routes) out.latencies.push_back(route_latency(topology_, r.route));
  return out;
}

FabricNetwork::Routed FabricNetwork::route_now(HostId src, HostId dst, RoutingChoice routing, std::uint64_t flow_key) {
  if (src >= topology_.host_count() || dst >= topology_.host_count()) {
    throw std::invalid_argument("FabricNetwork::send: unknown host " +
                                std::to_string(src >= topology_.host_count() ? src : dst) + " (fabric '" +
                                topology_.name() + "' has " + std::to_string(topology_.host_count()) + " hosts)");
  }
  if (!options_.cache_routes || routing == RoutingChoice::dragonfly_ugal) return compute(src, dst, routing, flow_key);
  const CacheKey key{src, dst, routing, uses_key(routing) ? flow_key : 0};
  if (auto it = cache_.find(key); it != cache_.end()) {
    ++cache_hits_;
    return it->second;
  }
  ++cache_misses_;
  Routed routed = compute(src, dst, routing, flow_key);
  if (cache_.size() >= options_.max_cached_routes) cache_.clear();
  cache_.emplace(key, routed);
  return routed;
}

std::vector<WeightedRoute> FabricNetwork::routes(HostId src, HostId dst, RoutingChoice routing,
                                                 std::uint64_t flow_key) {
  return route_now(src, dst, routing, flow_key).routes;
}

sim::Task<> FabricNetwork::transfer(sim::FlowSpec spec) {
  co_await network_.transfer(std::move(spec));
}

sim::Task<> FabricNetwork::send(HostId src, HostId dst, double bytes, RoutingChoice routing, std::uint64_t flow_key,
                                SendOptions options) {
  if (!std::isfinite(bytes) || bytes < 0.0) {
    throw std::invalid_argument("FabricNetwork::send: bytes from host " + std::to_string(src) + " to host " +
                                std::to_string(dst) + " must be finite and >= 0, got " + std::to_string(bytes));
  }
  Routed routed = route_now(src, dst, routing, flow_key);
  if (src == dst) co_return;
  InFlight counted(in_flight_, routed.routes);
  auto spec_of = [&](std::size_t i) {
    sim::FlowSpec spec;
    spec.work = bytes * routed.routes[i].fraction;
    spec.weight = options.weight * routed.routes[i].fraction;
    spec.rate_bound_per_s = options.rate_bound_bytes_per_s;
    if (spec.rate_bound_per_s) *spec.rate_bound_per_s *= routed.routes[i].fraction;
    spec.latency = routed.latencies[i] + options.extra_latency;
    spec.constraints.reserve(routed.routes[i].route.size());
    for (DirectedLinkId d : routed.routes[i].route) spec.constraints.push_back(sim::FlowUse{constraints_[d], 1.0});
    spec.name = std::string("h");
    spec.name += std::to_string(src);
    spec.name += "->h";
    spec.name += std::to_string(dst);
    return spec;
  };
  if (routed.routes.size() == 1) {
    co_await network_.transfer(spec_of(0));
  } else {
    std::vector<sim::Task<>> parts;
    parts.reserve(routed.routes.size());
    for (std::size_t i = 0; i < routed.routes.size(); ++i) parts.push_back(transfer(spec_of(i)));
    co_await sim::when_all(std::move(parts));
  }
}

}  // namespace clustersim::models::fabric
