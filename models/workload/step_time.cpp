#include "models/workload/step_time.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace clustersim::models::workload {
namespace {

[[noreturn]] void reject(const std::string& field, const std::string& message) {
  throw std::invalid_argument(field + ": " + message);
}

void require_positive(double value, const char* field) {
  if (!(value > 0) || !std::isfinite(value)) reject(field, "must be positive, got " + std::to_string(value));
}

}  // namespace

RingTrafficShares ring_traffic_shares(int tp, int pp, int dp, int gpus_per_node, int nodes_per_leaf,
                                      int nodes_per_pod) {
  RingTrafficShares shares;
  if (dp <= 1) return shares;
  long long edges = 0, inter_node = 0, inter_leaf = 0, inter_pod = 0;
  for (int stage = 0; stage < pp; ++stage) {
    for (int tp_rank = 0; tp_rank < tp; ++tp_rank) {
      for (int d = 0; d < dp; ++d) {
        const long long from = ((static_cast<long long>(d) * pp + stage) * tp + tp_rank) / gpus_per_node;
        const long long to = ((static_cast<long long>((d + 1) % dp) * pp + stage) * tp + tp_rank) / gpus_per_node;
        ++edges;
        if (from == to) continue;
        ++inter_node;
        if (from / nodes_per_leaf != to / nodes_per_leaf) ++inter_leaf;
        if (from / nodes_per_pod != to / nodes_per_pod) ++inter_pod;
      }
    }
  }
  shares.leaves_node = static_cast<double>(inter_node) / static_cast<double>(edges);
  if (inter_node > 0) {
    shares.leaves_leaf = static_cast<double>(inter_leaf) / static_cast<double>(inter_node);
    shares.leaves_pod = static_cast<double>(inter_pod) / static_cast<double>(inter_node);
  }
  return shares;
}

StepTimeModel::StepTimeModel(const CampaignConfig& config) {
  const TrainingModelConfig& model = config.model;
  const NodeConfig& node = config.node;
  if (config.nodes <= 0) reject("architecture.nodes", "must be positive, got " + std::to_string(config.nodes));
  if (node.gpus <= 0) reject("architecture.node.gpus", "must be positive, got " + std::to_string(node.gpus));
  require_positive(model.parameters, "workload.training.parameters");
  require_positive(model.tokens_per_step, "workload.training.tokens_per_step");
  require_positive(node.gpu_peak_flops_per_s, "architecture.node.gpu_flops");
  require_positive(node.gpu_hbm_bytes, "architecture.node.gpu_hbm");
  if (!(model.mfu > 0 && model.mfu <= 1))
    reject("workload.training.mfu", "must be in (0, 1], got " + std::to_string(model.mfu));
  if (!(model.comm_overlap_fraction >= 0 && model.comm_overlap_fraction <= 1)) {
    reject("workload.training.comm_overlap_fraction",
           "must be in [0, 1], got " + std::to_string(model.comm_overlap_fraction));
  }
  if (model.tensor_parallel <= 0 || model.pipeline_parallel <= 0 || model.data_parallel <= 0) {
    reject("workload.training.parallelism", "tp, pp and dp must be positive");
  }
  total_gpus_ = config.nodes * node.gpus;
  gpus_per_node_ = node.gpus;
  const long long ranks = static_cast<long long>(model.tensor_parallel) * model.pipeline_parallel * model.data_parallel;
  if (ranks != total_gpus_) {
    std::ostringstream message;
    message << "tp x pp x dp = " << model.tensor_parallel << " x " << model.pipeline_parallel << " x "
            << model.data_parallel << " = " << ranks << " does not equal the " << total_gpus_ << " GPUs ("
            << config.nodes << " nodes x " << node.gpus << ")";
    reject("workload.training.parallelism", message.str());
  }
  if (node.gpus % model.tensor_parallel != 0 && model.tensor_parallel % node.gpus != 0) {
    reject("workload.training.parallelism.tp", "tensor parallelism " + std::to_string(model.tensor_parallel) +
                                                   " must divide or be a multiple of the " + std::to_string(node.gpus) +
                                                   " GPUs of a node");
  }

  tokens_per_step_ = model.tokens_per_step;
  flops_per_token_ = model.flops_per_token > 0
                         ? model.flops_per_token
                         : 6.0 * model.parameters +
                               12.0 * model.layers * static_cast<double>(model.hidden_size) * model.sequence_length;
  compute_s_ = model.measured_step_time > sim::SimTime::zero()
                   ? model.measured_step_time.to_seconds()
                   : flops_per_token_ * tokens_per_step_ / (total_gpus_ * node.gpu_peak_flops_per_s * model.mfu);
  overlap_ = model.comm_overlap_fraction;

  const double shard = static_cast<double>(model.tensor_parallel) * model.pipeline_parallel;
  const double memory_bytes =
      4.0 * model.parameters / shard +
      std::max(0.0, config.checkpoint.bytes_per_parameter - 4.0) * model.parameters / (shard * model.data_parallel);
  if (memory_bytes > node.gpu_hbm_bytes) {
    std::ostringstream message;
    message << "the model state needs " << memory_bytes / 1e9 << " GB per GPU (ZeRO-1, tp x pp = " << shard
            << "), more than the GPU's " << node.gpu_hbm_bytes / 1e9 << " GB of HBM";
    reject("workload.training.parameters", message.str());
  }

  const int dp = model.data_parallel;
  if (dp > 1) {
    shares_ = ring_traffic_shares(model.tensor_parallel, model.pipeline_parallel, dp, node.gpus,
                                  config.fabric.nodes_per_leaf, config.fabric.nodes_per_pod);
    const double gradient_bytes_per_gpu = model.parameters * model.gradient_bytes_per_parameter / shard;
    const double sent_per_gpu = 2.0 * (dp - 1) / dp * gradient_bytes_per_gpu;
    gradient_nic_bytes_per_node_ = sent_per_gpu * node.gpus * shares_.leaves_node;
    collective_latency_s_ = 2.0 * (dp - 1) * 4.0 * config.fabric.hop_latency.to_seconds();
  }
  state_bytes_per_node_ = model.parameters * config.checkpoint.bytes_per_parameter / config.nodes;
  data_bytes_per_node_per_step_ = tokens_per_step_ * config.data.bytes_per_token / config.nodes;
}

double StepTimeModel::comm_s(double gradient_bytes_per_s) const {
  if (gradient_nic_bytes_per_node_ <= 0) return collective_latency_s_;
  return gradient_nic_bytes_per_node_ / gradient_bytes_per_s + collective_latency_s_;
}

double StepTimeModel::exposed_comm_s(double comm_s) const {
  return (1.0 - overlap_) * comm_s + std::max(0.0, overlap_ * comm_s - compute_s_);
}

}  // namespace clustersim::models::workload
