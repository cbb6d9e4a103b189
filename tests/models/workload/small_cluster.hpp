// A small campaign whose numbers are easy to work out by hand, shared by the workload tests.
//   4 nodes x 8 GPUs, 1 PFLOP/s per GPU at MFU 0.5, 80 GB HBM, PCIe 10 GB/s per GPU (80 GB/s per
//   node), back-end 50 GB/s per node, no front-end, NVMe 10 GB/s read / 5 GB/s write,
//   shared storage 8 GB/s write and 16 GB/s read, 2 nodes per leaf.
//   Model: 1e9 parameters, 6e9 FLOPs per token, 1e6 tokens per step: compute 6e15 / (32 x 0.5e15)
//   = 0.375 s per step. Checkpoint state 16e9 bytes = 4e9 bytes per node.
#pragma once

#include <map>
#include <numeric>
#include <string>

#include "models/workload/campaign_config.hpp"
#include "models/workload/shared_storage_io.hpp"
#include "models/workload/step_time.hpp"

namespace clustersim::models::workload::testing {

inline CampaignConfig small_cluster() {
  CampaignConfig config;
  config.nodes = 4;
  config.node.name = "test-node";
  config.node.gpus = 8;
  config.node.gpu_peak_flops_per_s = 1e15;
  config.node.gpu_hbm_bytes = 80e9;
  config.node.pcie_bytes_per_s_per_gpu = 10e9;
  config.node.dram_bytes = 2e12;
  config.node.backend_nic_bytes_per_s = 50e9;
  config.node.frontend_nic_bytes_per_s = 0;
  config.node.nvme_read_bytes_per_s = 10e9;
  config.node.nvme_write_bytes_per_s = 5e9;
  config.node.nvme_capacity_bytes = 30e12;
  config.fabric.nodes_per_leaf = 2;
  config.fabric.nodes_per_pod = 4;
  config.storage.name = "test-store";
  config.storage.write_bytes_per_s = 8e9;
  config.storage.read_bytes_per_s = 16e9;
  config.model.parameters = 1e9;
  config.model.flops_per_token = 6e9;
  config.model.tokens_per_step = 1e6;
  config.model.tensor_parallel = 8;
  config.model.pipeline_parallel = 1;
  config.model.data_parallel = 4;
  config.model.mfu = 0.5;
  config.model.token_budget = 1e9;  // 1,000 steps
  config.data.mode = DataMode::staged_to_local_nvme;
  config.data.bytes_per_token = 4;
  return config;
}

// GPU failures (node blast radius, 8 GPUs per node) at `rate_per_gpu_hour`, repaired in `repair_time`.
inline failure::FailureCause gpu_failures(double rate_per_gpu_hour, sim::SimTime repair_time = sim::hours(1)) {
  failure::FailureCause cause;
  cause.name = "gpu";
  cause.component = failure::ComponentKind::gpu;
  cause.rate_per_component_hour = rate_per_gpu_hour;
  cause.components_per_node = 8;
  cause.blast_radius = failure::BlastRadius::node;
  cause.repair_time = repair_time;
  return cause;
}

// The sum of a breakdown's seconds (it must equal the wall time).
// The shared storage of `config` as the campaign models it, at `bandwidth_factor` of its bandwidth.
inline SharedStorageIo io_for(const CampaignConfig& config, const StepTimeModel& steps, double bandwidth_factor = 1.0) {
  return SharedStorageIo(config, steps.state_bytes_per_node(), steps.data_bytes_per_node_per_step(), bandwidth_factor);
}

inline double sum_of(const std::map<std::string, double>& breakdown) {
  return std::accumulate(breakdown.begin(), breakdown.end(), 0.0,
                         [](double total, const auto& entry) { return total + entry.second; });
}

}  // namespace clustersim::models::workload::testing
