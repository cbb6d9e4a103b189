#include "models/study/fabric_plan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "models/fabric/builders.hpp"
#include "models/fabric/inventory.hpp"
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

// Refuses a switch that would need more ports than the catalog switch has.
class PortBudget {
 public:
  explicit PortBudget(const FabricSwitch& sw) : sw_(sw) {}
  std::uint32_t radix() const { return static_cast<std::uint32_t>(sw_.radix); }
  bool fits(double ports) const { return ports <= sw_.radix; }
  // "<field>: <what> needs <ports> ports, more than the 64 of switch 'QM9700'<advice>"
  void require(double ports, std::string_view field_name, const std::string& what, std::string_view advice = "") const {
    if (fits(ports)) return;
    throw ScenarioError(field(field_name) + ": " + what + " needs " + std::to_string(static_cast<long long>(ports)) +
                        " ports, more than the " + std::to_string(sw_.radix) + " of switch '" + sw_.name + "'" +
                        std::string(advice));
  }

 private:
  const FabricSwitch& sw_;
};

// Up-links of a switch with `down` down-links at the ratio `oversubscription`.
std::uint32_t up_links(double down, double oversubscription) {
  return ceil_div(down, oversubscription);
}

// The largest m dividing `uplinks` with fits(m) (the fewest switches above), or 0 when m = 1 does not fit.
template <typename Fits>
std::uint32_t parallel_links(std::uint32_t uplinks, Fits fits) {
  for (std::uint32_t m = uplinks; m >= 1; --m) {
    if (uplinks % m == 0 && fits(m)) return m;
  }
  return 0;
}

std::string count_text(std::int64_t count, std::string_view what) {
  return std::to_string(count) + " " + std::string(what);
}

fabric::Topology builder_topology(const ScenarioValues& values, const std::string& kind, int nodes, int gpus_per_node,
                                  double backend_bytes_per_s, const FabricSwitch& sw, std::int64_t max_links,
                                  Shape& shape) {
  const double oversub = values.number("architecture.fabric.oversubscription");
  const double pod_oversub = values.number("architecture.fabric.pod_oversubscription");
  const sim::SimTime latency = values.duration("architecture.fabric.hop_latency");
  const PortBudget ports(sw);
  std::int64_t& per_leaf = shape.per_leaf;
  std::int64_t& per_pod = shape.per_pod;
  const auto rails = static_cast<std::uint32_t>(gpus_per_node);
  const double host_bw = backend_bytes_per_s / gpus_per_node;
  const double hosts = static_cast<double>(nodes) * rails;
  const std::string rails_text = " x " + count_text(gpus_per_node, "GPUs");
  if (kind == "single_switch") {
    require_one(oversub, "oversubscription", kind);
    require_one(pod_oversub, "pod_oversubscription", kind);
    per_leaf = nodes;
    per_pod = nodes;
    ports.require(hosts, "kind", "a single_switch of " + count_text(nodes, "nodes") + rails_text,
                  "; use a leaf_spine or fat_tree");
    return fabric::single_switch(static_cast<std::uint32_t>(hosts), host_bw, latency, ports.radix());
  }
  require_divides(per_leaf, nodes, "nodes_per_leaf", "number of nodes");
  const auto hosts_per_leaf = static_cast<std::uint32_t>(per_leaf) * rails;
  const std::string leaf_down =
      count_text(per_leaf, "nodes") + rails_text + " = " + count_text(hosts_per_leaf, "down-links");
  if (kind == "leaf_spine") {
    require_one(pod_oversub, "pod_oversubscription", kind);
    per_pod = nodes;
    fabric::LeafSpineParams params;
    params.hosts_per_leaf = hosts_per_leaf;
    params.leaves = static_cast<std::uint32_t>(nodes / per_leaf);
    const std::uint32_t uplinks = params.leaves > 1 ? up_links(hosts_per_leaf, oversub) : 0;
    ports.require(hosts_per_leaf + uplinks, "nodes_per_leaf",
                  "a leaf of " + leaf_down + " + " + count_text(uplinks, "up-links"));
    if (params.leaves > 1) {
      params.links_per_leaf_spine =
          parallel_links(uplinks, [&](std::uint32_t m) { return ports.fits(params.leaves * m); });
      if (params.links_per_leaf_spine == 0) {
        ports.require(params.leaves, "nodes_per_leaf",
                      "a spine linked to each of the " + count_text(params.leaves, "leaves") + " (" +
                          count_text(nodes, "nodes") + " / " + std::to_string(per_leaf) + " per leaf)",
                      "; a larger fabric is a fat_tree");
      }
      params.spines = uplinks / params.links_per_leaf_spine;
      params.uplink_bytes_per_s = hosts_per_leaf * host_bw / (uplinks * oversub);
    }
    params.host_link_bytes_per_s = host_bw;
    params.latency = latency;
    params.switch_radix = ports.radix();
    check_links(kind, hosts + static_cast<double>(params.leaves) * uplinks, max_links);
    return fabric::leaf_spine(params);
  }
  if (kind == "rail_optimized") {
    require_one(pod_oversub, "pod_oversubscription", kind);
    per_pod = nodes;
    fabric::RailOptimizedParams params;
    params.nodes = static_cast<std::uint32_t>(nodes);
    params.rails = rails;
    params.nodes_per_rail_switch = static_cast<std::uint32_t>(per_leaf);
    const auto rail_switches = static_cast<std::uint32_t>(rails * (nodes / per_leaf));
    const std::uint32_t uplinks = rail_switches > 1 ? up_links(static_cast<double>(per_leaf), oversub) : 0;
    ports.require(static_cast<double>(per_leaf) + uplinks, "nodes_per_leaf",
                  "a rail switch of " + count_text(per_leaf, "down-links") + " + " + count_text(uplinks, "up-links"));
    if (rail_switches > 1) {
      params.links_per_rail_switch_spine =
          parallel_links(uplinks, [&](std::uint32_t m) { return ports.fits(static_cast<double>(rail_switches) * m); });
      if (params.links_per_rail_switch_spine == 0) {
        ports.require(rail_switches, "nodes_per_leaf",
                      "a spine linked to each of the " + count_text(rail_switches, "rail switches") + " (" +
                          count_text(gpus_per_node, "rails") + " x " + std::to_string(nodes / per_leaf) +
                          " groups of nodes_per_leaf nodes)",
                      "; a larger fabric is a fat_tree");
      }
      params.spines = uplinks / params.links_per_rail_switch_spine;
      params.uplink_bytes_per_s = static_cast<double>(per_leaf) * host_bw / (uplinks * oversub);
    }
    params.host_link_bytes_per_s = host_bw;
    params.latency = latency;
    params.switch_radix = ports.radix();
    check_links(kind, hosts + static_cast<double>(rail_switches) * uplinks, max_links);
    return fabric::rail_optimized(params);
  }
  require_divides(per_pod, nodes, "nodes_per_pod", "number of nodes");
  require_divides(per_leaf, per_pod, "nodes_per_leaf", "nodes per pod");
  const auto leaves_per_pod = static_cast<std::uint32_t>(per_pod / per_leaf);
  const auto pods = static_cast<std::uint32_t>(nodes / per_pod);
  if (kind == "fat_tree") {
    fabric::ClosThreeTierParams params;
    fabric::ClosShape& clos = params.shape;
    clos.hosts_per_leaf = hosts_per_leaf;
    clos.leaves_per_pod = leaves_per_pod;
    clos.pods = pods;
    const std::uint32_t uplinks = up_links(hosts_per_leaf, oversub);
    ports.require(hosts_per_leaf + uplinks, "nodes_per_leaf",
                  "a leaf of " + leaf_down + " + " + count_text(uplinks, "up-links"));
    // A spine with m links to each leaf has leaves x m down-links and, below several pods, C up-links.
    const auto spine_uplinks = [&](std::uint32_t m) {
      return pods > 1 ? up_links(static_cast<double>(leaves_per_pod) * m, pod_oversub) : 0U;
    };
    clos.links_per_leaf_spine = parallel_links(uplinks, [&](std::uint32_t m) {
      return ports.fits(static_cast<double>(leaves_per_pod) * m + spine_uplinks(m));
    });
    if (clos.links_per_leaf_spine == 0) {
      ports.require(static_cast<double>(leaves_per_pod) + spine_uplinks(1), "nodes_per_pod",
                    "a spine of " + count_text(leaves_per_pod, "leaves per pod") + " + " +
                        count_text(spine_uplinks(1), "up-links"),
                    "; use fewer nodes per pod");
    }
    clos.spines_per_pod = uplinks / clos.links_per_leaf_spine;
    clos.cores_per_plane = spine_uplinks(clos.links_per_leaf_spine);
    if (pods > 1) {
      ports.require(pods, "nodes_per_pod",
                    "a core switch linked to one spine in each of the " + count_text(pods, "pods") + " (" +
                        count_text(nodes, "nodes") + " / " + std::to_string(per_pod) + " per pod)",
                    "; use more nodes per pod");
    }
    clos.switch_radix = ports.radix();
    params.host_link_bytes_per_s = host_bw;
    params.leaf_uplink_bytes_per_s = hosts_per_leaf * host_bw / (uplinks * oversub);
    if (clos.cores_per_plane > 0) {
      params.spine_uplink_bytes_per_s = static_cast<double>(leaves_per_pod) * clos.links_per_leaf_spine *
                                        params.leaf_uplink_bytes_per_s / (clos.cores_per_plane * pod_oversub);
    }
    params.latency = latency;
    const double spines = static_cast<double>(pods) * clos.spines_per_pod;
    check_links(kind, hosts + static_cast<double>(pods) * leaves_per_pod * uplinks + spines * clos.cores_per_plane,
                max_links);
    return fabric::clos_three_tier(params);
  }
  // dragonfly
  require_one(oversub, "oversubscription", kind);
  fabric::DragonflyParams params;
  params.routers_per_group = leaves_per_pod;
  params.hosts_per_router = hosts_per_leaf;
  params.global_links_per_router = pods > 1 ? up_links(hosts_per_leaf, pod_oversub) : 0;
  params.groups = pods;
  ports.require(hosts_per_leaf + (leaves_per_pod - 1.0) + params.global_links_per_router, "nodes_per_leaf",
                "a router of " + leaf_down + " + " + count_text(leaves_per_pod - 1, "local links") + " + " +
                    count_text(params.global_links_per_router, "global links"));
  params.host_link_bytes_per_s = host_bw;
  params.local_link_bytes_per_s = host_bw;
  params.global_link_bytes_per_s = host_bw;
  params.host_latency = latency;
  params.local_latency = latency;
  params.global_latency = latency;
  params.router_radix = ports.radix();
  const double routers = static_cast<double>(pods) * leaves_per_pod;
  check_links(kind, hosts + routers * ((leaves_per_pod - 1.0) / 2 + params.global_links_per_router / 2.0), max_links);
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

// Every switch as built uses at most the radix (a simgrid-xml platform is checked here only).
void check_ports(const fabric::Topology& topology, const std::string& kind, const FabricSwitch& sw) {
  const fabric::FabricInventory inventory = fabric::count_inventory(topology);
  if (inventory.max_switch_ports <= static_cast<std::uint32_t>(sw.radix)) return;
  const fabric::SwitchInfo& info = topology.switch_info(inventory.busiest_switch);
  throw ScenarioError(field(kind == "simgrid-xml" ? "platform" : "kind") + ": switch " +
                      std::to_string(inventory.busiest_switch) + " (tier " + std::to_string(info.tier) + ") uses " +
                      std::to_string(inventory.max_switch_ports) + " ports, more than the " + std::to_string(sw.radix) +
                      " of switch '" + sw.name + "'");
}

ScenarioFabric build(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                     const FabricSwitch& sw, std::int64_t max_links, const std::filesystem::path& scenario_dir,
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
      out.topology = builder_topology(values, kind, nodes, gpus_per_node, backend_bytes_per_s, sw, max_links, shape);
    } catch (const ScenarioError&) {
      throw;
    } catch (const std::invalid_argument& error) {
      throw ScenarioError("architecture.fabric: cannot build this " + kind + " fabric: " + error.what());
    }
  }
  check_ports(out.topology, kind, sw);
  try {
    out.routing = fabric::resolve_routing(values.text("architecture.fabric.routing"), out.topology, out.link_layer);
  } catch (const std::invalid_argument& error) {
    throw ScenarioError(field("routing") + ": " + error.what());
  }
  return out;
}

}  // namespace

ScenarioFabric build_scenario_fabric(const ScenarioValues& values, int nodes, int gpus_per_node,
                                     double backend_bytes_per_s, const FabricSwitch& sw, std::int64_t max_links,
                                     const std::filesystem::path& scenario_dir) {
  Shape shape;
  return build(values, nodes, gpus_per_node, backend_bytes_per_s, sw, max_links, scenario_dir, shape);
}

FabricPlan plan_fabric(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                       const FabricSwitch& sw, std::int64_t max_links, const std::filesystem::path& scenario_dir) {
  Shape shape;
  FabricPlan plan;
  plan.built = build(values, nodes, gpus_per_node, backend_bytes_per_s, sw, max_links, scenario_dir, shape);
  const ScenarioFabric& built = plan.built;
  const fabric::Topology& topology = built.topology;
  plan.config.hop_latency = values.duration("architecture.fabric.hop_latency");
  plan.config.leaf_oversubscription = values.number("architecture.fabric.oversubscription");
  plan.config.pod_oversubscription = values.number("architecture.fabric.pod_oversubscription");
  plan.link_layer = built.link_layer;
  plan.routing = built.routing;
  plan.inventory = fabric::count_inventory(topology);
  plan.bisection_bytes_per_s = topology.bisection_bytes_per_s();
  plan.oversubscription = topology.oversubscription();
  if (topology.dragonfly()) plan.config.pod_oversubscription = std::max(1.0, plan.oversubscription);
  plan.config.nodes_per_leaf = static_cast<int>(shape.per_leaf);
  plan.config.nodes_per_pod = static_cast<int>(shape.per_pod);
  return plan;
}

}  // namespace clustersim::models::study
