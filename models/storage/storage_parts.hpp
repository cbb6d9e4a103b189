// The building blocks every storage system is assembled from, as FlowNetwork constraints:
//
//   ServerPool  n servers (PFS storage targets, object gateways, unified front-end servers), each a
//               read and a write constraint at its own bandwidth; a request picks servers, so a
//               single stream is limited by the servers it reaches (server<i>.read / .write).
//   MediaPool   the raw media behind the servers (flash or HDD), aggregate read and write bandwidth.
//               Writes cross media.write with coefficient = redundancy overhead:
//                 erasure coding k+m: (k+m)/k  (8+2 -> 1.25)      replication r: r      none: 1
//               Reads cross media.read with coefficient 1 (the k data chunks only, no degraded reads).
//   capacity    an optional CapacityLedger of user bytes (capacity_ledger.hpp), shared when one set
//               of media serves several front-ends (unified storage).
// Sources for EC overhead: Plank, "Erasure codes for storage systems", USENIX ;login: 2013; the
// read/write split is full duplex (read/write interference on the media is not modelled).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/hardware/capacity_ledger.hpp"
#include "models/hardware/path.hpp"
#include "sim/flow_network.hpp"

namespace clustersim::models::storage {

class ServerPool {
 public:
  // Throws StorageSpecError naming `name` for count < 1 or a non-positive bandwidth.
  ServerPool(sim::FlowNetwork& network, std::string name, std::int64_t count, double read_bytes_per_s,
             double write_bytes_per_s);
  const std::string& name() const { return name_; }
  std::int64_t count() const { return static_cast<std::int64_t>(read_.size()); }
  double read_bytes_per_s() const { return read_bytes_per_s_; }    // per server
  double write_bytes_per_s() const { return write_bytes_per_s_; }  // per server
  sim::ConstraintId read(std::int64_t server) const;
  sim::ConstraintId write(std::int64_t server) const;

 private:
  std::string name_;
  double read_bytes_per_s_;
  double write_bytes_per_s_;
  std::vector<sim::ConstraintId> read_;
  std::vector<sim::ConstraintId> write_;
};

struct Redundancy {
  enum class Kind { none, erasure_coding, replication };
  Kind kind = Kind::none;
  std::int64_t data_chunks = 0;    // k (erasure coding)
  std::int64_t parity_chunks = 0;  // m (erasure coding)
  std::int64_t replicas = 0;       // r (replication)

  static Redundancy none() { return {}; }
  static Redundancy erasure_coding(std::int64_t k, std::int64_t m) { return {Kind::erasure_coding, k, m, 0}; }
  static Redundancy replication(std::int64_t r) { return {Kind::replication, 0, 0, r}; }
  // Raw bytes written per user byte. Throws StorageSpecError for k < 1, m < 0 or r < 1.
  double write_overhead() const;
};

enum class MediaKind { flash, hdd };
std::string_view to_string(MediaKind kind);

struct MediaSpec {
  MediaKind kind = MediaKind::flash;
  double read_bytes_per_s = 0.0;   // raw, aggregate over all media
  double write_bytes_per_s = 0.0;  // raw, aggregate over all media
  Redundancy redundancy;
};

class MediaPool {
 public:
  MediaPool(sim::FlowNetwork& network, std::string name, MediaSpec spec);
  const MediaSpec& spec() const { return spec_; }
  double write_overhead() const { return overhead_; }
  hardware::Path write_path() const { return {sim::FlowUse{write_, overhead_}}; }
  hardware::Path read_path() const { return {sim::FlowUse{read_, 1.0}}; }
  sim::ConstraintId read_constraint() const { return read_; }
  sim::ConstraintId write_constraint() const { return write_; }

 private:
  MediaSpec spec_;
  double overhead_;
  sim::ConstraintId read_;
  sim::ConstraintId write_;
};

struct StorageParts {
  std::shared_ptr<ServerPool> servers;                 // required
  std::shared_ptr<MediaPool> media;                    // optional: none = the servers are the limit
  std::shared_ptr<hardware::CapacityLedger> capacity;  // optional: none = unbounded
};

}  // namespace clustersim::models::storage
