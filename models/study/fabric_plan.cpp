#include "models/study/fabric_plan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "models/fabric/builders.hpp"
#include "models/fabric/simgrid_platform.hpp"
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

// Nodes under a leaf and in a pod, as the campaign model reads them.
struct Shape {
  std::int64_t per_leaf = 0;
  std::int64_t per_pod = 0;
};

fabric::Topology builder_topology(const ScenarioValues& values, const std::string& kind, int nodes, int gpus_per_node,
                                  double backend_bytes_per_s, int switch_radix, std::int64_t max_links, Shape& shape) {
  const double oversub = values.number("architecture.fabric.oversubscription");
  const double pod_oversub = values.number("architecture.fabric.pod_oversubscription");
  const sim::SimTime latency = values.duration("architecture.fabric.hop_latency");
  std::int64_t& per_leaf = shape.per_leaf;
  std::int64_t& per_pod = shape.per_pod;
  const auto rails = static_cast<std::uint32_t>(gpus_per_node);
  const double host_bw = backend_bytes_per_s / gpus_per_node;
  const double radix = switch_radix;
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
    params.spines = rail_switches > 1 ? ceil_div(rail_switches * static_cast<double>(per_leaf) / oversub, radix) : 0;
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
}

fabric::Topology platform_topology(const ScenarioValues& values, int nodes, int gpus_per_node,
                                   const std::filesystem::path& scenario_dir, std::vector<std::string>& host_names) {
  if (!values.has("architecture.fabric.platform")) {
    throw ScenarioError(field("platform") + ": required with kind simgrid-xml (a SimGrid platform file)");
  }
  std::filesystem::path file = values.text("architecture.fabric.platform");
  if (file.is_relative() && !scenario_dir.empty()) file = scenario_dir / file;
  fabric::Platform platform = [&] {
    try {
      return fabric::read_simgrid_platform(file.string());
    } catch (const std::invalid_argument& error) {
      throw ScenarioError(field("platform") + ": " + error.what());
    }
  }();
  if (platform.topology.has_explicit_routes()) {
    throw ScenarioError(field("platform") + ": " + file.string() +
                        " routes by SimGrid's own rules (a Full zone's routes, a TORUS or DRAGONFLY cluster), which a "
                        "scenario's fabric does not take: use it with `clustersim flows --platform`; give a FLAT or "
                        "FAT_TREE <cluster>");
  }
  const std::int64_t gpus = static_cast<std::int64_t>(nodes) * gpus_per_node;
  if (platform.topology.host_count() != gpus) {
    throw ScenarioError(field("platform") + ": " + file.string() + " has " +
                        std::to_string(platform.topology.host_count()) + " hosts, the scenario needs one per GPU (" +
                        std::to_string(gpus) + ")");
  }
  host_names = std::move(platform.host_names);
  return std::move(platform.topology);
}

ScenarioFabric build(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                     int switch_radix, std::int64_t max_links, const std::filesystem::path& scenario_dir,
                     Shape& shape) {
  const std::string& kind = values.text("architecture.fabric.kind");
  shape.per_leaf = values.integer("architecture.fabric.nodes_per_leaf");
  shape.per_pod = values.integer("architecture.fabric.nodes_per_pod");
  if (shape.per_pod == 0) shape.per_pod = nodes;
  if (kind != "simgrid-xml" && values.has("architecture.fabric.platform")) {
    throw ScenarioError(field("platform") + ": only used with kind simgrid-xml, the kind is " + kind);
  }
  ScenarioFabric out{fabric::Topology(),
                     {},
                     fabric::parse_link_layer(values.text("architecture.fabric.link_layer")),
                     fabric::RoutingChoice::dmodk};
  if (kind == "simgrid-xml") {
    require_divides(shape.per_leaf, nodes, "nodes_per_leaf", "number of nodes");
    require_divides(shape.per_pod, nodes, "nodes_per_pod", "number of nodes");
    out.topology = platform_topology(values, nodes, gpus_per_node, scenario_dir, out.host_names);
    check_links(kind, static_cast<double>(out.topology.link_count()), max_links);
  } else {
    try {
      out.topology =
          builder_topology(values, kind, nodes, gpus_per_node, backend_bytes_per_s, switch_radix, max_links, shape);
    } catch (const ScenarioError&) {
      throw;
    } catch (const std::invalid_argument& error) {
      throw ScenarioError("architecture.fabric: cannot build this " + kind + " fabric: " + error.what());
    }
  }
  try {
    out.routing = fabric::resolve_routing(values.text("architecture.fabric.routing"), out.topology, out.link_layer);
  } catch (const std::invalid_argument& error) {
    throw ScenarioError(field("routing") + ": " + error.what());
  }
  return out;
}

}  // namespace

ScenarioFabric build_scenario_fabric(const ScenarioValues& values, int nodes, int gpus_per_node,
                                     double backend_bytes_per_s, int switch_radix, std::int64_t max_links,
                                     const std::filesystem::path& scenario_dir) {
  Shape shape;
  return build(values, nodes, gpus_per_node, backend_bytes_per_s, switch_radix, max_links, scenario_dir, shape);
}

FabricPlan plan_fabric(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                       int switch_radix, std::int64_t max_links, const std::filesystem::path& scenario_dir) {
  Shape shape;
  const ScenarioFabric built =
      build(values, nodes, gpus_per_node, backend_bytes_per_s, switch_radix, max_links, scenario_dir, shape);
  const fabric::Topology& topology = built.topology;
  FabricPlan plan;
  plan.config.hop_latency = values.duration("architecture.fabric.hop_latency");
  plan.config.leaf_oversubscription = values.number("architecture.fabric.oversubscription");
  plan.config.pod_oversubscription = values.number("architecture.fabric.pod_oversubscription");
  plan.link_layer = built.link_layer;
  plan.routing = built.routing;
  plan.switches = topology.switch_count();
  plan.links = topology.link_count();
  plan.bisection_bytes_per_s = topology.bisection_bytes_per_s();
  plan.oversubscription = topology.oversubscription();
  if (topology.dragonfly()) plan.config.pod_oversubscription = std::max(1.0, plan.oversubscription);
  plan.config.nodes_per_leaf = static_cast<int>(shape.per_leaf);
  plan.config.nodes_per_pod = static_cast<int>(shape.per_pod);
  return plan;
}

}  // namespace clustersim::models::study
