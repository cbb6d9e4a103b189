// StepModel: the time of one iteration of a replica (a forward pass over a continuous batch), on the roofline
// of the replica's GPUs (models/hardware/gpu.hpp; Williams et al., CACM 2009).
//
// A replica is G GPUs of one node running the model tensor-parallel (tp = G): each GPU holds 1/G of the weights
// and of the KV cache and does 1/G of the FLOPs, so the replica behaves as one GPU with G x the peak and G x the
// HBM bandwidth. An iteration processes `tokens` new tokens (one per decoding request plus the prefill chunks),
// with `attention_pairs` (query, context) pairs and `kv_tokens_read` tokens of cached K/V read:
//   flops    = tokens x 2 P + attention_pairs x 4 L h                       (served_model.hpp)
//   bytes    = weight_bytes + (kv_tokens_read + tokens) x kv_bytes_per_token  (weights once per iteration; the
//                                                                               new tokens' K/V are written)
//   compute  = flops / (G x peak(precision) x compute_efficiency)
//   memory   = bytes / (G x HBM bandwidth x memory_efficiency)
//   t        = max(compute, memory)
// So prefill (thousands of tokens per iteration) is compute-bound and small-batch decode is memory-bound; a decode
// iteration at batch 1 takes (weights + context K/V) / (G x HBM x memory_efficiency). The two efficiencies fold in
// what the roofline leaves out (tensor-parallel all-reduces, kernel launch gaps, the scheduler, sampling); they
// are fitted to published serving throughput (calibration.hpp, data/inference/calibration.json).
// KV capacity (HBM tier) = G x (HBM - activation_reserve_bytes_per_gpu) - weight_bytes, in whole blocks of
// block_tokens tokens; a model that leaves no room for one block does not fit and is rejected.
#pragma once

#include <cstdint>

#include "models/hardware/gpu.hpp"
#include "models/inference/served_model.hpp"

namespace clustersim::models::inference {

struct ReplicaSpec {
  hardware::GpuSpec gpu;
  int gpus = 1;                                 // tensor parallel, inside one node
  double activation_reserve_bytes_per_gpu = 0;  // activations, workspace, CUDA graphs: not KV
  int block_tokens = 16;                        // KV block size (the Mooncake traces hash blocks of 512 tokens)
  int max_batch_requests = 256;                 // requests running at once
  std::int64_t token_budget = 8192;             // new tokens per iteration (decode tokens plus prefill chunks)
  double host_dram_kv_bytes = 0;                // the host-DRAM KV tier; 0: none
};

struct StepEfficiency {
  double compute = 1.0;  // share of the dense peak FLOP/s reached, (0, 1]
  double memory = 1.0;   // share of the HBM bandwidth reached, (0, 1]
};

// The work of one iteration, summed over the batch.
struct IterationWork {
  double tokens = 0;
  double attention_pairs = 0;
  double kv_tokens_read = 0;
};

class StepModel {
 public:
  // Throws std::invalid_argument naming the field ("replica.gpus", "efficiency.memory", "model.parameters",
  // "replica: model weights ... do not fit") for a replica that cannot serve the model.
  StepModel(const ServedModel& model, const ReplicaSpec& replica, const StepEfficiency& efficiency);

  const ServedModel& model() const { return model_; }
  const ReplicaSpec& replica() const { return replica_; }
  const StepEfficiency& efficiency() const { return efficiency_; }

  double flops(const IterationWork& work) const;
  double hbm_bytes(const IterationWork& work) const;
  // At the full peak (efficiency 1): what the calibration fit scales.
  double compute_seconds_at_peak(const IterationWork& work) const;
  double memory_seconds_at_peak(const IterationWork& work) const;
  double iteration_seconds(const IterationWork& work) const;

  double kv_bytes_per_block() const { return model_.kv_bytes_per_token() * replica_.block_tokens; }
  std::int64_t hbm_kv_blocks() const { return hbm_kv_blocks_; }
  std::int64_t host_dram_kv_blocks() const { return host_dram_kv_blocks_; }

 private:
  ServedModel model_;
  ReplicaSpec replica_;
  StepEfficiency efficiency_;
  double peak_flops_per_s_;  // all G GPUs
  double hbm_bytes_per_s_;   // all G GPUs
  std::int64_t hbm_kv_blocks_;
  std::int64_t host_dram_kv_blocks_;
};

}  // namespace clustersim::models::inference
