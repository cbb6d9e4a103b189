// Catalog entries for shared storage systems (data/storage.json). One struct for the three kinds; a field
// declared for some kinds only (FieldInfo::applies_to) must be absent for the others and is then empty.
//
//   parallel_file_system  servers x (server_read_bytes_per_s, server_write_bytes_per_s) aggregate bandwidth,
//                         metadata_ops_per_s across the system split over metadata_servers, stripe_count,
//                         server_read_iops (small reads); optional server_capacity_bytes, first_byte_latency.
//   object_store          per-prefix request limits (prefix_read/write_ops_per_s, S3: 5,500 / 3,500 per second),
//                         prefixes objects are spread over, multipart part_bytes,
//                         first_byte_latency, gateways x gateway_bytes_per_s between cluster and store,
//                         erasure_coding_overhead = raw bytes stored per user byte (>= 1).
//   unified               one all-flash system serving files and objects: the parallel_file_system fields plus
//                         first_byte_latency; prefix limits and erasure_coding_overhead are optional.
// Aggregates: read = servers x server_read_bytes_per_s (file kinds) or gateways x gateway_bytes_per_s (object).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/catalog/field_table.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

enum class StorageKind { parallel_file_system, object_store, unified };

std::string_view to_string(StorageKind kind);
StorageKind parse_storage_kind(std::string_view name);  // throws CatalogError listing the kinds

struct StorageSpec {
  std::string name;
  StorageKind kind = StorageKind::parallel_file_system;
  // parallel_file_system, unified
  std::optional<std::int64_t> servers;
  std::optional<double> server_read_bytes_per_s;
  std::optional<double> server_write_bytes_per_s;
  std::optional<double> server_capacity_bytes;
  std::optional<double> metadata_ops_per_s;
  std::optional<std::int64_t> metadata_servers;
  std::optional<std::int64_t> stripe_count;  // 0 = all servers
  std::optional<double> server_read_iops;
  // object_store, unified
  std::optional<double> prefix_read_ops_per_s;
  std::optional<double> prefix_write_ops_per_s;
  std::optional<double> erasure_coding_overhead;
  std::optional<std::int64_t> prefixes;
  std::optional<double> part_bytes;
  // object_store
  std::optional<std::int64_t> gateways;
  std::optional<double> gateway_bytes_per_s;
  // every kind (required for object_store and unified)
  std::optional<sim::SimTime> first_byte_latency;
  std::optional<double> capacity_bytes;  // total usable capacity, when bounded
  std::string notes;
  Sources sources;

  // Aggregate bandwidth per direction: servers x per-server (file kinds) or gateways x per-gateway (object store).
  double read_bytes_per_s() const;
  double write_bytes_per_s() const;
};

const Table<StorageSpec>& storage_table();

}  // namespace clustersim::models::catalog
