#include "models/hardware/gpu_node.hpp"

#include <stdexcept>

#include "models/hardware/spec_error.hpp"

namespace clustersim::models::hardware {

namespace {

const NodeSpec& validated(const NodeSpec& spec) {
  validate(spec);
  return spec;
}

Path single(sim::ConstraintId id, double coefficient = 1.0) {
  return Path{sim::FlowUse{id, coefficient}};
}

}  // namespace

void validate(const NodeSpec& node) {
  const std::string owner = "node '" + node.name + "'";
  require_positive(owner, "gpu_count", node.gpu_count);
  validate(node.gpu, owner);
  require_positive(owner, "pcie_bytes_per_s", node.pcie_bytes_per_s);
  require_positive(owner, "host_dram_bytes", node.host_dram_bytes);
  require_positive(owner, "host_dram_bytes_per_s", node.host_dram_bytes_per_s);
  require_non_negative(owner, "backend_nic_count", node.backend_nic_count);
  require_non_negative(owner, "frontend_nic_count", node.frontend_nic_count);
  require_non_negative(owner, "nvme_count", node.nvme_count);
  require_positive(owner, "cpu_cores", node.cpu_cores);
  if (node.backend_nic_count > 0) {
    require_positive(owner, "backend_nic_bytes_per_s", node.backend_nic_bytes_per_s);
  } else if (node.backend_nic_bytes_per_s != 0.0) {
    throw HardwareSpecError(owner + ": backend_nic_bytes_per_s is set but backend_nic_count is 0");
  }
  if (node.frontend_nic_count > 0) {
    require_positive(owner, "frontend_nic_bytes_per_s", node.frontend_nic_bytes_per_s);
  } else if (node.frontend_nic_bytes_per_s != 0.0) {
    throw HardwareSpecError(owner + ": frontend_nic_bytes_per_s is set but frontend_nic_count is 0");
  }
  if (node.nvme_count > 0) {
    validate(node.nvme);
  } else if (node.nvme.capacity_bytes != 0.0 || !node.nvme.name.empty()) {
    throw HardwareSpecError(owner + ": an nvme drive ('" + node.nvme.name + "') is given but nvme_count is 0");
  }
}

GpuNode::GpuNode(sim::FlowNetwork& network, NodeSpec spec)
    : network_(network), spec_(validated(spec)), host_memory_(spec_.name + ".dram", spec_.host_dram_bytes) {
  const std::string& node = spec_.name;
  for (std::int64_t g = 0; g < spec_.gpu_count; ++g) {
    const std::string gpu = node + ".gpu" + std::to_string(g);
    pcie_out_.push_back(network_.add_constraint(gpu + ".pcie_out", spec_.pcie_bytes_per_s));
    pcie_in_.push_back(network_.add_constraint(gpu + ".pcie_in", spec_.pcie_bytes_per_s));
    if (spec_.gpu.nvlink_bytes_per_s > 0.0) {
      nvlink_out_.push_back(network_.add_constraint(gpu + ".nvlink_out", spec_.gpu.nvlink_bytes_per_s));
      nvlink_in_.push_back(network_.add_constraint(gpu + ".nvlink_in", spec_.gpu.nvlink_bytes_per_s));
    }
  }
  dram_ = network_.add_constraint(node + ".dram", spec_.host_dram_bytes_per_s);
  for (std::int64_t i = 0; i < spec_.backend_nic_count; ++i) {
    const std::string nic = node + ".backend" + std::to_string(i);
    backend_tx_.push_back(network_.add_constraint(nic + ".tx", spec_.backend_nic_bytes_per_s));
    backend_rx_.push_back(network_.add_constraint(nic + ".rx", spec_.backend_nic_bytes_per_s));
  }
  for (std::int64_t i = 0; i < spec_.frontend_nic_count; ++i) {
    const std::string nic = node + ".frontend" + std::to_string(i);
    frontend_tx_.push_back(network_.add_constraint(nic + ".tx", spec_.frontend_nic_bytes_per_s));
    frontend_rx_.push_back(network_.add_constraint(nic + ".rx", spec_.frontend_nic_bytes_per_s));
  }
  if (spec_.nvme_count > 0) {
    nvme_ = std::make_unique<NvmeArray>(node + ".nvme", spec_.nvme, spec_.nvme_count);
    nvme_read_ = network_.add_constraint(node + ".nvme.read", nvme_->bandwidth_bytes_per_s(IoKind::read));
    nvme_write_ = network_.add_constraint(node + ".nvme.write", nvme_->bandwidth_bytes_per_s(IoKind::write));
  }
}

std::size_t GpuNode::gpu_index(std::int64_t gpu, const char* route) const {
  if (gpu < 0 || gpu >= spec_.gpu_count) {
    throw std::invalid_argument("node '" + spec_.name + "': " + route + ": GPU index " + std::to_string(gpu) +
                                " out of range [0, " + std::to_string(spec_.gpu_count) + ")");
  }
  return static_cast<std::size_t>(gpu);
}

std::size_t GpuNode::nic_of(std::size_t gpu) const {
  return gpu * backend_tx_.size() / static_cast<std::size_t>(spec_.gpu_count);
}

const NvmeArray& GpuNode::checked_nvme(const char* route) const {
  if (!nvme_) throw std::invalid_argument("node '" + spec_.name + "': " + route + ": the node has no NVMe");
  return *nvme_;
}

const std::vector<sim::ConstraintId>& GpuNode::checked_backend(const std::vector<sim::ConstraintId>& nics,
                                                               const char* route) const {
  if (nics.empty()) throw std::invalid_argument("node '" + spec_.name + "': " + route + ": the node has no NICs");
  return nics;
}

const std::vector<sim::ConstraintId>& GpuNode::storage_tx(const char* route) const {
  return checked_backend(frontend_tx_.empty() ? backend_tx_ : frontend_tx_, route);
}

const std::vector<sim::ConstraintId>& GpuNode::storage_rx(const char* route) const {
  return checked_backend(frontend_rx_.empty() ? backend_rx_ : frontend_rx_, route);
}

Path GpuNode::gpu_to_host(std::int64_t gpu) const {
  return join({single(pcie_out_[gpu_index(gpu, "gpu_to_host")]), single(dram_)});
}

Path GpuNode::gpu_to_host() const {
  return join({striped(pcie_out_), single(dram_)});
}

Path GpuNode::host_to_gpu(std::int64_t gpu) const {
  return join({single(dram_), single(pcie_in_[gpu_index(gpu, "host_to_gpu")])});
}

Path GpuNode::host_to_gpu() const {
  return join({single(dram_), striped(pcie_in_)});
}

Path GpuNode::gpu_to_gpu(std::int64_t from, std::int64_t to) const {
  const std::size_t a = gpu_index(from, "gpu_to_gpu");
  const std::size_t b = gpu_index(to, "gpu_to_gpu");
  if (a == b)
    throw std::invalid_argument("node '" + spec_.name + "': gpu_to_gpu: source and destination are both GPU " +
                                std::to_string(from));
  if (nvlink_out_.empty())
    throw std::invalid_argument("node '" + spec_.name + "': gpu_to_gpu: the GPUs have no NVLink");
  return join({single(nvlink_out_[a]), single(nvlink_in_[b])});
}

Path GpuNode::host_to_nvme(double io_bytes) const {
  const NvmeArray& array = checked_nvme("host_to_nvme");
  return join({single(dram_), single(nvme_write_, array.channel_coefficient(IoKind::write, io_bytes))});
}

Path GpuNode::nvme_to_host(double io_bytes) const {
  const NvmeArray& array = checked_nvme("nvme_to_host");
  return join({single(nvme_read_, array.channel_coefficient(IoKind::read, io_bytes)), single(dram_)});
}

Path GpuNode::nvme_to_gpu(double io_bytes) const {
  return join({nvme_to_host(io_bytes), striped(pcie_in_)});
}

Path GpuNode::gpu_to_nvme(double io_bytes) const {
  return join({striped(pcie_out_), host_to_nvme(io_bytes)});
}

Path GpuNode::backend_tx() const {
  return striped(checked_backend(backend_tx_, "backend_tx"));
}

Path GpuNode::backend_rx() const {
  return striped(checked_backend(backend_rx_, "backend_rx"));
}

Path GpuNode::frontend_tx() const {
  return striped(storage_tx("frontend_tx"));
}

Path GpuNode::frontend_rx() const {
  return striped(storage_rx("frontend_rx"));
}

Path GpuNode::host_to_backend() const {
  return join({single(dram_), backend_tx()});
}

Path GpuNode::backend_to_host() const {
  return join({backend_rx(), single(dram_)});
}

Path GpuNode::gpu_to_backend(std::int64_t gpu) const {
  const std::size_t g = gpu_index(gpu, "gpu_to_backend");
  checked_backend(backend_tx_, "gpu_to_backend");
  return join({single(pcie_out_[g]), single(backend_tx_[nic_of(g)])});
}

Path GpuNode::gpu_to_backend() const {
  return join({striped(pcie_out_), backend_tx()});
}

Path GpuNode::backend_to_gpu(std::int64_t gpu) const {
  const std::size_t g = gpu_index(gpu, "backend_to_gpu");
  checked_backend(backend_rx_, "backend_to_gpu");
  return join({single(backend_rx_[nic_of(g)]), single(pcie_in_[g])});
}

Path GpuNode::backend_to_gpu() const {
  return join({backend_rx(), striped(pcie_in_)});
}

Path GpuNode::host_to_frontend() const {
  return join({single(dram_), frontend_tx()});
}

Path GpuNode::frontend_to_host() const {
  return join({frontend_rx(), single(dram_)});
}

Path GpuNode::nvme_to_frontend(double io_bytes) const {
  const NvmeArray& array = checked_nvme("nvme_to_frontend");
  return join(
      {single(nvme_read_, array.channel_coefficient(IoKind::read, io_bytes)), single(dram_, 2.0), frontend_tx()});
}

Path GpuNode::frontend_to_nvme(double io_bytes) const {
  const NvmeArray& array = checked_nvme("frontend_to_nvme");
  return join(
      {frontend_rx(), single(dram_, 2.0), single(nvme_write_, array.channel_coefficient(IoKind::write, io_bytes))});
}

sim::ConstraintId GpuNode::pcie_out(std::int64_t gpu) const {
  return pcie_out_[gpu_index(gpu, "pcie_out")];
}

sim::ConstraintId GpuNode::pcie_in(std::int64_t gpu) const {
  return pcie_in_[gpu_index(gpu, "pcie_in")];
}

sim::ConstraintId GpuNode::nvme_read() const {
  checked_nvme("nvme_read");
  return nvme_read_;
}

sim::ConstraintId GpuNode::nvme_write() const {
  checked_nvme("nvme_write");
  return nvme_write_;
}

NvmeArray& GpuNode::nvme() {
  checked_nvme("nvme");
  return *nvme_;
}

const NvmeArray& GpuNode::nvme() const {
  return checked_nvme("nvme");
}

}  // namespace clustersim::models::hardware
