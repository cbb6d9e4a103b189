// FailureCause: one independent source of unexpected job interruptions (a GPU fault, an SSD, a
// leaf switch, a software bug), described as plain data. The study layer maps catalog entries
// (data/failures.json, e.g. Llama 3 Table 5) to these structs; this file knows nothing of the catalog.
//
// Rate. `rate_per_component_hour` is failures per component per hour of operation. A cause with
// rate r on P components has a mean time between failures of 1 / (r P) hours; a catalog count N
// observed on C components over H hours gives r = N / (C H) (failure_rates.hpp: rate_from_count).
//
// Population and layout (component_layout). `components_per_node` is one of:
//   - a positive integer k: every node holds k components (8 GPUs, 1 host, 8 NVMe drives);
//     population P = k x nodes, component i sits in node floor(i / k);
//   - 1/k for an integer k >= 2: one component serves k consecutive nodes (a leaf switch above a
//     16-node rack: 1/16; a rack PDU); P = ceil(nodes / k), component i serves nodes
//     [i k, min((i + 1) k, nodes)), so a partly filled last rack has its own component.
// Any other value (1.5, 0.3) is rejected: it has no unambiguous mapping to nodes. A shared
// component is thus its own population (its rate is per switch-hour, not per node-hour), and the
// nodes it serves are its blast radius.
//
// Lifetime distribution. Exponential (constant hazard, memoryless), or Weibull with shape k
// (k < 1 infant mortality, k = 1 exponential, k > 1 wear-out) whose scale is derived so that the
// mean lifetime equals 1 / rate: scale = 1 / (rate x Gamma(1 + 1/k)) (failure_rates.hpp).
//
// Blast radius: what happens to the nodes the failed component serves (its layout above). Every
// cause interrupts the running job (synchronous data/tensor/pipeline parallelism).
//   node                    the nodes stop: GPU memory and host DRAM state are lost; their local
//                           NVMe survives and is readable again after repair (GPU, host, NIC, PSU);
//   node_and_local_storage  as node, and the nodes' local NVMe checkpoint copies are lost for good
//                           (an SSD in the node's striped array);
//   leaf_switch             the nodes are cut off from the fabric until repair: their DRAM and NVMe
//                           contents survive but nobody can read them meanwhile (leaf switch, cable);
//   job                     software (bug, NCCL watchdog): the job restarts, no hardware is lost,
//                           no node leaves the job and host-DRAM state survives (blast_effects).
// Correlated failure domains (failure_domain.hpp gives their sizes; their layout is 1/k with k the
// domain's nodes, so one component is one domain):
//   power_domain            a power domain (racks on one PDU or row) loses power: its nodes stop as
//                           for `node`, their local NVMe survives but is unreachable until repair;
//   pod                     a pod's spine/aggregation layer fails: its nodes are cut off as for
//                           `leaf_switch`;
//   storage_outage          the shared storage is unavailable for `repair_time`; no node is lost and
//                           the job runs on (what it cannot do meanwhile: models/workload);
//   storage_degraded        the shared storage runs at `storage_bandwidth_factor` of its bandwidth
//                           for `repair_time`; no node is lost.
// `repair_time` is the time until the failed component (and the nodes it serves) is back in service.
//
// Validation (validate_causes) throws std::invalid_argument naming the field with its JSON-like
// path, e.g. "failure.causes[2].rate_per_component_hour: must be >= 0, got -1".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace clustersim::models::failure {

// What failed. Descriptive (reports group interruptions by it); behaviour comes from the layout and
// the blast radius.
enum class ComponentKind { gpu, host, cpu, dram, nic, ssd, psu, network_switch, cable, software, other };

std::string_view to_string(ComponentKind kind);  // "gpu", "host", ..., "switch", "cable", "software", "other"
// Inverse of to_string; throws std::invalid_argument listing the accepted names.
ComponentKind parse_component_kind(std::string_view name);

enum class BlastRadius {
  node,
  node_and_local_storage,
  leaf_switch,
  job,
  power_domain,
  pod,
  storage_outage,
  storage_degraded
};

std::string_view to_string(BlastRadius radius);  // "node", "node_and_local_storage", ..., "storage_degraded"
BlastRadius parse_blast_radius(std::string_view name);

// What a blast radius means for the job and the state held on the affected nodes.
struct BlastEffects {
  bool nodes_leave_job = false;           // the affected nodes are out until repaired or replaced
  bool dram_state_lost = false;           // GPU memory and host-DRAM checkpoint copies are gone
  bool local_nvme_lost = false;           // local NVMe checkpoint copies are gone for good
  bool unreachable_until_repair = false;  // surviving DRAM/NVMe contents cannot be read before repair
  bool storage_unavailable = false;       // the shared storage can be neither written nor read until repair
  bool storage_degraded = false;          // the shared storage runs at a share of its bandwidth until repair
};
BlastEffects blast_effects(BlastRadius radius);

struct LifetimeDistribution {
  enum class Kind { exponential, weibull };
  Kind kind = Kind::exponential;
  double weibull_shape = 1.0;  // k > 0; used only when kind == weibull

  static LifetimeDistribution exponential() { return {}; }
  static LifetimeDistribution weibull(double shape) { return {Kind::weibull, shape}; }
};

struct FailureCause {
  std::string name;  // unique within a cause list; also names the cause's random stream
  ComponentKind component = ComponentKind::gpu;
  double rate_per_component_hour = 0;  // >= 0; 0 disables the cause
  double components_per_node = 1;      // integer k >= 1, or 1/k for a component shared by k nodes
  LifetimeDistribution distribution;
  BlastRadius blast_radius = BlastRadius::node;
  sim::SimTime repair_time = sim::SimTime::zero();  // >= 0
  double storage_bandwidth_factor = 1;              // storage_degraded: in (0, 1); every other cause: 1
};

// How a cause's components map onto `nodes` nodes (see the header comment).
struct ComponentLayout {
  std::int64_t population = 0;           // number of components of this cause in the cluster
  std::int64_t components_per_node = 1;  // k when components sit inside nodes, else 1
  std::int64_t nodes_per_component = 1;  // k when one component serves k nodes, else 1
};

// Half-open range [first, first + count) of node indices.
struct NodeRange {
  std::int64_t first = 0;
  std::int64_t count = 0;

  friend bool operator==(const NodeRange&, const NodeRange&) = default;
};

// Throws std::invalid_argument naming `field` (e.g. "failure.causes[3].components_per_node") when
// the value is neither a positive integer nor the reciprocal of an integer, or `nodes` < 1.
ComponentLayout component_layout(double components_per_node, std::int64_t nodes, std::string_view field);
// The nodes served by component `component` (0 <= component < layout.population).
NodeRange nodes_served(const ComponentLayout& layout, std::int64_t nodes, std::int64_t component);

// Checks every field of every cause, and that names are non-empty and unique. `path` prefixes the
// field names in messages: "<path>[i].<field>: <requirement>, got <value>".
void validate_causes(std::span<const FailureCause> causes, std::string_view path = "failure.causes");
// Throws std::invalid_argument "<field>: must be >= 1, got <nodes>" when nodes < 1.
void validate_nodes(std::int64_t nodes, std::string_view field = "nodes");

}  // namespace clustersim::models::failure
