// StepTimeModel: the time of one undisturbed training step, and the traffic it puts on the fabric.
//
// Compute (Kaplan et al. 2020; Narayanan et al. 2021, eq. 3 without recomputation):
//   flops_per_token = 6 P + 12 L h s          (weights + attention; or given directly)
//   compute_s       = flops_per_token x tokens_per_step / (gpus x peak_flops x MFU)
// or a measured step time. MFU is end-to-end for the compute phase: tensor- and pipeline-parallel
// traffic (NVLink, activations) and the pipeline bubble are inside it, not added again.
// Data-parallel gradient synchronisation, a ring all-reduce per model shard (Patarasuk & Yuan 2009):
//   bytes sent per GPU = 2 (dp-1)/dp x G,  G = P x gradient_bytes_per_parameter / (tp x pp)
//   latency            = 2 (dp-1) x alpha,   alpha = 4 hops x hop latency
// GPU (dp, pp stage, tp rank) is global rank ((dp x pp) + stage) x tp + tp_rank, placed on node
// rank / gpus_per_node (TP inside a node, pipeline stages on consecutive nodes). Counting the ring
// edges of every shard gives the share of a node's gradient bytes that leaves the node, its leaf
// and its pod; those shares load the leaf and pod up-links. The collective's time per step is the
// ring all-reduce simulated on the scenario's built fabric (FabricConfig::gradient_exchange_s,
// models/study/gradient_exchange.hpp); without a built fabric (a config made by hand) it is the
// estimate NIC bytes / min(link capacity / share) + latency above. A step that shares links with a
// checkpoint copy stretches the collective by what the node's links lose to the copy (campaign.cpp).
// Exposed communication is the part of the collective not hidden behind compute:
//   exposed_s = (1 - overlap) x comm_s + max(0, overlap x comm_s - compute_s)
// Data stall (streamed input): the next step's tokens are prefetched during the step, so
//   stall_s = max(0, read_s - step_s), read_s = the step's input on shared storage (shared_storage_io.hpp).
// Memory (mixed precision with ZeRO-1, Rajbhandari et al. 2020): per GPU
//   (2 + 2) P / (tp pp) + (bytes_per_parameter - 4) P / (tp pp dp) must fit in HBM.
#pragma once

#include "models/workload/campaign_config.hpp"

namespace clustersim::models::workload {

struct RingTrafficShares {
  double leaves_node = 0;  // share of a node's gradient bytes that cross its NIC (not NVLink)
  double leaves_leaf = 0;  // share of those NIC bytes that cross the leaf's up-links
  double leaves_pod = 0;   // share of those NIC bytes that cross the pod's up-links
};

class StepTimeModel {
 public:
  // Validates the parallelism and the memory fit; throws std::invalid_argument naming the field.
  explicit StepTimeModel(const CampaignConfig& config);

  int total_gpus() const { return total_gpus_; }
  double flops_per_token() const { return flops_per_token_; }
  double compute_s() const { return compute_s_; }
  double tokens_per_step() const { return tokens_per_step_; }

  // Gradient bytes each node puts on its back-end NIC per step, and where they go.
  double gradient_nic_bytes_per_node() const { return gradient_nic_bytes_per_node_; }
  const RingTrafficShares& ring_shares() const { return shares_; }
  double collective_latency_s() const { return collective_latency_s_; }
  // Collective time when the node's gradient traffic moves at `rate` bytes/s.
  double comm_s(double gradient_bytes_per_s) const;
  double exposed_comm_s(double comm_s) const;

  double state_bytes_per_node() const { return state_bytes_per_node_; }  // checkpoint shard
  double state_bytes_per_gpu() const { return state_bytes_per_node_ / gpus_per_node_; }
  double data_bytes_per_node_per_step() const { return data_bytes_per_node_per_step_; }

 private:
  int total_gpus_;
  int gpus_per_node_;
  double tokens_per_step_;
  double flops_per_token_;
  double compute_s_;
  double overlap_;
  double gradient_nic_bytes_per_node_ = 0;
  double collective_latency_s_ = 0;
  RingTrafficShares shares_;
  double state_bytes_per_node_;
  double data_bytes_per_node_per_step_;
};

// Shares of ring traffic by placement; exposed for tests.
RingTrafficShares ring_traffic_shares(int tp, int pp, int dp, int gpus_per_node, int nodes_per_leaf, int nodes_per_pod);

}  // namespace clustersim::models::workload
