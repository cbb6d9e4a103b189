// Topology: the fabric as a graph of hosts and switches joined by full-duplex links.
//
// Model and assumptions
// - A vertex is either a host (an end point: one NIC port / one GPU rail of a node) or a switch.
//   Hosts never forward traffic: every path and every connectivity query goes host -> switches ->
//   host. A host may only be linked to switches.
// - A link is full duplex: the same bandwidth `bytes_per_s` in each direction, one latency. Each
//   direction is a DirectedLinkId, a dense index the flow layer maps to a bandwidth constraint:
//   link l from a to b has the directions 2l (a -> b) and 2l+1 (b -> a). Its LinkSharing says how
//   the flow layer shares it (SimGrid's sharing policies): split_duplex (default) = each direction
//   carries bytes_per_s on its own; shared = both directions together carry bytes_per_s (a
//   half-duplex medium); fatpipe = every flow may use bytes_per_s, flows never slow each other
//   (a backplane nobody saturates).
// - Route table (optional, imported platforms with explicit routes): the route of each ordered
//   host pair listed by the platform; RoutingChoice::table reads it (routing.hpp).
// - Route rule (optional, imported platforms whose routes follow a fixed rule, e.g. SimGrid's
//   torus): a function giving the route of an ordered host pair on demand, read by
//   RoutingChoice::table like a route table (a table is quadratic in the hosts, a rule is not).
// - Each switch has a tier (0 = leaf/ToR/rail switch, 1 = spine/aggregation, 2 = core; every
//   dragonfly router is tier 0), a group (pod, scalable unit or dragonfly group) and a position
//   inside its group and tier. Each host has a node index and a rail index.
// - Failures: a failed link carries nothing in either direction; a failed switch takes down every
//   link attached to it. A direction is live when its link and both end switches are up.
//
// Connectivity and metrics (always on the live fabric, with BGL algorithms on a filtered view)
// - Components are the connected components of the live switch-to-switch graph; a host belongs
//   to the component(s) of the switches it has a live link to. Two hosts are connected when they
//   share a component. The main component is the one with the most hosts (ties: the lowest index
//   in BGL's component numbering, which is deterministic).
// - hosts_below(s), the blast radius of s: hosts in the main component now that are not in the
//   main component once s also fails (for a leaf: the hosts attached only to it).
// - switch_distances: one breadth-first search over the live switch-to-switch links;
//   cached_switch_distances keeps each result until a switch or link is added, fails or is restored
//   (routing asks once per destination leaf, not once per route).
// - diameter(): the largest shortest-path hop count between two connected hosts (links counted,
//   host links included: host-leaf-host is 2 hops). Pairs that are not connected are ignored.
//   Cost: one BFS of the switch graph per distinct set of host attachments (per leaf): 0.3 s for
//   the 24,576-GPU Clos, 0.7 s for Frontier's dragonfly.
// - Bisection: each builder splits the vertices into two halves A and B, as balanced as its
//   building blocks allow (whole pods, leaves or groups; A gets floor(n/2) of them). The
//   bisection bandwidth is the capacity of one direction of the live links crossing that cut:
//       bisection_bytes_per_s = sum over live links {u in A, v in B} of bytes_per_s.
//   Each builder (builders.hpp) states its halves and the closed form this gives on an intact
//   fabric (e.g. a k-ary fat-tree: hosts/2 x link bandwidth). In these symmetric fabrics with
//   oversubscription >= 1 the up-links of the blocks are the narrowest cut, so this is the minimum
//   bisection the closed forms give. Failures lower it; the halves do not move.
// - oversubscription() = (host-link bandwidth of the hosts in A, failed or not) / bisection: 1 for a
//   full-bisection fabric, the product of the tier ratios for an oversubscribed Clos.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/fabric/switch_distance_cache.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

using VertexId = std::uint32_t;        // index of a vertex (host or switch) in the graph
using HostId = std::uint32_t;          // dense index over hosts, 0 .. host_count()-1
using SwitchId = std::uint32_t;        // dense index over switches, 0 .. switch_count()-1
using LinkId = std::uint32_t;          // dense index over full-duplex links
using DirectedLinkId = std::uint32_t;  // 2 x link (a -> b) or 2 x link + 1 (b -> a)

struct HostInfo {
  std::uint32_t node_index = 0;
  std::uint32_t rail_index = 0;
  VertexId vertex = 0;
};

struct SwitchInfo {
  std::uint32_t tier = 0;      // 0 leaf/ToR/rail/dragonfly router, 1 spine/aggregation, 2 core
  std::uint32_t group = 0;     // pod, scalable unit, dragonfly group, or core plane
  std::uint32_t position = 0;  // index among the switches of the same tier in the same group
  VertexId vertex = 0;
};

enum class LinkSharing { split_duplex, shared, fatpipe };

struct Link {
  VertexId a = 0;
  VertexId b = 0;
  double bytes_per_s = 0.0;  // per direction (split_duplex), both together (shared), per flow (fatpipe)
  sim::SimTime latency;
  LinkSharing sharing = LinkSharing::split_duplex;
};

// Explicit routes by (source host, destination host): a list of directed links each.
using RouteTable = std::map<std::pair<HostId, HostId>, std::vector<DirectedLinkId>>;
// Explicit routes by rule: the directed links from the source host to the destination host.
using RouteRule = std::function<std::vector<DirectedLinkId>(HostId source, HostId destination)>;

// Structure of a dragonfly, recorded by the dragonfly builder for dragonfly routing.
// Router r of group G is switch G*routers_per_group + r; host i of router R is host R*hosts_per_router + i.
struct DragonflyLayout {
  std::uint32_t routers_per_group = 0;        // a
  std::uint32_t hosts_per_router = 0;         // p
  std::uint32_t global_links_per_router = 0;  // h
  std::uint32_t groups = 0;                   // g
  std::uint32_t links_per_group_pair = 0;
  // global_links[G * groups + T]: the global links between groups G and T, in G's port order.
  std::vector<std::vector<LinkId>> global_links;

  const std::vector<LinkId>& links_between_groups(std::uint32_t from_group, std::uint32_t to_group) const {
    return global_links.at(static_cast<std::size_t>(from_group) * groups + to_group);
  }
};

class Topology {
 public:
  struct VertexProps {
    bool is_host = false;
    std::uint32_t index = 0;  // HostId or SwitchId
  };
  struct EdgeProps {
    LinkId link = 0;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexProps, EdgeProps>;
  // The switches alone (vertex = SwitchId) and the links between them: the part of the fabric
  // that forwards, kept beside the full graph so that searches skip the hosts.
  using SwitchGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeProps>;
  static constexpr std::uint32_t unreached = 0xffffffffu;

  explicit Topology(std::string name = "fabric") : name_(std::move(name)) {}

  // ---- construction (used by the builders) ----
  HostId add_host(std::uint32_t node_index, std::uint32_t rail_index);
  SwitchId add_switch(std::uint32_t tier, std::uint32_t group, std::uint32_t position);
  // Throws std::invalid_argument for a self loop, a host-host link, an unknown vertex, a bandwidth
  // that is not finite and positive, or a negative latency.
  LinkId add_link(VertexId a, VertexId b, double bytes_per_s, sim::SimTime latency,
                  LinkSharing sharing = LinkSharing::split_duplex);
  // side_b[v] true puts vertex v in half B (see the header comment). Size must be vertex_count().
  void set_bisection_halves(std::vector<bool> side_b);
  void set_dragonfly_layout(DragonflyLayout layout) { dragonfly_ = std::move(layout); }
  // Throws std::invalid_argument for an unknown host or directed link.
  void set_route_table(RouteTable table);
  void set_route_rule(RouteRule rule) { route_rule_ = std::move(rule); }

  // ---- structure ----
  const std::string& name() const { return name_; }
  std::uint32_t host_count() const { return static_cast<std::uint32_t>(hosts_.size()); }
  std::uint32_t switch_count() const { return static_cast<std::uint32_t>(switches_.size()); }
  std::uint32_t vertex_count() const { return static_cast<std::uint32_t>(boost::num_vertices(graph_)); }
  std::uint32_t link_count() const { return static_cast<std::uint32_t>(links_.size()); }
  std::uint32_t directed_link_count() const { return 2 * link_count(); }

  const HostInfo& host_info(HostId host) const;
  const SwitchInfo& switch_info(SwitchId sw) const;
  VertexId host_vertex(HostId host) const { return host_info(host).vertex; }
  VertexId switch_vertex(SwitchId sw) const { return switch_info(sw).vertex; }
  bool is_host(VertexId v) const { return graph_[check_vertex(v)].is_host; }
  HostId host_at(VertexId v) const;      // throws if v is a switch
  SwitchId switch_at(VertexId v) const;  // throws if v is a host
  // Tier of a vertex for routing: a switch's tier, -1 for a host.
  int tier_of(VertexId v) const;

  const std::vector<Link>& links() const { return links_; }
  const Link& link(LinkId l) const;
  static constexpr DirectedLinkId forward(LinkId l) { return 2 * l; }
  static constexpr DirectedLinkId backward(LinkId l) { return 2 * l + 1; }
  static constexpr LinkId link_of(DirectedLinkId d) { return d / 2; }
  DirectedLinkId direction_from(LinkId l, VertexId from) const;  // throws if `from` is not an end
  VertexId source(DirectedLinkId d) const;
  VertexId target(DirectedLinkId d) const;
  double bytes_per_s(DirectedLinkId d) const { return link(link_of(d)).bytes_per_s; }
  sim::SimTime latency(DirectedLinkId d) const { return link(link_of(d)).latency; }

  // Links attached to v, ascending.
  std::vector<LinkId> incident_links(VertexId v) const;
  // Links between u and v, ascending (several when links are parallel).
  std::vector<LinkId> links_between(VertexId u, VertexId v) const;
  // Hosts with a link to the switch (failed or not), ascending.
  std::vector<HostId> attached_hosts(SwitchId sw) const;
  // Switches the host has a link to (failed or not), ascending.
  std::vector<SwitchId> host_switches(HostId host) const;

  const std::optional<DragonflyLayout>& dragonfly() const { return dragonfly_; }
  const std::optional<RouteTable>& route_table() const { return route_table_; }
  const RouteRule& route_rule() const { return route_rule_; }  // empty when the platform has none
  // The platform gives its own routes (a route table or a route rule).
  bool has_explicit_routes() const { return route_table_.has_value() || static_cast<bool>(route_rule_); }
  const Graph& graph() const { return graph_; }
  const SwitchGraph& switch_graph() const { return switch_graph_; }

  // ---- failures ----
  void fail_switch(SwitchId sw);
  void restore_switch(SwitchId sw);
  void fail_link(LinkId l);
  void restore_link(LinkId l);
  bool is_switch_failed(SwitchId sw) const { return switch_failed_.at(check_switch(sw)); }
  bool is_link_failed(LinkId l) const { return link_failed_.at(check_link(l)); }
  // The link is up and neither end is a failed switch.
  bool is_link_live(LinkId l) const { return link_live_.at(l); }

  // ---- connectivity and metrics (live fabric) ----
  bool is_connected(HostId a, HostId b) const;
  std::vector<HostId> disconnected_hosts() const;
  std::vector<HostId> hosts_below(SwitchId sw) const;
  std::uint32_t diameter() const;
  // Throws std::logic_error if the builder defined no halves.
  double bisection_bytes_per_s() const;
  double oversubscription() const;
  // Hop counts over live switch-to-switch links from the nearest of `sources` (multi-source BFS);
  // `unreached` for switches that cannot be reached or are failed.
  std::vector<std::uint32_t> switch_distances(const std::vector<SwitchId>& sources) const;
  // The same, computed once per set of sources until the liveness changes (switch_distance_cache.hpp).
  std::shared_ptr<const std::vector<std::uint32_t>> cached_switch_distances(std::vector<SwitchId> sources) const;
  // Switches the host has a live link to, ascending.
  std::vector<SwitchId> live_host_switches(HostId host) const;

 private:
  struct Components {
    std::vector<std::vector<std::uint32_t>> of_host;  // component ids of each host, ascending
    std::uint32_t count = 0;
    std::optional<std::uint32_t> main;  // component with the most hosts
  };
  Components components(std::optional<SwitchId> also_failed) const;

  VertexId check_vertex(VertexId v) const;
  HostId check_host(HostId h) const;
  SwitchId check_switch(SwitchId s) const;
  LinkId check_link(LinkId l) const;
  void refresh_liveness(LinkId l);

  std::string name_;
  Graph graph_;
  SwitchGraph switch_graph_;
  std::vector<HostInfo> hosts_;
  std::vector<SwitchInfo> switches_;
  std::vector<Link> links_;
  std::vector<bool> switch_failed_;
  std::vector<bool> link_failed_;
  std::vector<char> link_live_;  // kept up to date by fail_*/restore_*
  std::vector<bool> side_b_;
  std::optional<DragonflyLayout> dragonfly_;
  std::optional<RouteTable> route_table_;
  RouteRule route_rule_;
  SwitchDistanceCache distance_cache_;  // cleared by every change of structure or liveness
};

}  // namespace clustersim::models::fabric
