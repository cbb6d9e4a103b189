#include "models/inference/step_model.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/units.hpp"

namespace clustersim::models::inference {

namespace {

void require(bool ok, const std::string& field, const std::string& expected, double value) {
  if (ok) return;
  std::ostringstream message;
  message << field << ": " << expected << ", got " << value;
  throw std::invalid_argument(message.str());
}

void validate(const ReplicaSpec& replica, const StepEfficiency& efficiency) {
  require(replica.gpus >= 1, "replica.gpus", "must be at least 1", replica.gpus);
  require(std::isfinite(replica.activation_reserve_bytes_per_gpu) && replica.activation_reserve_bytes_per_gpu >= 0,
          "replica.activation_reserve_bytes_per_gpu", "must be non-negative", replica.activation_reserve_bytes_per_gpu);
  require(replica.block_tokens >= 1, "replica.block_tokens", "must be at least 1", replica.block_tokens);
  require(replica.max_batch_requests >= 1, "replica.max_batch_requests", "must be at least 1",
          replica.max_batch_requests);
  require(replica.token_budget >= replica.max_batch_requests, "replica.token_budget",
          "must be at least max_batch_requests (every running request decodes each iteration)",
          static_cast<double>(replica.token_budget));
  require(std::isfinite(replica.host_dram_kv_bytes) && replica.host_dram_kv_bytes >= 0, "replica.host_dram_kv_bytes",
          "must be non-negative", replica.host_dram_kv_bytes);
  require(replica.gpu.hbm_bytes > 0 && replica.gpu.hbm_bytes_per_s > 0, "replica.gpu",
          "needs positive hbm_bytes and hbm_bytes_per_s", replica.gpu.hbm_bytes_per_s);
  require(std::isfinite(efficiency.compute) && efficiency.compute > 0 && efficiency.compute <= 1, "efficiency.compute",
          "must be in (0, 1]", efficiency.compute);
  require(std::isfinite(efficiency.memory) && efficiency.memory > 0 && efficiency.memory <= 1, "efficiency.memory",
          "must be in (0, 1]", efficiency.memory);
}

}  // namespace

StepModel::StepModel(const ServedModel& model, const ReplicaSpec& replica, const StepEfficiency& efficiency)
    : model_(model), replica_(replica), efficiency_(efficiency) {
  inference::validate(model_);
  validate(replica_, efficiency_);
  peak_flops_per_s_ = replica_.gpus * hardware::peak_flops_per_s(replica_.gpu, model_.compute_precision());
  hbm_bytes_per_s_ = replica_.gpus * replica_.gpu.hbm_bytes_per_s;
  const double kv_bytes =
      replica_.gpus * (replica_.gpu.hbm_bytes - replica_.activation_reserve_bytes_per_gpu) - model_.weight_bytes();
  hbm_kv_blocks_ = static_cast<std::int64_t>(std::floor(std::max(0.0, kv_bytes) / kv_bytes_per_block()));
  if (hbm_kv_blocks_ < 1) {
    throw std::invalid_argument("replica: model weights (" + sim::format_bytes(model_.weight_bytes()) +
                                ") and activation reserve do not fit in the HBM of " + std::to_string(replica_.gpus) +
                                " x " + replica_.gpu.name + " (" +
                                sim::format_bytes(replica_.gpus * replica_.gpu.hbm_bytes) +
                                ") with room for one KV block");
  }
  host_dram_kv_blocks_ = static_cast<std::int64_t>(std::floor(replica_.host_dram_kv_bytes / kv_bytes_per_block()));
}

double StepModel::flops(const IterationWork& work) const {
  return work.tokens * model_.linear_flops_per_token() + work.attention_pairs * model_.attention_flops_per_pair();
}

double StepModel::hbm_bytes(const IterationWork& work) const {
  return model_.weight_bytes() + (work.kv_tokens_read + work.tokens) * model_.kv_bytes_per_token();
}

double StepModel::compute_seconds_at_peak(const IterationWork& work) const {
  return flops(work) / peak_flops_per_s_;
}

double StepModel::memory_seconds_at_peak(const IterationWork& work) const {
  return hbm_bytes(work) / hbm_bytes_per_s_;
}

double StepModel::iteration_seconds(const IterationWork& work) const {
  return std::max(compute_seconds_at_peak(work) / efficiency_.compute,
                  memory_seconds_at_peak(work) / efficiency_.memory);
}

}  // namespace clustersim::models::inference
