// Collectives (all-reduce, reduce-scatter, all-gather, broadcast, all-to-all) executed as flows on a
// FabricNetwork, flat or hierarchical (NVLink inside a node, the fabric between nodes).
//
// Sizes. S = CollectiveSpec::bytes, n = group size, ranks in group order (rank 0 = broadcast root):
//   all_reduce S per rank in and out; reduce_scatter S in, S/n out; all_gather S/n in, S out;
//   broadcast S at the root; all_to_all S sent per rank, S/n to each rank (its own stays).
// Execution. An algorithm is a sequence of bulk-synchronous steps; a step starts all its messages
// together and ends when the last one is delivered (a ring runs at the pace of its slowest link, as
// a pipelined ring does in steady state). A fabric message pays the route's link latencies plus
// message_overhead (the software alpha); max-min sharing sets its rate. So on a non-blocking fabric
// (every host link carries one message per direction per step) with B the host link bandwidth and
// alpha = route latency + message_overhead, the closed forms are (rounding each step up to 1 ns):
//   ring all_reduce      RS then AG ring: 2(n-1) steps of S/n        2(n-1)/n S/B + 2(n-1) alpha
//   ring reduce_scatter, ring all_gather: n-1 steps of S/n            (n-1)/n S/B + (n-1) alpha
//   ring broadcast       scatter S/n to every rank from the root (one step, n-1 messages sharing the
//                        root's link), then ring all_gather          2(n-1)/n S/B + n alpha
//   ring all_to_all      n-1 steps, step k: rank i -> i+k mod n, S/n  (n-1)(S/(nB) + alpha)
//   direct all_to_all    one step with all n(n-1) messages of S/n     (n-1)/n S/B + alpha
//   tree all_reduce      binomial reduce to rank 0 then binomial broadcast, L = ceil(log2 n) rounds
//                        each; in reduce round j rank r with r mod 2^(j+1) = 2^j sends S to r - 2^j
//                                                                     2L (S/B + alpha)
//   tree broadcast       binomial, L rounds of S                     L (S/B + alpha)
//   tree reduce_scatter  recursive halving (n a power of two): round j = 1..log2 n exchanges S/2^j
//                        with rank i xor n/2^j                        (n-1)/n S/B + log2(n) alpha
//   tree all_gather      recursive doubling (n a power of two): round j = 0..log2 n - 1 exchanges
//                        2^j S/n with rank i xor 2^j                  (n-1)/n S/B + log2(n) alpha
// Hierarchical (nvlink set): g = gpus_per_node consecutive ranks form a node (n = g N). Each GPU has
// an NVLink port of bytes_per_s per direction (B_nv, latency alpha_nv = nvlink.latency + overhead);
// messages inside a node use the two ports, never the fabric. Inter-node traffic of local rank l
// goes from its own fabric host (per_rail: rank l of every node has a NIC on rail l) or from the
// node's first rank's host (per_node: one NIC per node, the other ranks' hosts are not used):
//   all_reduce      intra-node ring reduce_scatter of S; g concurrent inter-node all_reduces of S/g
//                   (one per local rank, the chosen algorithm); intra-node ring all_gather of S.
//                   ring, per_rail, non-blocking: 2[(g-1)/g S/B_nv + (g-1) alpha_nv]
//                                                 + 2(N-1)/N (S/g)/B + 2(N-1) alpha
//                   per_node: the g rings share the node's link: 2(N-1)/N S/B replaces the S/g term.
//   reduce_scatter  intra-node ring reduce_scatter of S, then inter-node reduce_scatter of S/g.
//   all_gather      inter-node all_gather of S/g, then intra-node ring all_gather of S.
//   broadcast       root node scatters S/g over NVLink (one step), inter-node broadcast of S/g per
//                   local rank, intra-node ring all_gather of S.
//   all_to_all      the flat algorithm; messages between ranks of one node go over NVLink.
// Assumptions: no compute time for reductions; no chunk pipelining inside a step; data routed
// GPU -> NIC inside a node in per_node mode does not cross a modelled PCIe/NVLink constraint.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "models/fabric/fabric_network.hpp"
#include "models/fabric/topology.hpp"
#include "sim/task.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

enum class Collective { all_reduce, reduce_scatter, all_gather, broadcast, all_to_all };
enum class CollectiveAlgorithm { ring, tree, direct };  // direct: all_to_all only; tree: not all_to_all
enum class InterNode { per_rail, per_node };

std::string_view to_string(Collective collective);
std::string_view to_string(CollectiveAlgorithm algorithm);

struct NvlinkDomain {
  std::uint32_t gpus_per_node = 0;              // >= 1, divides the group size
  double bytes_per_s = 0.0;                     // per GPU per direction, finite and > 0
  sim::SimTime latency = sim::SimTime::zero();  // per message, >= 0
  InterNode inter_node = InterNode::per_rail;
};

struct CollectiveSpec {
  Collective collective = Collective::all_reduce;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::ring;
  double bytes = 0.0;                  // S, finite and >= 0 (see the header comment)
  std::vector<HostId> group;           // rank order; hosts distinct (per_node: the node leaders distinct)
  std::optional<NvlinkDomain> nvlink;  // set: hierarchical
  sim::SimTime message_overhead = sim::SimTime::zero();  // alpha added to every message
  RoutingChoice routing = RoutingChoice::ecmp;
  std::uint64_t flow_key_salt = 0;  // ECMP key of a message = hash(salt, src host, dst host)
};

// Throws std::invalid_argument naming the field ("collective.group[3]: unknown host 99").
void validate(const CollectiveSpec& spec, const Topology& topology);

// A flow that competes with a collective for its whole duration (greedy unless rate-bounded).
struct CompetingFlow {
  HostId src = 0;
  HostId dst = 0;
  std::optional<double> rate_bytes_per_s;
  RoutingChoice routing = RoutingChoice::ecmp;
  std::uint64_t flow_key = 0;
};

class CollectiveRunner {
 public:
  explicit CollectiveRunner(FabricNetwork& fabric) : fabric_(fabric) {}
  FabricNetwork& fabric() const { return fabric_; }

  // co_await run(spec): validates, then runs the collective from now; see the header comment.
  sim::Task<> run(CollectiveSpec spec);

 private:
  struct Message {
    std::uint32_t from = 0;  // ranks
    std::uint32_t to = 0;
    double bytes = 0.0;
  };
  struct Ports {
    sim::ConstraintId out;
    sim::ConstraintId in;
  };
  using Ranks = std::vector<std::uint32_t>;

  sim::Task<> step(const CollectiveSpec* spec, std::vector<Message> messages);
  sim::Task<> message(const CollectiveSpec* spec, Message m);
  sim::Task<> flat(const CollectiveSpec* spec, Collective collective, CollectiveAlgorithm algorithm, Ranks ranks,
                   double bytes);
  sim::Task<> per_local_rank(const CollectiveSpec* spec, Collective collective, double bytes);
  sim::Task<> per_node(const CollectiveSpec* spec, Collective collective, double bytes);
  HostId fabric_host(const CollectiveSpec& spec, std::uint32_t rank) const;
  Ports& nvlink_ports(const CollectiveSpec& spec, std::uint32_t rank);

  FabricNetwork& fabric_;
  // NVLink ports per GPU, identified by (its node's first host, local rank); looked up only.
  std::map<std::pair<HostId, std::uint32_t>, Ports> nvlink_;
};

// Runs the collective alone (with the competing flows started at the same time) on a fresh engine
// and flow network over `topology`, and returns its duration.
sim::SimTime simulate_collective(const Topology& topology, const CollectiveSpec& spec,
                                 const std::vector<CompetingFlow>& competing = {});

}  // namespace clustersim::models::fabric
