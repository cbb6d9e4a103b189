// Unified all-flash storage with file and object access (VAST-, Pure FlashBlade-, WEKA-like), as a
// configuration of the same building blocks (storage_parts.hpp):
//   one ServerPool of front-end servers  -> the PFS's storage targets AND the object gateways
//   one MediaPool of flash with EC k+m   -> behind both (write coefficient (k+m)/k)
//   one CapacityLedger (optional)        -> shared by files and objects
//   a MetadataService                    -> file creates/opens (the object side has request limits)
// So file writes and object PUTs compete for the same servers and flash, and both reach the
// network through the one attachment the caller gives. Files are striped over stripe_count servers
// (0 = all); objects use the prefix request limits and multipart settings of ObjectStoreSpec.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "models/storage/metadata_service.hpp"
#include "models/storage/object_store.hpp"
#include "models/storage/parallel_file_system.hpp"
#include "models/storage/storage_parts.hpp"

namespace clustersim::models::storage {

struct UnifiedStorageSpec {
  std::string name;
  std::int64_t servers = 0;
  double server_read_bytes_per_s = 0.0;   // per server
  double server_write_bytes_per_s = 0.0;  // per server
  MediaSpec media;                        // must be flash
  MetadataSpec metadata;
  std::int64_t stripe_count = 0;  // 0 = all servers
  double stripe_size_bytes = 1024.0 * 1024.0;
  std::optional<double> client_bytes_per_s;
  sim::SimTime first_byte_latency;         // files and objects
  std::optional<double> server_read_iops;  // small file reads per second per server, if limiting
  double prefix_put_ops_per_s = kS3PrefixPutOpsPerS;
  double prefix_get_ops_per_s = kS3PrefixGetOpsPerS;
  double part_bytes = 8.0 * 1024.0 * 1024.0;
  std::int64_t parts_in_flight = 10;
  std::optional<double> capacity_bytes;
};

struct UnifiedStorage {
  StorageParts parts;  // shared by both front-ends
  std::unique_ptr<ParallelFileSystem> files;
  std::unique_ptr<ObjectStore> objects;
};

// The file side as a parallel file system over the servers (storage targets = servers, media behind them).
PfsSpec unified_file_spec(const UnifiedStorageSpec& spec);

// Throws StorageSpecError naming the field (HDD media included: the system is all-flash).
UnifiedStorage build_unified_storage(sim::FlowNetwork& network, const UnifiedStorageSpec& spec,
                                     const StorageAttachment& attachment);

}  // namespace clustersim::models::storage
