// Bulk I/O: how long one storage operation takes when every participating node does it at once, timed
// on the storage system's own model (parallel_file_system.hpp, object_store.hpp, unified_storage.hpp).
//
// An operation: `nodes` nodes each move `files_per_node` files of `bytes_per_file` in one direction,
// each node through its own client path of `client_bytes_per_s` per direction (its storage NIC).
//   files    checkpoint shards and dataset chunks. PFS and unified storage (file access): each file is
//            created (write) or opened (read) on the metadata servers, then moved over its stripes
//            (write_files / read_files, file_per_process). Object store: one object per file, PUT or
//            GET in multipart parts; object i of the operation goes to prefix i mod `prefixes`.
//   samples  random reads of input data whose files are already open: each file is one small I/O
//            (PFS/unified: one target and its IOPS, read_samples; object store: one GET against its
//            prefix's GET limit). A node keeps at most `in_flight_per_node` reads outstanding (its data
//            loader), so with latency L it reads at most in_flight / L samples per second (Little's law).
// The system runs in a private engine and flow network (no attachment: the nodes' paths to it are the
// client paths; capacity is not accounted here).
//
// Scale model. Simulating N nodes of f files (q requests each) costs N f q flows. The layer simulates
// n = N / r nodes against the same system with every shared capacity divided by r: target, server,
// gateway and media bandwidths, metadata rates per server, IOPS per target, prefix and account request
// rates. Per-node figures are unchanged: client path, per-client limit, latencies, parts in flight.
// Every fluid bound is then unchanged (s metadata servers at m ops/s, T targets at b, i IOPS each,
// P prefixes at R requests/s, G gateways at g, client c, k requests in flight, latency L):
//   metadata  N f / (s m)       = (N/r) f / (s m/r)        bandwidth  N f S / (T b) = (N/r) f S / (T b/r)
//   IOPS      N f / (T i)       prefixes  N f q / (P R)    gateways   N f S / (G g)
//   client    f S / c (per node)                           latency    ceil(f q / k) L (per node)
// Only the discreteness changes (files per target or prefix, the last wave): n is the largest count with
// n f w <= max_requests (at least 1, at most N; w = q requests per object, or the targets a file is
// striped over), raised so that n f reaches every target and metadata
// server. Prefixes: the N f objects use U = min(P, N f) prefixes; the n f simulated ones use
// P' = min(U, n f), each at R U / (P' r), so the prefix bound N f q / (U R) is kept even when a single
// simulated node has fewer objects than there are prefixes. The tests check r = 1 against r > 1 (1%).
// The result also names the resource with the largest fluid bound, what limited the operation.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "models/storage/object_store.hpp"
#include "models/storage/parallel_file_system.hpp"
#include "models/storage/unified_storage.hpp"

namespace clustersim::models::storage {

struct StorageSystemSpec {
  std::variant<PfsSpec, ObjectStoreSpec, UnifiedStorageSpec> model;
  std::int64_t prefixes = 1;  // object access: prefixes the objects are spread over
};

enum class IoDirection { write, read };
enum class IoAccess { files, samples };

struct BulkOperation {
  IoDirection direction = IoDirection::write;
  IoAccess access = IoAccess::files;
  std::int64_t nodes = 1;
  std::int64_t files_per_node = 1;
  double bytes_per_file = 0;
  double client_bytes_per_s = 0;        // per node, per direction
  std::int64_t in_flight_per_node = 1;  // samples: reads outstanding per node
};

struct BulkIoTime {
  double seconds = 0;                // the operation, simulated
  std::string bound;                 // "metadata", "bandwidth", "media", "iops", "prefix", "client", "latency"
  double bound_s = 0;                // that resource's fluid bound
  double data_bound_s = 0;           // what the bytes alone need: the largest of the bandwidth, media and client bounds
  std::int64_t simulated_nodes = 0;  // n (the scale is nodes / n)
};

inline constexpr std::int64_t kMaxSimulatedRequests = 2048;

// Throws std::invalid_argument for a bad operation, StorageSpecError for a bad system.
BulkIoTime time_bulk_io(const StorageSystemSpec& system, const BulkOperation& operation,
                        std::int64_t max_requests = kMaxSimulatedRequests);

}  // namespace clustersim::models::storage
