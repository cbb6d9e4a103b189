#include "models/fabric/builders.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/fabric/builder_checks.hpp"

namespace clustersim::models::fabric {

using detail::fail;
using detail::require_bandwidth;
using detail::require_count;
using detail::require_latency;
using detail::require_ports;
using detail::require_ratio;

namespace {

struct PodVertices {
  std::vector<VertexId> leaves;
  std::vector<VertexId> spines;
  std::vector<detail::Block> leaf_blocks;  // each leaf with its hosts
};

// One leaf-spine pod: `leaves` leaves (tier 0) with their hosts, `spines` spines (tier 1), full mesh.
PodVertices add_pod(Topology& t, std::uint32_t pod, std::uint32_t hosts_per_leaf, std::uint32_t leaves,
                    std::uint32_t spines, std::uint32_t links_per_pair, double host_bw, double uplink_bw,
                    sim::SimTime latency) {
  PodVertices out;
  for (std::uint32_t l = 0; l < leaves; ++l) out.leaves.push_back(t.switch_vertex(t.add_switch(0, pod, l)));
  for (std::uint32_t s = 0; s < spines; ++s) out.spines.push_back(t.switch_vertex(t.add_switch(1, pod, s)));
  for (std::uint32_t l = 0; l < leaves; ++l) {
    detail::Block block;
    block.members.push_back(out.leaves[l]);
    for (std::uint32_t i = 0; i < hosts_per_leaf; ++i) {
      HostId h = t.add_host(t.host_count(), 0);
      VertexId hv = t.host_vertex(h);
      t.add_link(hv, out.leaves[l], host_bw, latency);
      block.members.push_back(hv);
      block.hosts.push_back(hv);
    }
    out.leaf_blocks.push_back(std::move(block));
  }
  for (std::uint32_t l = 0; l < leaves; ++l) {
    for (std::uint32_t s = 0; s < spines; ++s) {
      for (std::uint32_t c = 0; c < links_per_pair; ++c) t.add_link(out.leaves[l], out.spines[s], uplink_bw, latency);
    }
  }
  return out;
}

}  // namespace

Topology single_switch(std::uint32_t hosts, double link_bytes_per_s, sim::SimTime latency, std::uint32_t switch_radix) {
  require_count("single_switch.hosts", hosts);
  require_bandwidth("single_switch.link_bytes_per_s", link_bytes_per_s);
  require_latency("single_switch.latency", latency);
  require_ports("single_switch.hosts", hosts, switch_radix, "the switch");
  Topology t("single switch, " + std::to_string(hosts) + " hosts");
  VertexId sw = t.switch_vertex(t.add_switch(0, 0, 0));
  detail::Block block;
  block.members.push_back(sw);
  for (std::uint32_t i = 0; i < hosts; ++i) {
    VertexId hv = t.host_vertex(t.add_host(i, 0));
    t.add_link(hv, sw, link_bytes_per_s, latency);
    block.members.push_back(hv);
    block.hosts.push_back(hv);
  }
  detail::set_halves(t, {block});
  detail::check_connected(t, "single_switch");
  return t;
}

Topology k_ary_fat_tree(std::uint32_t k, std::uint32_t levels, double link_bytes_per_s, sim::SimTime latency) {
  if (k < 2 || k % 2 != 0) fail("fat_tree.k: must be even and >= 2, got " + std::to_string(k));
  if (levels != 2 && levels != 3) fail("fat_tree.levels: must be 2 or 3, got " + std::to_string(levels));
  require_bandwidth("fat_tree.link_bytes_per_s", link_bytes_per_s);
  require_latency("fat_tree.latency", latency);
  const std::uint32_t half = k / 2;
  if (levels == 2) {
    Topology t(std::to_string(k) + "-ary 2-level fat-tree");
    PodVertices pod = add_pod(t, 0, half, k, half, 1, link_bytes_per_s, link_bytes_per_s, latency);
    detail::set_halves(t, pod.leaf_blocks);
    detail::check_connected(t, "fat_tree");
    return t;
  }
  Topology t(std::to_string(k) + "-ary 3-level fat-tree");
  std::vector<std::vector<VertexId>> aggregation(k);
  std::vector<detail::Block> pod_blocks(k);
  for (std::uint32_t p = 0; p < k; ++p) {
    PodVertices pod = add_pod(t, p, half, half, half, 1, link_bytes_per_s, link_bytes_per_s, latency);
    aggregation[p] = pod.spines;
    for (auto& b : pod.leaf_blocks) {
      pod_blocks[p].members.insert(pod_blocks[p].members.end(), b.members.begin(), b.members.end());
      pod_blocks[p].hosts.insert(pod_blocks[p].hosts.end(), b.hosts.begin(), b.hosts.end());
    }
    pod_blocks[p].members.insert(pod_blocks[p].members.end(), pod.spines.begin(), pod.spines.end());
  }
  for (std::uint32_t a = 0; a < half; ++a) {
    for (std::uint32_t j = 0; j < half; ++j) {
      VertexId core = t.switch_vertex(t.add_switch(2, a, j));
      for (std::uint32_t p = 0; p < k; ++p) t.add_link(aggregation[p][a], core, link_bytes_per_s, latency);
    }
  }
  detail::set_halves(t, pod_blocks);
  detail::check_connected(t, "fat_tree");
  return t;
}

double leaf_spine_oversubscription(const LeafSpineParams& p) {
  return (static_cast<double>(p.hosts_per_leaf) * p.host_link_bytes_per_s) /
         (static_cast<double>(p.spines) * p.links_per_leaf_spine * p.uplink_bytes_per_s);
}

Topology leaf_spine(const LeafSpineParams& p) {
  require_count("leaf_spine.hosts_per_leaf", p.hosts_per_leaf);
  require_count("leaf_spine.leaves", p.leaves);
  require_count("leaf_spine.links_per_leaf_spine", p.links_per_leaf_spine);
  if (p.leaves > 1 && p.spines == 0) {
    fail("leaf_spine.spines: must be >= 1 when there are " + std::to_string(p.leaves) +
         " leaves (they would be disconnected), got 0");
  }
  require_bandwidth("leaf_spine.host_link_bytes_per_s", p.host_link_bytes_per_s);
  if (p.spines > 0) {
    require_bandwidth("leaf_spine.uplink_bytes_per_s", p.uplink_bytes_per_s);
    require_ratio("leaf_spine.oversubscription", leaf_spine_oversubscription(p));
  }
  require_latency("leaf_spine.latency", p.latency);
  require_ports("leaf_spine.hosts_per_leaf", p.hosts_per_leaf + p.spines * p.links_per_leaf_spine, p.switch_radix,
                "a leaf (hosts_per_leaf + spines x links_per_leaf_spine)");
  require_ports("leaf_spine.leaves", p.leaves * p.links_per_leaf_spine, p.switch_radix,
                "a spine (leaves x links_per_leaf_spine)");
  Topology t("leaf-spine " + std::to_string(p.leaves) + "x" + std::to_string(p.spines));
  PodVertices pod = add_pod(t, 0, p.hosts_per_leaf, p.leaves, p.spines, p.links_per_leaf_spine, p.host_link_bytes_per_s,
                            p.uplink_bytes_per_s, p.latency);
  detail::set_halves(t, pod.leaf_blocks);
  detail::check_connected(t, "leaf_spine");
  return t;
}

Topology leaf_spine(std::uint32_t hosts_per_leaf, std::uint32_t leaves, std::uint32_t spines,
                    double host_link_bytes_per_s, double uplink_bytes_per_s, sim::SimTime latency) {
  LeafSpineParams p;
  p.hosts_per_leaf = hosts_per_leaf;
  p.leaves = leaves;
  p.spines = spines;
  p.host_link_bytes_per_s = host_link_bytes_per_s;
  p.uplink_bytes_per_s = uplink_bytes_per_s;
  p.latency = latency;
  return leaf_spine(p);
}

Topology leaf_spine_oversubscribed(std::uint32_t hosts_per_leaf, std::uint32_t leaves, std::uint32_t spines,
                                   double host_link_bytes_per_s, double oversubscription, sim::SimTime latency) {
  require_count("leaf_spine.hosts_per_leaf", hosts_per_leaf);
  require_count("leaf_spine.spines", spines);
  require_bandwidth("leaf_spine.host_link_bytes_per_s", host_link_bytes_per_s);
  require_ratio("leaf_spine.oversubscription", oversubscription);
  double uplink = hosts_per_leaf * host_link_bytes_per_s / (spines * oversubscription);
  return leaf_spine(hosts_per_leaf, leaves, spines, host_link_bytes_per_s, uplink, latency);
}

double clos_pod_oversubscription(const ClosThreeTierParams& p) {
  return static_cast<double>(p.shape.hosts_per_leaf) * p.host_link_bytes_per_s /
         (static_cast<double>(p.shape.spines_per_pod) * p.shape.links_per_leaf_spine * p.leaf_uplink_bytes_per_s);
}

double clos_core_oversubscription(const ClosThreeTierParams& p) {
  return static_cast<double>(p.shape.leaves_per_pod) * p.shape.links_per_leaf_spine * p.leaf_uplink_bytes_per_s /
         (static_cast<double>(p.shape.cores_per_plane) * p.spine_uplink_bytes_per_s);
}

Topology clos_three_tier(const ClosThreeTierParams& p) {
  const ClosShape& s = p.shape;
  require_count("clos.hosts_per_leaf", s.hosts_per_leaf);
  require_count("clos.leaves_per_pod", s.leaves_per_pod);
  require_count("clos.spines_per_pod", s.spines_per_pod);
  require_count("clos.pods", s.pods);
  require_count("clos.links_per_leaf_spine", s.links_per_leaf_spine);
  if (s.pods > 1 && s.cores_per_plane == 0) {
    fail("clos.cores_per_plane: must be >= 1 when there are " + std::to_string(s.pods) +
         " pods (they would be disconnected), got 0");
  }
  require_bandwidth("clos.host_link_bytes_per_s", p.host_link_bytes_per_s);
  require_bandwidth("clos.leaf_uplink_bytes_per_s", p.leaf_uplink_bytes_per_s);
  require_ratio("clos.pod_oversubscription", clos_pod_oversubscription(p));
  if (s.cores_per_plane > 0) {
    require_bandwidth("clos.spine_uplink_bytes_per_s", p.spine_uplink_bytes_per_s);
    require_ratio("clos.core_oversubscription", clos_core_oversubscription(p));
  }
  require_latency("clos.latency", p.latency);
  require_ports("clos.hosts_per_leaf", s.hosts_per_leaf + s.spines_per_pod * s.links_per_leaf_spine, s.switch_radix,
                "a leaf (hosts_per_leaf + spines_per_pod x links_per_leaf_spine)");
  require_ports("clos.leaves_per_pod", s.leaves_per_pod * s.links_per_leaf_spine + s.cores_per_plane, s.switch_radix,
                "a spine (leaves_per_pod x links_per_leaf_spine + cores_per_plane)");
  require_ports("clos.pods", s.pods, s.switch_radix, "a core switch (pods)");

  Topology t("3-tier Clos, " + std::to_string(s.pods) + " pods");
  std::vector<std::vector<VertexId>> spines(s.pods);
  std::vector<detail::Block> pod_blocks(s.pods);
  std::vector<detail::Block> leaf_blocks;
  for (std::uint32_t pod = 0; pod < s.pods; ++pod) {
    PodVertices v = add_pod(t, pod, s.hosts_per_leaf, s.leaves_per_pod, s.spines_per_pod, s.links_per_leaf_spine,
                            p.host_link_bytes_per_s, p.leaf_uplink_bytes_per_s, p.latency);
    spines[pod] = v.spines;
    for (auto& b : v.leaf_blocks) {
      pod_blocks[pod].members.insert(pod_blocks[pod].members.end(), b.members.begin(), b.members.end());
      pod_blocks[pod].hosts.insert(pod_blocks[pod].hosts.end(), b.hosts.begin(), b.hosts.end());
      leaf_blocks.push_back(b);
    }
    pod_blocks[pod].members.insert(pod_blocks[pod].members.end(), v.spines.begin(), v.spines.end());
  }
  for (std::uint32_t plane = 0; plane < s.spines_per_pod; ++plane) {
    for (std::uint32_t c = 0; c < s.cores_per_plane; ++c) {
      VertexId core = t.switch_vertex(t.add_switch(2, plane, c));
      for (std::uint32_t pod = 0; pod < s.pods; ++pod) {
        t.add_link(spines[pod][plane], core, p.spine_uplink_bytes_per_s, p.latency);
      }
    }
  }
  detail::set_halves(t, s.pods > 1 ? pod_blocks : leaf_blocks);
  detail::check_connected(t, "clos");
  return t;
}

Topology clos_three_tier(const ClosShape& shape, double host_link_bytes_per_s, double pod_oversubscription,
                         double core_oversubscription, sim::SimTime latency) {
  require_count("clos.hosts_per_leaf", shape.hosts_per_leaf);
  require_count("clos.leaves_per_pod", shape.leaves_per_pod);
  require_count("clos.spines_per_pod", shape.spines_per_pod);
  require_count("clos.links_per_leaf_spine", shape.links_per_leaf_spine);
  require_bandwidth("clos.host_link_bytes_per_s", host_link_bytes_per_s);
  require_ratio("clos.pod_oversubscription", pod_oversubscription);
  require_ratio("clos.core_oversubscription", core_oversubscription);
  ClosThreeTierParams p;
  p.shape = shape;
  p.host_link_bytes_per_s = host_link_bytes_per_s;
  const double leaf_uplinks = static_cast<double>(shape.spines_per_pod) * shape.links_per_leaf_spine;
  p.leaf_uplink_bytes_per_s = shape.hosts_per_leaf * host_link_bytes_per_s / (leaf_uplinks * pod_oversubscription);
  p.spine_uplink_bytes_per_s = shape.cores_per_plane == 0
                                   ? 0.0
                                   : shape.leaves_per_pod * shape.links_per_leaf_spine * p.leaf_uplink_bytes_per_s /
                                         (shape.cores_per_plane * core_oversubscription);
  p.latency = latency;
  return clos_three_tier(p);
}

Topology rail_optimized(const RailOptimizedParams& p) {
  require_count("rail_optimized.nodes", p.nodes);
  require_count("rail_optimized.rails", p.rails);
  require_count("rail_optimized.links_per_rail_switch_spine", p.links_per_rail_switch_spine);
  const std::uint32_t per_switch = p.nodes_per_rail_switch == 0 ? p.nodes : p.nodes_per_rail_switch;
  if (p.nodes % per_switch != 0) {
    fail("rail_optimized.nodes_per_rail_switch: must divide nodes (" + std::to_string(p.nodes) + "), got " +
         std::to_string(per_switch));
  }
  const std::uint32_t units = p.nodes / per_switch;
  const std::uint32_t rail_switches = units * p.rails;
  if (rail_switches > 1 && p.spines == 0) {
    fail("rail_optimized.spines: must be >= 1 to join " + std::to_string(rail_switches) +
         " rail switches (they would be disconnected), got 0");
  }
  require_bandwidth("rail_optimized.host_link_bytes_per_s", p.host_link_bytes_per_s);
  if (p.spines > 0) {
    require_bandwidth("rail_optimized.uplink_bytes_per_s", p.uplink_bytes_per_s);
    require_ratio("rail_optimized.oversubscription",
                  per_switch * p.host_link_bytes_per_s /
                      (static_cast<double>(p.spines) * p.links_per_rail_switch_spine * p.uplink_bytes_per_s));
  }
  require_latency("rail_optimized.latency", p.latency);
  require_ports("rail_optimized.nodes_per_rail_switch", per_switch + p.spines * p.links_per_rail_switch_spine,
                p.switch_radix, "a rail switch (nodes_per_rail_switch + spines x links)");
  require_ports("rail_optimized.spines", rail_switches * p.links_per_rail_switch_spine, p.switch_radix,
                "a spine (rail switches x links)");

  Topology t("rail-optimized, " + std::to_string(p.nodes) + " nodes x " + std::to_string(p.rails) + " rails");
  for (std::uint32_t n = 0; n < p.nodes; ++n) {
    for (std::uint32_t r = 0; r < p.rails; ++r) t.add_host(n, r);
  }
  std::vector<VertexId> rail_switch(rail_switches);  // index unit * rails + rail
  for (std::uint32_t u = 0; u < units; ++u) {
    for (std::uint32_t r = 0; r < p.rails; ++r) rail_switch[u * p.rails + r] = t.switch_vertex(t.add_switch(0, u, r));
  }
  std::vector<VertexId> spines;
  for (std::uint32_t s = 0; s < p.spines; ++s) spines.push_back(t.switch_vertex(t.add_switch(1, 0, s)));
  std::vector<detail::Block> blocks;  // (rail, unit) order
  for (std::uint32_t r = 0; r < p.rails; ++r) {
    for (std::uint32_t u = 0; u < units; ++u) {
      detail::Block b;
      VertexId sw = rail_switch[u * p.rails + r];
      b.members.push_back(sw);
      for (std::uint32_t n = u * per_switch; n < (u + 1) * per_switch; ++n) {
        VertexId hv = t.host_vertex(n * p.rails + r);
        t.add_link(hv, sw, p.host_link_bytes_per_s, p.latency);
        b.members.push_back(hv);
        b.hosts.push_back(hv);
      }
      blocks.push_back(std::move(b));
    }
  }
  for (VertexId sw : rail_switch) {
    for (VertexId spine : spines) {
      for (std::uint32_t c = 0; c < p.links_per_rail_switch_spine; ++c) {
        t.add_link(sw, spine, p.uplink_bytes_per_s, p.latency);
      }
    }
  }
  detail::set_halves(t, blocks);
  detail::check_connected(t, "rail_optimized");
  return t;
}

Topology rail_optimized(std::uint32_t nodes, std::uint32_t rails, std::uint32_t spines, double host_link_bytes_per_s,
                        double uplink_bytes_per_s, sim::SimTime latency) {
  RailOptimizedParams p;
  p.nodes = nodes;
  p.rails = rails;
  p.spines = spines;
  p.host_link_bytes_per_s = host_link_bytes_per_s;
  p.uplink_bytes_per_s = uplink_bytes_per_s;
  p.latency = latency;
  return rail_optimized(p);
}

}  // namespace clustersim::models::fabric
