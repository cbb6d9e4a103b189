// Catalog entries for node hardware: GPUs, GPU nodes, NVMe drives, NICs and switches (data/gpus.json,
// nodes.json, nvme.json, nics.json, switches.json). Numbers are in SI base units and names carry the unit
// (bytes, bytes_per_s, flops_per_s, ops_per_s, power_w, price_usd); latencies are SimTime. Every numeric field
// in data/ cites its public source in `sources` (field key -> text). The field tables (one declaration per
// field: key, unit kind, presence, bound, example, doc) are the single definition of each file's format.
//
// Conventions: peak FLOP/s are dense (no 2:4 sparsity). scale_up_bytes_per_s is the GPU's total NVLink /
// Infinity Fabric bandwidth as vendors quote it. A node's pcie_bytes_per_s is per GPU and per direction; a NIC's
// port_bytes_per_s is per port and direction and its host_bytes_per_s (PCIe) caps the sum over its ports.
// An NVMe drive's queue_depth is the number of outstanding I/Os needed to reach its rated random-read IOPS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/catalog/field_table.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

struct GpuSpec {
  std::string name;
  std::string vendor;
  double fp8_flops_per_s = 0;
  double bf16_flops_per_s = 0;
  double fp32_flops_per_s = 0;
  double hbm_bytes = 0;
  double hbm_bytes_per_s = 0;
  double scale_up_bytes_per_s = 0;  // NVLink / Infinity Fabric, per GPU
  double power_w = 0;
  std::string notes;
  Sources sources;
};

struct NodeSpec {
  std::string name;
  std::string gpu;  // a GpuSpec name
  std::int64_t gpu_count = 0;
  double host_dram_bytes = 0;
  double host_dram_bytes_per_s = 0;
  double pcie_bytes_per_s = 0;  // per GPU, per direction
  std::string backend_nic;      // a NicSpec name
  std::int64_t backend_nic_count = 0;
  std::string frontend_nic;  // a NicSpec name; empty when frontend_nic_count == 0 (shares the back end)
  std::int64_t frontend_nic_count = 0;
  std::string nvme;  // an NvmeSpec name; empty when nvme_count == 0
  std::int64_t nvme_count = 0;
  std::int64_t cpu_cores = 0;
  double power_w = 0;
  std::optional<double> price_usd;  // absent when no public price is recorded
  std::string notes;
  Sources sources;
};

struct NvmeSpec {
  std::string name;
  std::string form_factor;
  std::int64_t pcie_gen = 0;
  double capacity_bytes = 0;
  double read_bytes_per_s = 0;
  double write_bytes_per_s = 0;
  double read_ops_per_s = 0;
  double write_ops_per_s = 0;
  sim::SimTime read_latency;
  sim::SimTime write_latency;
  std::int64_t queue_depth = 0;
  std::optional<double> power_w;
  std::string notes;
  Sources sources;
};

struct NicSpec {
  std::string name;
  std::int64_t ports = 0;
  double port_bytes_per_s = 0;  // per port, per direction
  double host_bytes_per_s = 0;  // PCIe, per direction
  std::optional<double> power_w;
  std::string notes;
  Sources sources;

  // Usable bandwidth per direction: min(ports x port rate, host interface).
  double bytes_per_s() const;
};

struct SwitchSpec {
  std::string name;
  std::int64_t ports = 0;
  double port_bytes_per_s = 0;  // per port, per direction
  std::optional<double> power_w;
  std::optional<double> price_usd;
  std::string notes;
  Sources sources;
};

// A fabric link's media, both ends included: a copper cable, or two transceivers and a fiber.
struct LinkMediaSpec {
  std::string name;
  double price_usd = 0;  // per link
  double power_w = 0;    // per link, both ends
  std::string notes;
  Sources sources;
};

const Table<GpuSpec>& gpu_table();
const Table<NodeSpec>& node_table();
const Table<NvmeSpec>& nvme_table();
const Table<NicSpec>& nic_table();
const Table<SwitchSpec>& switch_table();
const Table<LinkMediaSpec>& link_media_table();

}  // namespace clustersim::models::catalog
