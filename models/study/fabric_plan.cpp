#include "models/study/fabric_plan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "models/fabric/builders.hpp"
#include "models/study/run_limits.hpp"

namespace clustersim::models::study {

namespace {

constexpr std::string_view kPrefix = "architecture.fabric.";

std::string field(std::string_view name) {
  std::string path(kPrefix);
  path += name;
  return path;
}

std::uint32_t ceil_div(double numerator, double denominator) {
  return static_cast<std::uint32_t>(std::max(1.0, std::ceil(numerator / denominator - 1e-9)));
}

void require_divides(std::int64_t divisor, std::int64_t total, std::string_view divisor_field, std::string_view what) {
  if (divisor <= 0 || total % divisor != 0) {
    throw ScenarioError(field(divisor_field) + ": " + std::to_string(divisor) + " does not divide the " +
                        std::string(what) + " (" + std::to_string(total) + ")");
  }
}

void require_one(double ratio, std::string_view name, std::string_view kind) {
  if (ratio != 1.0) {
    throw ScenarioError(field(name) + ": a " + std::string(kind) + " fabric has no such tier; expected 1, got " +
                        std::to_string(ratio));
  }
}

// Refuses, before building, a fabric whose link count (from its shape) is above the limit: two-tier fabrics
// grow as leaves x spines, so 100,000 nodes on a leaf_spine would need about 6e8 links (tens of GB).
void check_links(const std::string& kind, double links, std::int64_t max_links) {
  if (links > static_cast<double>(max_links)) {
    const auto count = static_cast<unsigned long long>(std::min(links, 1e19));  // leaves x spines < 2^64
    throw ScenarioError(limit_message("architecture.fabric",
                                      "this " + kind + " needs about " + std::to_string(count) + " links, which",
                                      std::to_string(max_links) + " links", max_links_flag));
  }
}

}  // namespace

FabricPlan plan_fabric(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                       int switch_radix, std::int64_t max_links) {
  const std::string kind = values.text("architecture.fabric.kind");
  const double oversub = values.number("architecture.fabric.oversubscription");
  const double pod_oversub = values.number("architecture.fabric.pod_oversubscription");
  const sim::SimTime latency = values.duration("architecture.fabric.hop_latency");
  std::int64_t per_leaf = values.integer("architecture.fabric.nodes_per_leaf");
  std::int64_t per_pod = values.integer("architecture.fabric.nodes_per_pod");
  if (per_pod == 0) per_pod = nodes;
  const auto rails = static_cast<std::uint32_t>(gpus_per_node);
  const double host_bw = backend_bytes_per_s / gpus_per_node;
  const double radix = switch_radix;

  FabricPlan plan;
  plan.config.hop_latency = latency;
  plan.config.leaf_oversubscription = oversub;
  plan.config.pod_oversubscription = pod_oversub;
  try {
    fabric::Topology topology = [&]() -> fabric::Topology {
      if (kind == "single_switch") {
        require_one(oversub, "oversubscription", kind);
        require_one(pod_oversub, "pod_oversubscription", kind);
        per_leaf = nodes;
        per_pod = nodes;
        check_links(kind, static_cast<double>(nodes) * rails, max_links);
        return fabric::single_switch(static_cast<std::uint32_t>(nodes) * rails, host_bw, latency);
      }
      require_divides(per_leaf, nodes, "nodes_per_leaf", "number of nodes");
      const auto hosts_per_leaf = static_cast<std::uint32_t>(per_leaf) * rails;
      if (kind == "leaf_spine") {
        require_one(pod_oversub, "pod_oversubscription", kind);
        per_pod = nodes;
        const auto leaves = static_cast<std::uint32_t>(nodes / per_leaf);
        const std::uint32_t spines = ceil_div(leaves * hosts_per_leaf / oversub, radix);
        check_links(kind, static_cast<double>(nodes) * rails + static_cast<double>(leaves) * spines, max_links);
        return fabric::leaf_spine_oversubscribed(hosts_per_leaf, leaves, spines, host_bw, oversub, latency);
      }
      if (kind == "rail_optimized") {
        require_one(pod_oversub, "pod_oversubscription", kind);
        per_pod = nodes;
        fabric::RailOptimizedParams params;
        params.nodes = static_cast<std::uint32_t>(nodes);
        params.rails = rails;
        params.nodes_per_rail_switch = static_cast<std::uint32_t>(per_leaf);
        const double rail_switches = static_cast<double>(rails) * static_cast<double>(nodes / per_leaf);
        params.spines =
            rail_switches > 1 ? ceil_div(rail_switches * static_cast<double>(per_leaf) / oversub, radix) : 0;
        params.host_link_bytes_per_s = host_bw;
        params.uplink_bytes_per_s =
            params.spines > 0 ? static_cast<double>(per_leaf) * host_bw / (params.spines * oversub) : host_bw;
        params.latency = latency;
        check_links(kind, static_cast<double>(nodes) * rails + rail_switches * params.spines, max_links);
        return fabric::rail_optimized(params);
      }
      require_divides(per_pod, nodes, "nodes_per_pod", "number of nodes");
      require_divides(per_leaf, per_pod, "nodes_per_leaf", "nodes per pod");
      const auto leaves_per_pod = static_cast<std::uint32_t>(per_pod / per_leaf);
      const auto pods = static_cast<std::uint32_t>(nodes / per_pod);
      if (kind == "fat_tree") {
        fabric::ClosShape shape;
        shape.hosts_per_leaf = hosts_per_leaf;
        shape.leaves_per_pod = leaves_per_pod;
        shape.spines_per_pod = ceil_div(leaves_per_pod * hosts_per_leaf / oversub, radix);
        shape.pods = pods;
        shape.cores_per_plane = pods > 1 ? ceil_div(pods * leaves_per_pod * hosts_per_leaf / (oversub * pod_oversub),
                                                    shape.spines_per_pod * radix)
                                         : 0;
        const double spines = static_cast<double>(pods) * shape.spines_per_pod;
        check_links(kind, static_cast<double>(nodes) * rails + spines * (leaves_per_pod + shape.cores_per_plane),
                    max_links);
        return fabric::clos_three_tier(shape, host_bw, oversub, pod_oversub, latency);
      }
      // dragonfly
      require_one(oversub, "oversubscription", kind);
      fabric::DragonflyParams params;
      params.routers_per_group = leaves_per_pod;
      params.hosts_per_router = hosts_per_leaf;
      params.global_links_per_router = ceil_div(hosts_per_leaf, pod_oversub);
      params.groups = pods;
      params.host_link_bytes_per_s = host_bw;
      params.local_link_bytes_per_s = host_bw;
      params.global_link_bytes_per_s = host_bw;
      params.host_latency = latency;
      params.local_latency = latency;
      params.global_latency = latency;
      const double routers = static_cast<double>(pods) * leaves_per_pod;
      check_links(kind,
                  static_cast<double>(nodes) * rails +
                      routers * ((leaves_per_pod - 1.0) / 2 + params.global_links_per_router / 2.0),
                  max_links);
      return fabric::dragonfly(params);
    }();
    plan.switches = topology.switch_count();
    plan.links = topology.link_count();
    plan.bisection_bytes_per_s = topology.bisection_bytes_per_s();
    plan.oversubscription = topology.oversubscription();
    if (kind == "dragonfly") plan.config.pod_oversubscription = std::max(1.0, plan.oversubscription);
  } catch (const ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& error) {
    throw ScenarioError("architecture.fabric: cannot build this " + kind + " fabric: " + error.what());
  }
  plan.config.nodes_per_leaf = static_cast<int>(per_leaf);
  plan.config.nodes_per_pod = static_cast<int>(per_pod);
  return plan;
}

}  // namespace clustersim::models::study
