#include "models/fabric/topology.hpp"

#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace clustersim::models::fabric {

namespace {

using SwitchGraph = Topology::SwitchGraph;
using SwitchEdge = boost::graph_traits<SwitchGraph>::edge_descriptor;

// Live switch-to-switch links, optionally treating one more switch as failed.
struct LiveSwitchEdge {
  const Topology* topology = nullptr;
  std::optional<SwitchId> also_failed;
  bool operator()(const SwitchEdge& e) const {
    const SwitchGraph& g = topology->switch_graph();
    if (also_failed && (boost::source(e, g) == *also_failed || boost::target(e, g) == *also_failed)) return false;
    return topology->is_link_live(g[e].link);
  }
};

}  // namespace

HostId Topology::add_host(std::uint32_t node_index, std::uint32_t rail_index) {
  VertexId v = static_cast<VertexId>(boost::add_vertex(VertexProps{true, host_count()}, graph_));
  hosts_.push_back(HostInfo{node_index, rail_index, v});
  return host_count() - 1;
}

SwitchId Topology::add_switch(std::uint32_t tier, std::uint32_t group, std::uint32_t position) {
  VertexId v = static_cast<VertexId>(boost::add_vertex(VertexProps{false, switch_count()}, graph_));
  switches_.push_back(SwitchInfo{tier, group, position, v});
  boost::add_vertex(switch_graph_);
  switch_failed_.push_back(false);
  distance_cache_.clear();
  return switch_count() - 1;
}

LinkId Topology::add_link(VertexId a, VertexId b, double bytes_per_s, sim::SimTime latency, LinkSharing sharing) {
  check_vertex(a);
  check_vertex(b);
  if (a == b) throw std::invalid_argument("fabric link: self loop on vertex " + std::to_string(a));
  if (graph_[a].is_host && graph_[b].is_host) {
    throw std::invalid_argument("fabric link: hosts " + std::to_string(graph_[a].index) + " and " +
                                std::to_string(graph_[b].index) + " cannot be linked directly (hosts do not forward)");
  }
  if (!std::isfinite(bytes_per_s) || bytes_per_s <= 0.0) {
    throw std::invalid_argument("fabric link.bytes_per_s: must be finite and > 0, got " + std::to_string(bytes_per_s));
  }
  if (latency < sim::SimTime::zero()) {
    throw std::invalid_argument("fabric link.latency: must be >= 0, got " + sim::to_string(latency));
  }
  LinkId id = link_count();
  boost::add_edge(a, b, EdgeProps{id}, graph_);
  if (!graph_[a].is_host && !graph_[b].is_host)
    boost::add_edge(graph_[a].index, graph_[b].index, EdgeProps{id}, switch_graph_);
  links_.push_back(Link{a, b, bytes_per_s, latency, sharing});
  link_failed_.push_back(false);
  link_live_.push_back(1);
  refresh_liveness(id);
  return id;
}

void Topology::set_route_table(RouteTable table) {
  for (const auto& [pair, route] : table) {
    check_host(pair.first);
    check_host(pair.second);
    for (DirectedLinkId d : route) check_link(link_of(d));
  }
  route_table_ = std::move(table);
}

void Topology::set_bisection_halves(std::vector<bool> side_b) {
  if (side_b.size() != vertex_count()) {
    throw std::invalid_argument("fabric bisection halves: expected " + std::to_string(vertex_count()) +
                                " vertices, got " + std::to_string(side_b.size()));
  }
  side_b_ = std::move(side_b);
}

VertexId Topology::check_vertex(VertexId v) const {
  if (v >= vertex_count()) {
    throw std::out_of_range("fabric: vertex " + std::to_string(v) + " out of range (" + std::to_string(vertex_count()) +
                            " vertices)");
  }
  return v;
}

HostId Topology::check_host(HostId h) const {
  if (h >= host_count()) {
    throw std::out_of_range("fabric: host " + std::to_string(h) + " out of range (" + std::to_string(host_count()) +
                            " hosts)");
  }
  return h;
}

SwitchId Topology::check_switch(SwitchId s) const {
  if (s >= switch_count()) {
    throw std::out_of_range("fabric: switch " + std::to_string(s) + " out of range (" + std::to_string(switch_count()) +
                            " switches)");
  }
  return s;
}

LinkId Topology::check_link(LinkId l) const {
  if (l >= link_count()) {
    throw std::out_of_range("fabric: link " + std::to_string(l) + " out of range (" + std::to_string(link_count()) +
                            " links)");
  }
  return l;
}

const HostInfo& Topology::host_info(HostId host) const {
  return hosts_[check_host(host)];
}
const SwitchInfo& Topology::switch_info(SwitchId sw) const {
  return switches_[check_switch(sw)];
}
const Link& Topology::link(LinkId l) const {
  return links_[check_link(l)];
}

HostId Topology::host_at(VertexId v) const {
  if (!is_host(v)) throw std::invalid_argument("fabric: vertex " + std::to_string(v) + " is a switch, not a host");
  return graph_[v].index;
}

SwitchId Topology::switch_at(VertexId v) const {
  if (is_host(v)) throw std::invalid_argument("fabric: vertex " + std::to_string(v) + " is a host, not a switch");
  return graph_[v].index;
}

int Topology::tier_of(VertexId v) const {
  return is_host(v) ? -1 : static_cast<int>(switches_[graph_[v].index].tier);
}

DirectedLinkId Topology::direction_from(LinkId l, VertexId from) const {
  const Link& k = link(l);
  if (from == k.a) return forward(l);
  if (from == k.b) return backward(l);
  throw std::invalid_argument("fabric: vertex " + std::to_string(from) + " is not an end of link " + std::to_string(l));
}

VertexId Topology::source(DirectedLinkId d) const {
  const Link& k = link(link_of(d));
  return d % 2 == 0 ? k.a : k.b;
}

VertexId Topology::target(DirectedLinkId d) const {
  const Link& k = link(link_of(d));
  return d % 2 == 0 ? k.b : k.a;
}

std::vector<LinkId> Topology::incident_links(VertexId v) const {
  check_vertex(v);
  std::vector<LinkId> out;
  for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it) out.push_back(graph_[*it].link);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<LinkId> Topology::links_between(VertexId u, VertexId v) const {
  check_vertex(v);
  std::vector<LinkId> out;
  for (auto [it, end] = boost::out_edges(check_vertex(u), graph_); it != end; ++it) {
    if (boost::target(*it, graph_) == v) out.push_back(graph_[*it].link);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<HostId> Topology::attached_hosts(SwitchId sw) const {
  VertexId v = switch_vertex(sw);
  std::vector<HostId> out;
  for (auto [it, end] = boost::adjacent_vertices(v, graph_); it != end; ++it) {
    if (graph_[*it].is_host) out.push_back(graph_[*it].index);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<SwitchId> Topology::host_switches(HostId host) const {
  VertexId v = host_vertex(host);
  std::vector<SwitchId> out;
  for (auto [it, end] = boost::adjacent_vertices(v, graph_); it != end; ++it) out.push_back(graph_[*it].index);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Topology::refresh_liveness(LinkId l) {
  bool live = !link_failed_[l];
  for (VertexId v : {links_[l].a, links_[l].b}) {
    if (!graph_[v].is_host && switch_failed_[graph_[v].index]) live = false;
  }
  link_live_[l] = live ? 1 : 0;
  distance_cache_.clear();
}

void Topology::fail_switch(SwitchId sw) {
  switch_failed_[check_switch(sw)] = true;
  distance_cache_.clear();
  for (LinkId l : incident_links(switches_[sw].vertex)) refresh_liveness(l);
}

void Topology::restore_switch(SwitchId sw) {
  switch_failed_[check_switch(sw)] = false;
  distance_cache_.clear();
  for (LinkId l : incident_links(switches_[sw].vertex)) refresh_liveness(l);
}

void Topology::fail_link(LinkId l) {
  link_failed_[check_link(l)] = true;
  refresh_liveness(l);
}

void Topology::restore_link(LinkId l) {
  link_failed_[check_link(l)] = false;
  refresh_liveness(l);
}

std::vector<SwitchId> Topology::live_host_switches(HostId host) const {
  VertexId hv = host_vertex(host);
  std::vector<SwitchId> out;
  for (auto [it, end] = boost::out_edges(hv, graph_); it != end; ++it) {
    if (is_link_live(graph_[*it].link)) out.push_back(graph_[boost::target(*it, graph_)].index);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> Topology::switch_distances(const std::vector<SwitchId>& sources) const {
  std::vector<std::uint32_t> dist(switch_count(), unreached);
  std::vector<SwitchId> queue;
  for (SwitchId s : sources) {
    if (!is_switch_failed(s) && dist[s] != 0) {
      dist[s] = 0;
      queue.push_back(s);
    }
  }
  // A live link has both end switches up, so a failed switch is never reached.
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const SwitchId s = queue[head];
    for (auto [it, end] = boost::out_edges(s, switch_graph_); it != end; ++it) {
      const auto t = static_cast<SwitchId>(boost::target(*it, switch_graph_));
      if (dist[t] != unreached || !link_live_[switch_graph_[*it].link]) continue;
      dist[t] = dist[s] + 1;
      queue.push_back(t);
    }
  }
  return dist;
}

std::shared_ptr<const std::vector<std::uint32_t>> Topology::cached_switch_distances(
    std::vector<SwitchId> sources) const {
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  return distance_cache_.get(sources, [&] { return switch_distances(sources); });
}

Topology::Components Topology::components(std::optional<SwitchId> also_failed) const {
  LiveSwitchEdge pred{this, also_failed};
  boost::filtered_graph<SwitchGraph, LiveSwitchEdge> view(switch_graph_, pred);
  std::vector<std::uint32_t> comp(switch_count(), 0);
  Components result;
  if (switch_count() > 0) {
    result.count = static_cast<std::uint32_t>(boost::connected_components(
        view, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, switch_graph_))));
  }
  result.of_host.resize(host_count());
  std::vector<std::uint32_t> hosts_in(result.count, 0);
  for (HostId h = 0; h < host_count(); ++h) {
    auto& mine = result.of_host[h];
    for (SwitchId s : live_host_switches(h)) {
      if (!(also_failed && s == *also_failed)) mine.push_back(comp[s]);
    }
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (std::uint32_t c : mine) ++hosts_in[c];
  }
  for (std::uint32_t c = 0; c < result.count; ++c) {
    if (hosts_in[c] > 0 && (!result.main || hosts_in[c] > hosts_in[*result.main])) result.main = c;
  }
  return result;
}

bool Topology::is_connected(HostId a, HostId b) const {
  check_host(a);
  check_host(b);
  Components c = components(std::nullopt);
  const auto& ca = c.of_host[a];
  const auto& cb = c.of_host[b];
  if (a == b) return !ca.empty();
  for (std::uint32_t x : ca) {
    if (std::binary_search(cb.begin(), cb.end(), x)) return true;
  }
  return false;
}

std::vector<HostId> Topology::disconnected_hosts() const {
  Components c = components(std::nullopt);
  std::vector<HostId> out;
  for (HostId h = 0; h < host_count(); ++h) {
    const auto& mine = c.of_host[h];
    if (!c.main || !std::binary_search(mine.begin(), mine.end(), *c.main)) out.push_back(h);
  }
  return out;
}

std::vector<HostId> Topology::hosts_below(SwitchId sw) const {
  check_switch(sw);
  Components before = components(std::nullopt);
  Components after = components(sw);
  std::vector<HostId> out;
  for (HostId h = 0; h < host_count(); ++h) {
    const auto& b = before.of_host[h];
    const auto& a = after.of_host[h];
    bool in_before = before.main && std::binary_search(b.begin(), b.end(), *before.main);
    bool in_after = after.main && std::binary_search(a.begin(), a.end(), *after.main);
    if (in_before && !in_after) out.push_back(h);
  }
  return out;
}

std::uint32_t Topology::diameter() const {
  // Hosts with the same live switches have the same distances: one multi-source BFS per such set.
  // Two hosts attached to switch sets S1, S2 are 2 + min over (m in S1, n in S2) of d(m, n) apart.
  std::map<std::vector<SwitchId>, std::uint32_t> hosts_per_set;
  for (HostId h = 0; h < host_count(); ++h) {
    auto set = live_host_switches(h);
    if (!set.empty()) ++hosts_per_set[set];
  }
  std::uint32_t best = 0;
  for (const auto& [from, count] : hosts_per_set) {
    if (count >= 2) best = std::max(best, 2u);
    const std::vector<std::uint32_t> dist = switch_distances(from);
    for (const auto& [to, unused] : hosts_per_set) {
      (void)unused;
      if (to == from) continue;
      std::uint32_t d = unreached;
      for (SwitchId n : to) d = std::min(d, dist[n]);
      if (d != unreached) best = std::max(best, d + 2);
    }
  }
  return best;
}

double Topology::bisection_bytes_per_s() const {
  if (side_b_.empty()) throw std::logic_error("fabric '" + name_ + "': the builder defined no bisection halves");
  double cut = 0.0;
  for (LinkId l = 0; l < link_count(); ++l) {
    if (side_b_[links_[l].a] != side_b_[links_[l].b] && is_link_live(l)) cut += links_[l].bytes_per_s;
  }
  return cut;
}

double Topology::oversubscription() const {
  double cut = bisection_bytes_per_s();
  double injection = 0.0;
  for (LinkId l = 0; l < link_count(); ++l) {
    const Link& k = links_[l];
    for (VertexId v : {k.a, k.b}) {
      if (graph_[v].is_host && !side_b_[v]) injection += k.bytes_per_s;
    }
  }
  if (cut <= 0.0) return std::numeric_limits<double>::infinity();
  return injection / cut;
}

}  // namespace clustersim::models::fabric
