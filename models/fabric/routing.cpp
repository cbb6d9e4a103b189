// Shortest-path routing (ecmp, dmodk, spray), table routes and route helpers; see routing.hpp.
#include "models/fabric/routing.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

#include "models/fabric/hash.hpp"
#include "models/fabric/shortest_paths.hpp"

namespace clustersim::models::fabric {

namespace {

std::string describe(const Topology& t, HostId h) {
  const HostInfo& info = t.host_info(h);
  return "host " + std::to_string(h) + " (node " + std::to_string(info.node_index) + ", rail " +
         std::to_string(info.rail_index) + ")";
}

using Graph = Topology::Graph;

}  // namespace

UnreachableError::UnreachableError(const Topology& topology, HostId source, HostId destination)
    : std::runtime_error("fabric '" + topology.name() + "': unreachable: no live path from " +
                         describe(topology, source) + " to " + describe(topology, destination)),
      source_(source),
      destination_(destination) {}

namespace detail {

ShortestPathDag::ShortestPathDag(const Topology& topology, HostId source, HostId destination)
    : topology_(&topology), source_(topology.host_vertex(source)), destination_(topology.host_vertex(destination)) {
  switch_distance_ = topology.cached_switch_distances(topology.live_host_switches(destination));
  const std::vector<std::uint32_t>& to_destination = *switch_distance_;
  for (SwitchId s : topology.live_host_switches(source)) {
    if (to_destination[s] != unreached) source_distance_ = std::min(source_distance_, to_destination[s] + 2);
  }
  if (source_distance_ == unreached) throw UnreachableError(topology, source, destination);
}

std::uint32_t ShortestPathDag::distance(VertexId v) const {
  if (v == destination_) return 0;
  if (v == source_) return source_distance_;
  if (topology_->is_host(v)) return unreached;
  const std::uint32_t d = (*switch_distance_)[topology_->switch_at(v)];
  return d == unreached ? unreached : d + 1;
}

std::vector<NextHop> ShortestPathDag::next_hops(VertexId v) const {
  const Graph& g = topology_->graph();
  std::vector<NextHop> out;
  const std::uint32_t here = distance(v);
  if (v == destination_ || here == unreached) return out;
  for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
    VertexId w = static_cast<VertexId>(boost::target(*it, g));
    if (distance(w) + 1 != here) continue;  // also skips unreached (wraps to 0, here >= 1)
    LinkId l = g[*it].link;
    if (!topology_->is_link_live(l)) continue;
    out.push_back(NextHop{w, topology_->direction_from(l, v)});
  }
  std::sort(out.begin(), out.end(), [](const NextHop& x, const NextHop& y) {
    return x.vertex != y.vertex ? x.vertex < y.vertex : x.link < y.link;
  });
  return out;
}

}  // namespace detail

Route ecmp(const Topology& topology, HostId source, HostId destination, std::uint64_t flow_key) {
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  detail::ShortestPathDag dag(topology, source, destination);
  Route route;
  VertexId v = dag.source();
  while (v != dag.destination()) {
    auto hops = dag.next_hops(v);
    const auto& hop = hops[flow_hash(flow_key, v) % hops.size()];
    route.push_back(hop.link);
    v = hop.vertex;
  }
  return route;
}

Route dmodk(const Topology& topology, HostId source, HostId destination) {
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  detail::ShortestPathDag dag(topology, source, destination);
  const std::uint64_t d = destination;
  std::uint64_t divisor = 1;
  Route route;
  VertexId v = dag.source();
  while (v != dag.destination()) {
    auto hops = dag.next_hops(v);
    const int tier = topology.tier_of(v);
    const bool down = std::all_of(hops.begin(), hops.end(),
                                  [&](const detail::NextHop& h) { return topology.tier_of(h.vertex) < tier; });
    std::size_t index = 0;
    if (down) {
      index = static_cast<std::size_t>(d % hops.size());
    } else {
      index = static_cast<std::size_t>((d / divisor) % hops.size());
      if (divisor <= d) divisor *= hops.size();  // past D the quotient is 0 anyway
    }
    route.push_back(hops[index].link);
    v = hops[index].vertex;
  }
  return route;
}

std::vector<std::pair<DirectedLinkId, double>> spray_link_fractions(const Topology& topology, HostId source,
                                                                    HostId destination) {
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  detail::ShortestPathDag dag(topology, source, destination);
  // Vertices of the DAG reachable from the source, level by level (distance decreasing).
  const std::uint32_t levels = dag.distance(dag.source());
  std::vector<std::vector<VertexId>> level(levels + 1);
  std::map<VertexId, double> from_source;  // paths source -> v
  level[levels].push_back(dag.source());
  from_source[dag.source()] = 1.0;
  std::map<VertexId, std::vector<detail::NextHop>> hops_of;
  for (std::uint32_t k = levels; k > 0; --k) {
    for (VertexId v : level[k]) {
      auto hops = dag.next_hops(v);
      for (const auto& h : hops) {
        auto [it, fresh] = from_source.emplace(h.vertex, 0.0);
        if (fresh) level[k - 1].push_back(h.vertex);
        it->second += from_source[v];
      }
      hops_of[v] = std::move(hops);
    }
  }
  // Paths v -> destination, from the destination upward.
  std::map<VertexId, double> to_destination;
  to_destination[dag.destination()] = 1.0;
  for (std::uint32_t k = 1; k <= levels; ++k) {
    for (VertexId v : level[k]) {
      double paths = 0.0;
      for (const auto& h : hops_of[v]) paths += to_destination[h.vertex];
      to_destination[v] = paths;
    }
  }
  const double total = to_destination[dag.source()];
  std::vector<std::pair<DirectedLinkId, double>> out;
  for (const auto& [v, hops] : hops_of) {
    for (const auto& h : hops) out.emplace_back(h.link, from_source[v] * to_destination[h.vertex] / total);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<WeightedRoute> spray(const Topology& topology, HostId source, HostId destination, std::size_t max_paths) {
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {WeightedRoute{{}, 1.0}};
  detail::ShortestPathDag dag(topology, source, destination);
  // Count first so that a huge path set fails fast instead of exhausting memory.
  std::map<VertexId, double> to_destination;
  std::function<double(VertexId)> count = [&](VertexId v) -> double {
    if (v == dag.destination()) return 1.0;
    auto it = to_destination.find(v);
    if (it != to_destination.end()) return it->second;
    double paths = 0.0;
    for (const auto& h : dag.next_hops(v)) paths += count(h.vertex);
    to_destination[v] = paths;
    return paths;
  };
  const double total = count(dag.source());
  if (total > static_cast<double>(max_paths)) {
    throw std::length_error("spray: " + std::to_string(static_cast<std::uint64_t>(total)) +
                            " equal-cost paths from host " + std::to_string(source) + " to host " +
                            std::to_string(destination) + " exceed max_paths " + std::to_string(max_paths) +
                            " (use spray_link_fractions)");
  }
  std::vector<WeightedRoute> out;
  Route prefix;
  std::function<void(VertexId)> walk = [&](VertexId v) {
    if (v == dag.destination()) {
      out.push_back(WeightedRoute{prefix, 1.0 / total});
      return;
    }
    for (const auto& h : dag.next_hops(v)) {
      prefix.push_back(h.link);
      walk(h.vertex);
      prefix.pop_back();
    }
  };
  walk(dag.source());
  return out;
}

Route table_route(const Topology& topology, HostId source, HostId destination) {
  if (topology.host_vertex(source) == topology.host_vertex(destination)) return {};
  Route route;
  if (const auto& table = topology.route_table()) {
    const auto it = table->find({source, destination});
    if (it == table->end()) throw UnreachableError(topology, source, destination);
    route = it->second;
  } else if (topology.route_rule()) {
    route = topology.route_rule()(source, destination);
  } else {
    throw UnreachableError(topology, source, destination);
  }
  for (DirectedLinkId d : route) {
    if (!topology.is_link_live(Topology::link_of(d))) throw UnreachableError(topology, source, destination);
  }
  return route;
}

sim::SimTime route_latency(const Topology& topology, const Route& route) {
  sim::SimTime total = sim::SimTime::zero();
  for (DirectedLinkId d : route) total += topology.latency(d);
  return total;
}

double route_bottleneck_bytes_per_s(const Topology& topology, const Route& route) {
  if (route.empty()) return 0.0;
  double smallest = std::numeric_limits<double>::infinity();
  for (DirectedLinkId d : route) smallest = std::min(smallest, topology.bytes_per_s(d));
  return smallest;
}

}  // namespace clustersim::models::fabric
