// GpuNode: one GPU server's byte-carrying paths as FlowNetwork constraints, and named routes.
//
// Constraints (capacity in bytes/s, per direction unless noted), created in the caller's network so
// every transfer on the node (checkpoint copies, data loads, gradients) shares them by max-min:
//   gpu<g>.pcie_out / pcie_in     PCIe link of GPU g, device->host and host->device   (per GPU)
//   gpu<g>.nvlink_out / nvlink_in NVLink of GPU g, per direction (only when NVLink > 0)
//   dram                          host memory bandwidth, reads and writes together
//   backend<i>.tx / rx            back-end (RDMA training fabric) NIC i
//   frontend<i>.tx / rx           front-end (storage/management) NIC i; absent = use the back end
//   nvme.read / nvme.write        the local NVMe array at its sequential bandwidth (nvme.hpp)
// Routes (Path = list of (constraint, coefficient), path.hpp):
//   gpu_to_host(g)        pcie_out[g] + dram                 gpu_to_host()  all GPUs, 1/n of the bytes each
//   host_to_gpu(g|all)    dram + pcie_in                     gpu_to_gpu(a,b) nvlink_out[a] + nvlink_in[b]
//   host_to_nvme(s)       dram + nvme.write x c_w(s)         nvme_to_host(s) nvme.read x c_r(s) + dram
//   nvme_to_gpu(s)        nvme.read x c_r(s) + dram + pcie_in (all GPUs)   gpu_to_nvme(s) the reverse
//   backend_tx/rx()       even striping over the back-end NICs (1/n each); frontend_tx/rx() likewise
//   host_to_backend() / backend_to_host()    dram + back-end NICs (RDMA from host memory)
//   gpu_to_backend(g|all) / backend_to_gpu   pcie + back-end NICs (GPUDirect RDMA, no DRAM);
//                                            GPU g uses NIC floor(g x nics / gpus) (rail-aligned)
//   host_to_frontend() / frontend_to_host()  dram + front-end NICs
//   nvme_to_frontend(s) / frontend_to_nvme(s) nvme + dram x 2 + front-end NICs
// Assumptions: data between NVMe and a NIC or a GPU bounces through host DRAM (written once and read
// once: coefficient 2 on dram for NVMe<->NIC); GPUDirect Storage is not modelled. c(s) =
// array bandwidth / throughput at I/O size s (>= 1, default s = 128 KiB gives 1 for datasheet
// drives). PCIe switches between GPUs, NICs and drives are not bottlenecks of their own; the CPU
// root complex is taken as non-blocking. A GPU->host copy of S bytes over all n GPUs alone takes
// S / (n x PCIe) when DRAM >= n x PCIe. Source of the numbers: data/nodes.json (DGX H100 guide).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/hardware/capacity_ledger.hpp"
#include "models/hardware/gpu.hpp"
#include "models/hardware/nvme.hpp"
#include "models/hardware/path.hpp"
#include "sim/flow_network.hpp"

namespace clustersim::models::hardware {

inline constexpr double kSequentialIoBytes = 128.0 * 1024.0;

struct NodeSpec {
  std::string name;
  GpuSpec gpu;
  std::int64_t gpu_count = 0;
  double pcie_bytes_per_s = 0.0;  // per GPU, per direction
  double host_dram_bytes = 0.0;
  double host_dram_bytes_per_s = 0.0;
  std::int64_t backend_nic_count = 0;
  double backend_nic_bytes_per_s = 0.0;  // per NIC, per direction
  std::int64_t frontend_nic_count = 0;   // 0 = storage traffic shares the back-end NICs
  double frontend_nic_bytes_per_s = 0.0;
  std::int64_t nvme_count = 0;  // 0 = no local NVMe
  NvmeDriveSpec nvme;
  std::int64_t cpu_cores = 0;
};

// Throws HardwareSpecError naming the node and the field (a rate given for an absent part included).
void validate(const NodeSpec& node);

class GpuNode {
 public:
  // Adds the node's constraints to `network`, which must outlive the node.
  GpuNode(sim::FlowNetwork& network, NodeSpec spec);

  const NodeSpec& spec() const { return spec_; }
  const std::string& name() const { return spec_.name; }
  sim::FlowNetwork& network() const { return network_; }
  std::int64_t gpu_count() const { return spec_.gpu_count; }
  std::int64_t cpu_cores() const { return spec_.cpu_cores; }
  bool has_frontend() const { return !frontend_tx_.empty(); }
  bool has_nvme() const { return nvme_ != nullptr; }

  // Routes. Bad GPU indexes, a missing NVLink, NVMe or NIC throw std::invalid_argument naming the node.
  Path gpu_to_host(std::int64_t gpu) const;
  Path gpu_to_host() const;
  Path host_to_gpu(std::int64_t gpu) const;
  Path host_to_gpu() const;
  Path gpu_to_gpu(std::int64_t from, std::int64_t to) const;
  Path host_to_nvme(double io_bytes = kSequentialIoBytes) const;
  Path nvme_to_host(double io_bytes = kSequentialIoBytes) const;
  Path nvme_to_gpu(double io_bytes = kSequentialIoBytes) const;
  Path gpu_to_nvme(double io_bytes = kSequentialIoBytes) const;
  Path backend_tx() const;
  Path backend_rx() const;
  Path frontend_tx() const;  // the back end when there is no front end
  Path frontend_rx() const;
  Path host_to_backend() const;
  Path backend_to_host() const;
  Path gpu_to_backend(std::int64_t gpu) const;
  Path gpu_to_backend() const;
  Path backend_to_gpu(std::int64_t gpu) const;
  Path backend_to_gpu() const;
  Path host_to_frontend() const;
  Path frontend_to_host() const;
  Path nvme_to_frontend(double io_bytes = kSequentialIoBytes) const;
  Path frontend_to_nvme(double io_bytes = kSequentialIoBytes) const;

  // Constraints, for reports and fault injection (set_capacity 0 = failed part).
  sim::ConstraintId pcie_out(std::int64_t gpu) const;
  sim::ConstraintId pcie_in(std::int64_t gpu) const;
  sim::ConstraintId dram() const { return dram_; }
  const std::vector<sim::ConstraintId>& backend_nic_tx() const { return backend_tx_; }
  const std::vector<sim::ConstraintId>& backend_nic_rx() const { return backend_rx_; }
  const std::vector<sim::ConstraintId>& frontend_nic_tx() const { return frontend_tx_; }
  const std::vector<sim::ConstraintId>& frontend_nic_rx() const { return frontend_rx_; }
  sim::ConstraintId nvme_read() const;
  sim::ConstraintId nvme_write() const;

  // Capacity accounting of host DRAM and of the NVMe array (std::invalid_argument when absent).
  CapacityLedger& host_memory() { return host_memory_; }
  NvmeArray& nvme();
  const NvmeArray& nvme() const;

 private:
  std::size_t gpu_index(std::int64_t gpu, const char* route) const;
  std::size_t nic_of(std::size_t gpu) const;
  const NvmeArray& checked_nvme(const char* route) const;
  const std::vector<sim::ConstraintId>& storage_tx(const char* route) const;
  const std::vector<sim::ConstraintId>& storage_rx(const char* route) const;
  const std::vector<sim::ConstraintId>& checked_backend(const std::vector<sim::ConstraintId>& nics,
                                                        const char* route) const;

  sim::FlowNetwork& network_;
  NodeSpec spec_;
  std::vector<sim::ConstraintId> pcie_out_;
  std::vector<sim::ConstraintId> pcie_in_;
  std::vector<sim::ConstraintId> nvlink_out_;
  std::vector<sim::ConstraintId> nvlink_in_;
  sim::ConstraintId dram_;
  std::vector<sim::ConstraintId> backend_tx_;
  std::vector<sim::ConstraintId> backend_rx_;
  std::vector<sim::ConstraintId> frontend_tx_;
  std::vector<sim::ConstraintId> frontend_rx_;
  sim::ConstraintId nvme_read_;
  sim::ConstraintId nvme_write_;
  std::unique_ptr<NvmeArray> nvme_;
  CapacityLedger host_memory_;
};

}  // namespace clustersim::models::hardware
