#include "models/storage/unified_storage.hpp"

#include "models/storage/storage_error.hpp"

namespace clustersim::models::storage {

PfsSpec unified_file_spec(const UnifiedStorageSpec& spec) {
  PfsSpec files;
  files.name = spec.name + ".file";
  files.metadata = spec.metadata;
  files.storage_targets = spec.servers;
  files.target_read_bytes_per_s = spec.server_read_bytes_per_s;
  files.target_write_bytes_per_s = spec.server_write_bytes_per_s;
  files.stripe_count = spec.stripe_count;
  files.stripe_size_bytes = spec.stripe_size_bytes;
  files.client_bytes_per_s = spec.client_bytes_per_s;
  files.io_latency = spec.first_byte_latency;
  files.target_read_iops = spec.server_read_iops;
  files.media = spec.media;
  files.capacity_bytes = spec.capacity_bytes;
  return files;
}

UnifiedStorage build_unified_storage(sim::FlowNetwork& network, const UnifiedStorageSpec& spec,
                                     const StorageAttachment& attachment) {
  const std::string owner = "unified storage '" + spec.name + "'";
  if (spec.media.kind != MediaKind::flash) throw StorageSpecError(owner + ": media.kind must be flash, got hdd");
  UnifiedStorage storage;
  storage.parts.servers = std::make_shared<ServerPool>(network, spec.name + ".servers", spec.servers,
                                                       spec.server_read_bytes_per_s, spec.server_write_bytes_per_s);
  storage.parts.media = std::make_shared<MediaPool>(network, spec.name, spec.media);
  if (spec.capacity_bytes) {
    require_positive(owner, "capacity_bytes", *spec.capacity_bytes);
    storage.parts.capacity = std::make_shared<hardware::CapacityLedger>(spec.name, *spec.capacity_bytes);
  }

  storage.files = std::make_unique<ParallelFileSystem>(network, unified_file_spec(spec), attachment, storage.parts);

  ObjectStoreSpec objects;
  objects.name = spec.name + ".object";
  objects.gateways = spec.servers;
  objects.gateway_bytes_per_s = spec.server_write_bytes_per_s;
  objects.first_byte_latency = spec.first_byte_latency;
  objects.prefix_put_ops_per_s = spec.prefix_put_ops_per_s;
  objects.prefix_get_ops_per_s = spec.prefix_get_ops_per_s;
  objects.part_bytes = spec.part_bytes;
  objects.parts_in_flight = spec.parts_in_flight;
  objects.media = spec.media;
  objects.capacity_bytes = spec.capacity_bytes;
  storage.objects = std::make_unique<ObjectStore>(network, objects, attachment, storage.parts);
  return storage;
}

}  // namespace clustersim::models::storage
