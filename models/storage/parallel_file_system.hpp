// ParallelFileSystem: metadata servers, storage targets with striping, per-client limits.
//
// Data. T storage targets (Lustre OSTs, a ServerPool), each a read and a write constraint at its
// bandwidth b. A file has a layout of c = min(stripe_count, T) targets (stripe_count 0 = all T),
// allocated round-robin across the targets (Lustre's round-robin allocator when targets are
// balanced; Lustre Operations Manual, "Managing File Layout"). A write of S bytes covers
// k = min(c, ceil(S / stripe_size)) stripes and is split evenly over those k targets
// (coefficient 1/k each), so alone one file reaches k x b and N files share the targets by
// max-min: the aggregate is at most T x b. The path of a write is
//   client.to_storage + [client limit] + attachment.ingress + targets(1/k each) + [media write]
// and a read the mirror image (media read, targets' read constraints, egress, client.from_storage).
// A per-client limit (client_bytes_per_s, per direction: a client's RPC concurrency) is one
// constraint per attached client (attach_client).
// Metadata. metadata_service.hpp: FIFO deterministic service per server.
// write_files(client, N, S, pattern), pipelined: every file's data starts as soon as its own
// metadata operation completes, so with empty queues
//   file_per_process: N creates (round-robin over metadata servers), then each file's S bytes;
//                     time = max(N / (s x create rate), N S / (T b)) up to one file's
//                     create-then-write (fill/drain); many small files are metadata-bound.
//   shared_file:      one create, then N - 1 opens of that file on its one metadata server; N
//                     writers write disjoint S-byte extents of one file of layout c.
// Shared-file lock contention: none by default. Writers are assumed to write stripe-aligned,
// disjoint extents (what MPI-IO collective buffering arranges), for which Lustre's extent locks
// do not conflict. Unaligned N-1 writes can be far slower (Bent et al., "PLFS: a checkpoint
// filesystem for parallel applications", SC'09); a measured slowdown can be given as
// shared_file_efficiency in (0, 1], which multiplies the target coefficients by 1 / efficiency.
// Each file's data also waits io_latency (first-byte latency) before it moves.
// Small I/O. When target_read_iops is set, each target also has a read-operations constraint: a read
// of S bytes over k stripes is max(1, ceil(S / stripe_size)) I/Os, crossing each of its k targets'
// constraint with coefficient ios / (k S), so N reads of S <= stripe_size bytes spread over T targets
// take at least N / (T x iops). read_samples(client, N, S) reads N samples of already open files
// (no metadata operation), each one I/O on one target (round-robin), after io_latency.
// Capacity: when capacity_bytes is set (or a shared ledger is given), write_files accounts N x S
// before moving data; a full system is a CapacityError (the run stops with the process named).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/hardware/path.hpp"
#include "models/storage/attachment.hpp"
#include "models/storage/metadata_service.hpp"
#include "models/storage/storage_parts.hpp"
#include "sim/flow_network.hpp"
#include "sim/task.hpp"

namespace clustersim::models::storage {

enum class WritePattern { file_per_process, shared_file };

struct PfsSpec {
  std::string name;
  MetadataSpec metadata;
  std::int64_t storage_targets = 0;
  double target_read_bytes_per_s = 0.0;   // per target
  double target_write_bytes_per_s = 0.0;  // per target
  std::int64_t stripe_count = 1;          // default layout; 0 = all targets
  double stripe_size_bytes = 1024.0 * 1024.0;
  std::optional<double> client_bytes_per_s;  // per client, per direction
  double shared_file_efficiency = 1.0;       // (0, 1]; 1 = no lock contention
  sim::SimTime io_latency;                   // first-byte latency of each file's data
  std::optional<double> target_read_iops;    // small reads per second per target, if limiting
  std::optional<MediaSpec> media;            // raw media behind the targets, if limiting
  std::optional<double> capacity_bytes;      // usable capacity, if bounded
};

class ParallelFileSystem {
 public:
  // Builds the targets (and media, capacity) from the spec. Throws StorageSpecError naming the field.
  ParallelFileSystem(sim::FlowNetwork& network, PfsSpec spec, StorageAttachment attachment);
  // Uses given parts (unified storage): parts.servers are the targets; spec.storage_targets,
  // target bandwidths, media and capacity_bytes are then ignored and must be left at their defaults.
  ParallelFileSystem(sim::FlowNetwork& network, PfsSpec spec, StorageAttachment attachment, StorageParts parts);

  const std::string& name() const { return spec_.name; }
  const PfsSpec& spec() const { return spec_; }
  std::int64_t target_count() const { return parts_.servers->count(); }
  MetadataService& metadata() { return metadata_; }
  const StorageParts& parts() const { return parts_; }

  // A client with its per-client limit (if any) added to both of its paths.
  StorageClient attach_client(std::string name, hardware::Path to_storage, hardware::Path from_storage);

  // Layout width for a stripe_count request (0 = the spec's default).
  std::int64_t layout_width(std::int64_t stripe_count = 0) const;

  // co_await write_files(...): see the header comment. stripe_count 0 = the spec's default.
  // Throws std::invalid_argument for count < 0, bad sizes or stripe counts (naming the value).
  sim::Task<> write_files(StorageClient client, std::int64_t count, double bytes_each, WritePattern pattern,
                          std::int64_t stripe_count = 0);
  // Reads N files (file_per_process: N opens; shared_file: N opens of one file), each file laid
  // out round-robin continuing from the previous read (from target 0 on the first read), so many
  // clients' reads spread over all targets as their writes did; data starts when its open completes.
  sim::Task<> read_files(StorageClient client, std::int64_t count, double bytes_each, WritePattern pattern,
                         std::int64_t stripe_count = 0);

  // Reads `count` samples of `bytes_each` from already open files at once: see the header comment.
  sim::Task<> read_samples(StorageClient client, std::int64_t count, double bytes_each);

  // Frees `bytes` of capacity (deleted files), when capacity is accounted; std::invalid_argument
  // when more than was written.
  void remove(double bytes);

  std::uint64_t files_written() const { return files_written_; }

 private:
  struct Extent {
    std::int64_t file_first_target;  // the file's layout: targets file_first_target + j (mod T), j < width
    std::int64_t width;
    std::int64_t first_stripe;  // the extent's stripes: layout positions first_stripe + i (mod width), i < k
    std::int64_t stripes;       // k
  };
  hardware::Path write_path(const StorageClient& client, Extent extent, double efficiency) const;
  hardware::Path read_path(const StorageClient& client, Extent extent, double bytes) const;
  Extent extent(std::int64_t file_first_target, std::int64_t width, double offset, double bytes) const;
  void check_request(const char* what, std::int64_t count, double bytes_each, std::int64_t stripe_count) const;
  sim::Task<> move_after(hardware::Path path, double bytes, sim::SimTime start, std::string name);

  sim::FlowNetwork& network_;
  PfsSpec spec_;
  StorageAttachment attachment_;
  StorageParts parts_;
  MetadataService metadata_;
  std::vector<sim::ConstraintId> read_iops_;  // per target, when target_read_iops is set
  std::int64_t next_target_ = 0;
  std::int64_t next_read_target_ = 0;
  std::uint64_t files_written_ = 0;
};

}  // namespace clustersim::models::storage
