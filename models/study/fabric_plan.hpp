// FabricPlan: the back-end fabric a scenario describes, built with the fabric builders
// (models/fabric/builders.hpp) to count its switches and links (for the cost model) and to measure
// its bisection, and summarised as the FabricConfig the campaign model reads.
//
// One host per GPU rail (node x gpus hosts), each with the node's back-end bandwidth / gpus.
// Switch counts follow from the radix: the spines (or cores) needed to terminate every up-link,
//   leaf up-links = hosts_per_leaf / oversubscription,  spines = ceil(leaves x up-links / radix)
// and the builders derive the up-link bandwidth that gives the declared ratios.
//   single_switch   one switch; nodes_per_leaf = nodes (no oversubscription)
//   leaf_spine      nodes / nodes_per_leaf leaves, one pod
//   fat_tree        three-tier Clos: pods of nodes_per_pod nodes, leaf ratio `oversubscription`,
//                   between pods `pod_oversubscription` (Llama 3: 16 GPUs per ToR, 1:7 between pods)
//   rail_optimized  a rail switch per GPU rail per group of nodes_per_leaf nodes, spines above
//   dragonfly       a group per pod (nodes_per_pod), a router per leaf (nodes_per_leaf nodes);
//                   global ports per router = hosts per router / pod_oversubscription; the
//                   campaign's pod oversubscription is the one measured on the built topology.
//   simgrid-xml     the SimGrid platform file `platform` (models/fabric/simgrid_platform.hpp), path
//                   relative to the scenario file's directory (to the working directory when the
//                   scenario has no file, e.g. a sweep point); it must hold one host per GPU
//                   (nodes x gpus) and be a FLAT or FAT_TREE <cluster> (Full zones, TORUS and
//                   DRAGONFLY clusters route by SimGrid's own rules, which a scenario does not take).
//                   nodes_per_leaf, nodes_per_pod and the two ratios are read from the scenario as
//                   for the other kinds (failure blast radius, campaign model); switch and link
//                   counts and the bisection come from the platform.
// Routing (architecture.fabric.routing, models/fabric/routing_policy.hpp): auto resolves by kind
// and link_layer (dragonfly_minimal on a dragonfly, ecmp on a torus, dmodk on InfiniBand, ecmp
// on Ethernet); a dragonfly algorithm on another kind is an error naming the field.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

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

struct FabricPlan {
  workload::FabricConfig config;
  fabric::LinkLayer link_layer = fabric::LinkLayer::infiniband;
  fabric::RoutingChoice routing = fabric::RoutingChoice::dmodk;
  std::int64_t switches = 0;
  std::int64_t links = 0;  // full-duplex links, host links included
  double bisection_bytes_per_s = 0;
  double oversubscription = 1;  // measured on the built topology
};

// Both throw ScenarioError naming the architecture.fabric field, also (before building) when the fabric's shape
// needs more than max_links links (run_limits.hpp).
ScenarioFabric build_scenario_fabric(const ScenarioValues& values, int nodes, int gpus_per_node,
                                     double backend_bytes_per_s, int switch_radix, std::int64_t max_links,
                                     const std::filesystem::path& scenario_dir = {});
FabricPlan plan_fabric(const ScenarioValues& values, int nodes, int gpus_per_node, double backend_bytes_per_s,
                       int switch_radix, std::int64_t max_links, const std::filesystem::path& scenario_dir = {});

}  // namespace clustersim::models::study
