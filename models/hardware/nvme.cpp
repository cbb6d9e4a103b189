#include "models/hardware/nvme.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "models/hardware/spec_error.hpp"

namespace clustersim::models::hardware {

namespace {

void check_io(double io_bytes) {
  if (!std::isfinite(io_bytes) || io_bytes <= 0.0) {
    std::ostringstream message;
    message << "NVMe throughput: io_bytes must be positive and finite, got " << io_bytes;
    throw std::invalid_argument(message.str());
  }
}

void check_queue_depth(std::int64_t queue_depth) {
  if (queue_depth < 1) {
    throw std::invalid_argument("NVMe throughput: queue_depth must be at least 1, got " + std::to_string(queue_depth));
  }
}

}  // namespace

void validate(const NvmeDriveSpec& drive) {
  const std::string owner = "NVMe drive '" + drive.name + "'";
  require_positive(owner, "capacity_bytes", drive.capacity_bytes);
  require_positive(owner, "read_bytes_per_s", drive.read_bytes_per_s);
  require_positive(owner, "write_bytes_per_s", drive.write_bytes_per_s);
  require_positive(owner, "read_ops_per_s", drive.read_ops_per_s);
  require_positive(owner, "write_ops_per_s", drive.write_ops_per_s);
  require_positive(owner, "read_latency (ns)", drive.read_latency.ns());
  require_positive(owner, "write_latency (ns)", drive.write_latency.ns());
  require_positive(owner, "queue_depth", drive.queue_depth);
}

double bandwidth_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind) {
  return kind == IoKind::read ? drive.read_bytes_per_s : drive.write_bytes_per_s;
}

double ops_per_s(const NvmeDriveSpec& drive, IoKind kind) {
  return kind == IoKind::read ? drive.read_ops_per_s : drive.write_ops_per_s;
}

sim::SimTime latency(const NvmeDriveSpec& drive, IoKind kind) {
  return kind == IoKind::read ? drive.read_latency : drive.write_latency;
}

double throughput_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind, double io_bytes) {
  check_io(io_bytes);
  return std::min(bandwidth_bytes_per_s(drive, kind), ops_per_s(drive, kind) * io_bytes);
}

double throughput_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind, double io_bytes, std::int64_t queue_depth) {
  check_queue_depth(queue_depth);
  const double outstanding = static_cast<double>(std::min(queue_depth, drive.queue_depth));
  const double little = outstanding * io_bytes / latency(drive, kind).to_seconds();
  return std::min(throughput_bytes_per_s(drive, kind, io_bytes), little);
}

NvmeArray::NvmeArray(std::string name, NvmeDriveSpec drive, std::int64_t drive_count)
    : drive_((validate(drive), std::move(drive))),
      drive_count_(drive_count),
      ledger_(std::move(name), drive_.capacity_bytes * static_cast<double>(std::max<std::int64_t>(drive_count, 0))) {
  require_positive("NVMe array '" + ledger_.name() + "'", "drive_count", drive_count);
}

double NvmeArray::bandwidth_bytes_per_s(IoKind kind) const {
  return static_cast<double>(drive_count_) * hardware::bandwidth_bytes_per_s(drive_, kind);
}

double NvmeArray::ops_per_s(IoKind kind) const {
  return static_cast<double>(drive_count_) * hardware::ops_per_s(drive_, kind);
}

double NvmeArray::throughput_bytes_per_s(IoKind kind, double io_bytes) const {
  return static_cast<double>(drive_count_) * hardware::throughput_bytes_per_s(drive_, kind, io_bytes);
}

double NvmeArray::throughput_bytes_per_s(IoKind kind, double io_bytes, std::int64_t queue_depth) const {
  check_queue_depth(queue_depth);
  const double outstanding = static_cast<double>(std::min(queue_depth, drive_count_ * drive_.queue_depth));
  const double little = outstanding * io_bytes / latency(drive_, kind).to_seconds();
  return std::min(throughput_bytes_per_s(kind, io_bytes), little);
}

double NvmeArray::channel_coefficient(IoKind kind, double io_bytes) const {
  return bandwidth_bytes_per_s(kind) / throughput_bytes_per_s(kind, io_bytes);
}

}  // namespace clustersim::models::hardware
