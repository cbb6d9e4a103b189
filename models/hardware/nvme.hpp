// NVMe drive and array: throughput for an I/O size and queue depth, and capacity accounting.
//
// Drive (datasheet figures: sequential bandwidth B_r/B_w at 128 KiB, random IOPS_r/IOPS_w at
// 4 KiB, per-I/O latency L_r/L_w at queue depth 1, capacity, maximum queue depth Q_max):
//   throughput(s)     = min(B, IOPS_4K x s)                          [bytes/s, I/O size s > 0]
//   throughput(s, q)  = min(B, IOPS_4K x s, min(q, Q_max) x s / L)  [Little's law]
// Rule for the first line: the drive completes at most IOPS_4K commands per second for any I/O of
// up to the crossover size s* = B / IOPS_4K (command processing and flash-page reads dominate), so
// small I/Os are IOPS-bound (below 4 KiB a command still costs one 4 KiB slot: bytes/s = IOPS x s)
// and I/Os above s* are bandwidth-bound. E.g. Samsung PM1743 (13 GB/s, 2.5M IOPS read):
// 4 KiB -> min(13e9, 2.5e6 x 4096) = 10.24 GB/s; 128 KiB -> 13 GB/s; s* = 5.2 kB.
// Little's law (Little, Operations Research 1961): with q I/Os outstanding each taking at least
// the QD1 latency L, throughput <= q x s / L. L only grows under load, so this is an upper bound;
// q above Q_max is clamped (extra requests wait in the host queue and add latency, not throughput).
// Reads and writes are independent (full-duplex channels); read/write interference, garbage
// collection and SLC-cache exhaustion are not modelled.
//
// Array of n identical drives (RAID-0 style striping, no redundancy, data spread evenly):
//   bandwidth = n x B, IOPS = n x IOPS_4K, capacity = n x capacity,
//   throughput(s, q) = min(n x B, n x IOPS_4K x s, min(q, n x Q_max) x s / L)
// (q outstanding I/Os spread evenly, q/n per drive). A single I/O smaller than the stripe unit is
// served by one drive; the array-wide figures hold for many concurrent I/Os.
// In a FlowNetwork the array is one read and one write constraint at the sequential bandwidth;
// an I/O-size-s stream crosses it with coefficient bandwidth / throughput(s) >= 1, so small I/Os
// use the channel's time in proportion (channel_coefficient). The Little's-law limit belongs to one
// stream (its queue depth), so it is a per-flow rate bound (FlowSpec::rate_bound_per_s).
// Capacity: see capacity_ledger.hpp (writing past capacity throws CapacityError unless the caller
// asks for LRU cache semantics). Sources: Samsung PM1743 product brief (numbers in data/nvme.json).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/hardware/capacity_ledger.hpp"
#include "sim/time.hpp"

namespace clustersim::models::hardware {

inline constexpr double kIopsIoBytes = 4096.0;  // random IOPS figures are quoted at 4 KiB

enum class IoKind { read, write };

struct NvmeDriveSpec {
  std::string name;
  double capacity_bytes = 0.0;
  double read_bytes_per_s = 0.0;   // sequential (128 KiB)
  double write_bytes_per_s = 0.0;  // sequential (128 KiB)
  double read_ops_per_s = 0.0;     // random 4 KiB
  double write_ops_per_s = 0.0;    // random 4 KiB
  sim::SimTime read_latency;       // per I/O at queue depth 1, > 0
  sim::SimTime write_latency;      // per I/O at queue depth 1, > 0
  std::int64_t queue_depth = 0;    // maximum outstanding I/Os per drive
};

// Throws HardwareSpecError naming the drive and the field.
void validate(const NvmeDriveSpec& drive);

double bandwidth_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind);
double ops_per_s(const NvmeDriveSpec& drive, IoKind kind);
sim::SimTime latency(const NvmeDriveSpec& drive, IoKind kind);
// min(B, IOPS_4K x s). Throws std::invalid_argument when io_bytes is not positive and finite.
double throughput_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind, double io_bytes);
// min(B, IOPS_4K x s, min(q, Q_max) x s / L). Also throws when queue_depth < 1.
double throughput_bytes_per_s(const NvmeDriveSpec& drive, IoKind kind, double io_bytes, std::int64_t queue_depth);

class NvmeArray {
 public:
  // Throws HardwareSpecError for a bad drive or drive_count < 1.
  NvmeArray(std::string name, NvmeDriveSpec drive, std::int64_t drive_count);

  const std::string& name() const { return ledger_.name(); }
  const NvmeDriveSpec& drive() const { return drive_; }
  std::int64_t drive_count() const { return drive_count_; }
  double capacity_bytes() const { return ledger_.capacity_bytes(); }

  double bandwidth_bytes_per_s(IoKind kind) const;  // n x B
  double ops_per_s(IoKind kind) const;              // n x IOPS_4K
  double throughput_bytes_per_s(IoKind kind, double io_bytes) const;
  double throughput_bytes_per_s(IoKind kind, double io_bytes, std::int64_t queue_depth) const;
  // bandwidth / throughput(s): units of the sequential-bandwidth constraint one byte of I/O size s uses.
  double channel_coefficient(IoKind kind, double io_bytes) const;

  // Capacity accounting (capacity_ledger.hpp).
  void write(double bytes) { ledger_.write(bytes); }
  void erase(double bytes) { ledger_.erase(bytes); }
  std::vector<EvictedObject> put(const std::string& key, double bytes, OnFull on_full = OnFull::error) {
    return ledger_.put(key, bytes, on_full);
  }
  double used_bytes() const { return ledger_.used_bytes(); }
  double free_bytes() const { return ledger_.free_bytes(); }
  CapacityLedger& ledger() { return ledger_; }
  const CapacityLedger& ledger() const { return ledger_; }

 private:
  NvmeDriveSpec drive_;
  std::int64_t drive_count_;
  CapacityLedger ledger_;
};

}  // namespace clustersim::models::hardware
