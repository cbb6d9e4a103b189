// Dragonfly routing: minimal, Valiant and UGAL (rules in routing.hpp).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "models/fabric/hash.hpp"
#include "models/fabric/routing.hpp"

namespace clustersim::models::fabric {

namespace {

constexpr std::uint64_t minimal_salt = 1;
constexpr std::uint64_t intermediate_group_salt = 2;
constexpr std::uint64_t first_leg_salt = 3;

class DragonflyRouter {
 public:
  DragonflyRouter(const Topology& topology, const char* algorithm) : t_(topology) {
    if (!topology.dragonfly()) {
      throw std::invalid_argument(std::string(algorithm) + ": topology '" + topology.name() +
                                  "' was not built by dragonfly()");
    }
    layout_ = &*topology.dragonfly();
  }

  SwitchId router_of(HostId h) const { return h / layout_->hosts_per_router; }
  std::uint32_t group_of(SwitchId r) const { return r / layout_->routers_per_group; }
  std::uint32_t groups() const { return layout_->groups; }

  // The live link between a host and its router, as the direction leaving `from`.
  std::optional<DirectedLinkId> hop(VertexId from, VertexId to) const {
    for (LinkId l : t_.links_between(from, to)) {
      if (t_.is_link_live(l)) return t_.direction_from(l, from);
    }
    return std::nullopt;
  }

  // Router-to-router path inside a group: nothing, or one live local link.
  std::optional<Route> local(VertexId from, VertexId to) const {
    if (from == to) return Route{};
    if (auto d = hop(from, to)) return Route{*d};
    return std::nullopt;
  }

  // Live paths from router `from` through one global link to group `to_group`, each with the
  // router it lands on, in port order.
  std::vector<std::pair<Route, VertexId>> to_group(VertexId from, std::uint32_t to_group) const {
    const std::uint32_t from_group = t_.switch_info(t_.switch_at(from)).group;
    std::vector<std::pair<Route, VertexId>> out;
    for (LinkId l : layout_->links_between_groups(from_group, to_group)) {
      if (!t_.is_link_live(l)) continue;
      const Link& k = t_.link(l);
      const bool a_side = t_.switch_info(t_.switch_at(k.a)).group == from_group;
      const VertexId gateway = a_side ? k.a : k.b;
      const VertexId landing = a_side ? k.b : k.a;
      auto leg = local(from, gateway);
      if (!leg) continue;
      leg->push_back(t_.direction_from(l, gateway));
      out.emplace_back(std::move(*leg), landing);
    }
    return out;
  }

  // Minimal router-to-router path: local hops only inside a group, else at most one global link.
  std::optional<Route> minimal_between_routers(VertexId from, VertexId to, std::uint64_t flow_key) const {
    const std::uint32_t from_group = t_.switch_info(t_.switch_at(from)).group;
    const std::uint32_t to_group_index = t_.switch_info(t_.switch_at(to)).group;
    if (from_group == to_group_index) return local(from, to);
    std::vector<Route> candidates;
    for (auto& [leg, landing] : to_group(from, to_group_index)) {
      auto last = local(landing, to);
      if (!last) continue;
      leg.insert(leg.end(), last->begin(), last->end());
      candidates.push_back(std::move(leg));
    }
    return pick_shortest(std::move(candidates), flow_key, minimal_salt);
  }

  // Among the shortest candidates (in their order), the one the flow hash picks.
  static std::optional<Route> pick_shortest(std::vector<Route> candidates, std::uint64_t flow_key, std::uint64_t salt) {
    if (candidates.empty()) return std::nullopt;
    std::size_t best = candidates.front().size();
    for (const auto& c : candidates) best = std::min(best, c.size());
    std::vector<Route> shortest;
    for (auto& c : candidates) {
      if (c.size() == best) shortest.push_back(std::move(c));
    }
    return shortest[flow_hash(flow_key, salt) % shortest.size()];
  }

  // Host-to-host route around a router-level middle part; nullopt if a host link is down.
  std::optional<Route> with_host_links(HostId source, HostId destination, const Route& middle) const {
    auto up = hop(t_.host_vertex(source), t_.switch_vertex(router_of(source)));
    auto down = hop(t_.switch_vertex(router_of(destination)), t_.host_vertex(destination));
    if (!up || !down) return std::nullopt;
    Route route{*up};
    route.insert(route.end(), middle.begin(), middle.end());
    route.push_back(*down);
    return route;
  }

  const Topology& topology() const { return t_; }

 private:
  const Topology& t_;
  const DragonflyLayout* layout_ = nullptr;
};

}  // namespace

Route dragonfly_minimal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key) {
  DragonflyRouter df(topology, "dragonfly_minimal");
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  const VertexId from = topology.switch_vertex(df.router_of(source));
  const VertexId to = topology.switch_vertex(df.router_of(destination));
  if (auto middle = df.minimal_between_routers(from, to, flow_key)) {
    if (auto route = df.with_host_links(source, destination, *middle)) return *route;
  }
  return ecmp(topology, source, destination, flow_key);  // degraded fabric: shortest live path
}

Route dragonfly_valiant(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key) {
  DragonflyRouter df(topology, "dragonfly_valiant");
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  const VertexId from = topology.switch_vertex(df.router_of(source));
  const VertexId to = topology.switch_vertex(df.router_of(destination));
  const std::uint32_t source_group = df.group_of(df.router_of(source));
  const std::uint32_t destination_group = df.group_of(df.router_of(destination));
  std::vector<std::uint32_t> intermediates;
  for (std::uint32_t g = 0; g < df.groups(); ++g) {
    if (g != source_group && g != destination_group) intermediates.push_back(g);
  }
  if (!intermediates.empty()) {
    const std::size_t start = flow_hash(flow_key, intermediate_group_salt) % intermediates.size();
    for (std::size_t i = 0; i < intermediates.size(); ++i) {
      const std::uint32_t via = intermediates[(start + i) % intermediates.size()];
      auto legs = df.to_group(from, via);
      if (legs.empty()) continue;
      // Shortest first legs first, rotated by the flow hash; the first whose second leg is live wins.
      std::size_t best = legs.front().first.size();
      for (const auto& l : legs) best = std::min(best, l.first.size());
      std::vector<std::size_t> order;
      for (std::size_t j = 0; j < legs.size(); ++j) {
        if (legs[j].first.size() == best) order.push_back(j);
      }
      std::rotate(order.begin(),
                  order.begin() + static_cast<std::ptrdiff_t>(flow_hash(flow_key, first_leg_salt) % order.size()),
                  order.end());
      for (std::size_t j : order) {
        auto second = df.minimal_between_routers(legs[j].second, to, flow_key);
        if (!second) continue;
        Route middle = legs[j].first;
        middle.insert(middle.end(), second->begin(), second->end());
        if (auto route = df.with_host_links(source, destination, middle)) return *route;
      }
    }
  }
  return dragonfly_minimal(topology, source, destination, flow_key);
}

Route dragonfly_ugal(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key,
                     const LinkLoad& load) {
  DragonflyRouter df(topology, "dragonfly_ugal");
  if (!load) throw std::invalid_argument("dragonfly_ugal.load: no load function given");
  Route minimal = dragonfly_minimal(topology, source, destination, flow_key);
  Route valiant = dragonfly_valiant(topology, source, destination, flow_key);
  if (minimal == valiant) return minimal;
  auto cost = [&](const Route& route) {
    double worst = 0.0;
    for (DirectedLinkId d : route) {
      if (topology.is_host(topology.source(d)) || topology.is_host(topology.target(d))) continue;
      const double q = load(d);
      if (!std::isfinite(q) || q < 0.0) {
        throw std::invalid_argument("dragonfly_ugal.load: load of directed link " + std::to_string(d) +
                                    " must be finite and >= 0, got " + std::to_string(q));
      }
      worst = std::max(worst, q);
    }
    return static_cast<double>(route.size()) * worst;
  };
  return cost(valiant) < cost(minimal) ? valiant : minimal;
}

}  // namespace clustersim::models::fabric
