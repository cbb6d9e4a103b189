// ObjectStore: gateways, first-byte latency, per-prefix request-rate limits, multipart transfers,
// erasure-coding or replication overhead on the media.
//
// A PUT of S bytes with part size P is n = ceil(S / P) requests (1 when S <= P; parts are P bytes,
// the last one S - (n-1) P). At most `parts_in_flight` requests of one PUT/GET are in flight
// (multipart upload / ranged-GET parallelism, e.g. the AWS CLI's max_concurrent_requests = 10 and
// multipart_chunksize = 8 MiB). Every request first waits first_byte_latency, then moves its bytes
// along
//   PUT: client.to_storage + attachment.ingress + gateway[g].write + media.write x overhead
//        + prefix(put) x 1/part + [account x 1/part]
//   GET: media.read + gateway[g].read + attachment.egress + client.from_storage
//        + prefix(get) x 1/part + [account x 1/part]
// with gateways taken round-robin per request (a request is one connection to one gateway).
// Request rates are constraints in ops/s: a part of p bytes crosses its prefix's constraint with
// coefficient 1/p, so it uses exactly one op over its transfer, and the prefix sustains at most
// 3,500 PUT and 5,500 GET requests per second (Amazon S3 User Guide, "Best practices design
// patterns: optimizing Amazon S3 performance": per partitioned prefix). A fluid rate limit: S3's
// 503 SlowDown retries are not modelled, their effect (a sustained cap) is. An optional account-wide
// limit covers all prefixes (Azure Blob: 20,000 requests/s per account). Zero-byte objects cost
// their latency only. The multipart control requests (create / complete) are not counted.
// Overhead: erasure coding k+m writes (k+m)/k raw bytes per byte (8+2: 1.25), r-way replication r
// (storage_parts.hpp). So with n requests, a lone PUT with no latency takes
//   max(n / prefix_rate, S / min(parts_in_flight x gateway, media / overhead)).
// Latency is not hidden: a request uses its op while its bytes move, after its latency, so k
// equal parts in flight move in lock-step rounds of L + k / R when the prefix rate R binds, i.e.
// k / (L + k / R) requests/s (below R unless k / R >> L). This is the closed-loop cost of the fluid
// model; a client that wants R must keep k >> L x R requests in flight.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "models/storage/attachment.hpp"
#include "models/storage/storage_parts.hpp"
#include "sim/flow_network.hpp"
#include "sim/task.hpp"

namespace clustersim::models::storage {

inline constexpr double kS3PrefixPutOpsPerS = 3500.0;  // Amazon S3 User Guide, performance guidelines
inline constexpr double kS3PrefixGetOpsPerS = 5500.0;

struct ObjectStoreSpec {
  std::string name;
  std::int64_t gateways = 0;
  double gateway_bytes_per_s = 0.0;                 // per gateway, per direction (reads; writes too unless given below)
  std::optional<double> gateway_write_bytes_per_s;  // per gateway, writes, when they differ from reads
  sim::SimTime first_byte_latency;                  // per request, >= 0
  double prefix_put_ops_per_s = kS3PrefixPutOpsPerS;
  double prefix_get_ops_per_s = kS3PrefixGetOpsPerS;
  std::optional<double> account_ops_per_s;  // all requests together, when limited
  double part_bytes = 8.0 * 1024.0 * 1024.0;
  std::int64_t parts_in_flight = 10;
  MediaSpec media;
  std::optional<double> capacity_bytes;
};

class ObjectStore {
 public:
  // Builds gateways, media and capacity from the spec. Throws StorageSpecError naming the field.
  ObjectStore(sim::FlowNetwork& network, ObjectStoreSpec spec, StorageAttachment attachment);
  // Uses given parts (unified storage): parts.servers are the gateways and parts.media the media
  // (required); spec.gateways, gateway_bytes_per_s, media and capacity_bytes are then ignored.
  ObjectStore(sim::FlowNetwork& network, ObjectStoreSpec spec, StorageAttachment attachment, StorageParts parts);

  const std::string& name() const { return spec_.name; }
  const ObjectStoreSpec& spec() const { return spec_; }
  const StorageParts& parts() const { return parts_; }

  // ceil(bytes / part_bytes), and 1 for 0 < bytes <= part_bytes (and for 0 bytes).
  std::int64_t requests_for(double bytes) const;

  // co_await put(client, prefix, bytes) / get(...): see the header comment. Throws
  // std::invalid_argument for negative or non-finite bytes; put a CapacityError when full.
  sim::Task<> put(StorageClient client, std::string prefix, double bytes);
  sim::Task<> get(StorageClient client, std::string prefix, double bytes);
  // Frees `bytes` of capacity (deleting objects), when capacity is accounted.
  void remove(double bytes);

  // The request-rate constraints of a prefix (created on first use).
  sim::ConstraintId prefix_put_constraint(const std::string& prefix);
  sim::ConstraintId prefix_get_constraint(const std::string& prefix);
  std::uint64_t requests() const { return requests_; }

 private:
  struct PrefixLimits {
    sim::ConstraintId put;
    sim::ConstraintId get;
  };
  enum class Direction { put, get };
  struct Job;
  const PrefixLimits& limits(const std::string& prefix);
  sim::Task<> transfer(StorageClient client, std::string prefix, double bytes, Direction direction);
  sim::Task<> worker(std::shared_ptr<Job> job);
  hardware::Path request_path(const Job& job, double part);

  sim::FlowNetwork& network_;
  ObjectStoreSpec spec_;
  StorageAttachment attachment_;
  StorageParts parts_;
  std::map<std::string, PrefixLimits> prefixes_;
  sim::ConstraintId account_;
  std::int64_t next_gateway_ = 0;
  std::uint64_t requests_ = 0;
};

}  // namespace clustersim::models::storage
