// FabricPlan: the back-end fabric a scenario describes, built with the fabric builders
// (models/fabric/builders.hpp) to count its switches and links (for the cost model) and to measure
// its bisection, and summarised as the FabricConfig the campaign model reads.
//
// One host per GPU rail (node x gpus hosts), each with the node's back-end bandwidth / gpus. Every link
// takes one port at each end, and no switch may use more than the radix R of the catalog switch
// (architecture.fabric.switch, or switch_radix). A switch with d down-links at ratio r has
// U = ceil(d / r) up-links; up-links to the same switch above are grouped m at a time, m the largest
// divisor of U that fits (the fewest switches above), and the builders derive each up-link's
// bandwidth so the declared ratios hold (builders.hpp).
//   single_switch   one switch of nodes x gpus host links (<= R); nodes_per_leaf = nodes
//   leaf_spine      nodes / nodes_per_leaf leaves, one pod. Leaf: H = nodes_per_leaf x gpus down + U up
//                   (<= R); U / m spines of leaves x m ports (<= R)
//   fat_tree        three-tier Clos: pods of nodes_per_pod nodes, leaf ratio `oversubscription`, spine
//                   ratio `pod_oversubscription` (Llama 3: 16 GPUs per ToR, 1:7 between pods). Leaf as
//                   leaf_spine; spine: leaves_per_pod x m down + C = ceil(leaves_per_pod x m / pod ratio)
//                   up (<= R, none with one pod); C cores per spine position, each with one link to
//                   that spine of every pod (pods <= R)
//   rail_optimized  a rail switch per GPU rail per group of nodes_per_leaf nodes: nodes_per_leaf down
//                   + U up (<= R); U / m spines of rail switches x m ports (<= R)
//   dragonfly       a group per pod (nodes_per_pod), a router per leaf (nodes_per_leaf nodes): H host +
//                   (routers per group - 1) local + h = ceil(H / pod_oversubscription) global ports (<= R);
//                   the campaign's pod oversubscription is the one measured on the built topology.
// A shape that does not fit is refused, naming the field and the numbers ("a leaf: 32 nodes x 8 GPUs
// = 256 down-links + 256 up-links = 512 ports, more than the 64 of switch 'QM9700'"): no tier is
// added, a fabric too large for two tiers is a fat_tree. The switches and links priced are those of
// the built topology (models/fabric/inventory.hpp), whose every switch is checked against R.
//   simgrid-xml     the SimGrid platform file `platform` (models/fabric/simgrid_platform.hpp), path
//                   relative to the scenario file's directory (to the working directory when the
//                   scenario has no file, e.g. a sweep point); it must hold one host per GPU
//                   (nodes x gpus) and be a FLAT or FAT_TREE <cluster> (Full zones, TORUS and
//                   DRAGONFLY clusters route by SimGrid's own rules, which a scenario does not take).
//                   nodes_per_leaf, nodes_per_pod and the two ratios are read from the scenario as
//                   for the other kinds (failure blast radius, campaign model); switch and link
//                   counts and the bisection come from the platform, its switches checked against R.
// Routing (architecture.fabric.routing, models/fabric/routing_policy.hpp): auto resolves by kind
// and link_layer (dragonfly_minimal on a dragonfly, ecmp on a torus, dmodk on InfiniBand, ecmp
// on Ethernet); a dragonfly algorithm on another kind is an error naming the field.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/fabric/inventory.hpp"
#include "models/fabric/routing_policy.hpp"
#include "models/fabric/topology.hpp"
#include "models/study/scenario_values.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::study {

// The scenario's back-end fabric as a topology, with the routing its flows use.
struct ScenarioFabric {
  fabric::Topology topology;
  std::vector<std::string> host_names;  // simgrid-xml: the platform's host names; else empty
  fabric::LinkLayer link_layer = fabric::LinkLayer::infiniband;
  fabric::RoutingChoice routing = fabric::RoutingChoice::dmodk;
};

// The catalog switch every switch of the fabric is (architecture.fabric.switch, switch_radix).
struct FabricSwitch {
  std::string name;
  int radix = 0;
};

struct FabricPlan {
  ScenarioFabric built;
  workload::FabricConfig config;
  fabric::LinkLayer link_layer = fabric::LinkLayer::infiniband;
  fabric::RoutingChoice routing = fabric::RoutingChoice::dmodk;
  fabric::FabricInventory inventory;  // counted on the built topology
  double bisection_bytes_per_s = 0;
  double oversubscription = 1;  // measured on the built topology
};

// Both throw ScenarioError naming the architecture.fabric field, also (before building) when the fabric's shape
// needs more than max_links links (run_limits.hpp) or a switch more ports than sw.radix.
ScenarioFabric build_scenario_fabric(const ScenarioValues& values, int nodes, int gpus_per_node,
                                     double backend_bytes_per_s, const FabricSwitch& sw, std::int64_t max_links,
                                     const std::filesystem::path& scenario_dir = {});
FabricPlan plan_fabric(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                       const FabricSwitch& sw, std::int64_t max_links, const std::filesystem::path& scenario_dir = {});

}  // namespace clustersim::models::study
