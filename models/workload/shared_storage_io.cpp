#include "models/workload/shared_storage_io.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

namespace clustersim::models::workload {

namespace {

constexpr double kNotLimiting = 1e18;  // a figure given as 0: no limit

double or_unlimited(double value) {
  return value > 0 ? value : kNotLimiting;
}

storage::MetadataSpec metadata(const SharedStorageConfig& s) {
  storage::MetadataSpec spec;
  spec.servers = s.metadata_servers;
  const double per_server = or_unlimited(s.metadata_ops_per_s) / s.metadata_servers;
  spec.create_ops_per_s = spec.open_ops_per_s = spec.stat_ops_per_s = per_server;
  return spec;
}

storage::MediaSpec media(const SharedStorageConfig& s) {
  storage::MediaSpec spec;
  spec.kind = storage::MediaKind::flash;
  spec.read_bytes_per_s = s.read_bytes_per_s;
  spec.write_bytes_per_s = s.write_bytes_per_s;
  return spec;
}

storage::StorageSystemSpec system_spec(const SharedStorageConfig& s) {
  const double servers = static_cast<double>(s.servers);
  switch (s.kind) {
    case StorageKind::parallel_file_system: {
      storage::PfsSpec pfs;
      pfs.name = s.name;
      pfs.metadata = metadata(s);
      pfs.storage_targets = s.servers;
      pfs.target_read_bytes_per_s = s.read_bytes_per_s / servers;
      pfs.target_write_bytes_per_s = s.write_bytes_per_s / servers;
      pfs.stripe_count = s.stripe_count;
      pfs.io_latency = s.first_byte_latency;
      if (s.server_read_iops > 0) pfs.target_read_iops = s.server_read_iops;
      return {pfs, s.prefixes};
    }
    case StorageKind::unified: {
      storage::UnifiedStorageSpec unified;
      unified.name = s.name;
      unified.servers = s.servers;
      unified.server_read_bytes_per_s = s.read_bytes_per_s / servers;
      unified.server_write_bytes_per_s = s.write_bytes_per_s / servers;
      unified.media = media(s);
      unified.metadata = metadata(s);
      unified.stripe_count = s.stripe_count;
      unified.first_byte_latency = s.first_byte_latency;
      if (s.server_read_iops > 0) unified.server_read_iops = s.server_read_iops;
      unified.prefix_put_ops_per_s = s.prefix_write_ops_per_s;
      unified.prefix_get_ops_per_s = s.prefix_read_ops_per_s;
      unified.part_bytes = s.part_bytes;
      unified.parts_in_flight = s.parts_in_flight;
      return {unified, s.prefixes};
    }
    case StorageKind::object_store: {
      storage::ObjectStoreSpec store;
      store.name = s.name;
      store.gateways = s.servers;
      store.gateway_bytes_per_s = s.read_bytes_per_s / servers;
      store.gateway_write_bytes_per_s = s.write_bytes_per_s / servers;
      store.first_byte_latency = s.first_byte_latency;
      store.prefix_put_ops_per_s = s.prefix_write_ops_per_s;
      store.prefix_get_ops_per_s = s.prefix_read_ops_per_s;
      store.part_bytes = s.part_bytes;
      store.parts_in_flight = s.parts_in_flight;
      store.media = media(s);
      return {store, s.prefixes};
    }
  }
  return {};
}

// Every figure the system's model reads, exactly (hexfloat).
std::string key_of(const SharedStorageConfig& s, double client_bytes_per_s) {
  std::ostringstream key;
  key << std::hexfloat << static_cast<int>(s.kind) << ' ' << s.servers << ' ' << s.write_bytes_per_s << ' '
      << s.read_bytes_per_s << ' ' << s.first_byte_latency.ns() << ' ' << s.metadata_ops_per_s << ' '
      << s.metadata_servers << ' ' << s.stripe_count << ' ' << s.server_read_iops << ' ' << s.prefix_write_ops_per_s
      << ' ' << s.prefix_read_ops_per_s << ' ' << s.prefixes << ' ' << s.part_bytes << ' ' << s.parts_in_flight << ' '
      << client_bytes_per_s;
  return key.str();
}

// An operation's time, computed once per process and key.
storage::BulkIoTime cached_time(const std::string& key, const storage::StorageSystemSpec& system,
                                const storage::BulkOperation& op) {
  static std::mutex mutex;
  static std::map<std::string, storage::BulkIoTime> time_by_key;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = time_by_key.find(key);
    if (found != time_by_key.end()) return found->second;
  }
  const storage::BulkIoTime time = storage::time_bulk_io(system, op);
  const std::lock_guard<std::mutex> lock(mutex);
  time_by_key.emplace(key, time);
  return time;
}

SharedStorageConfig at_bandwidth(SharedStorageConfig storage, double factor) {
  storage.write_bytes_per_s *= factor;
  storage.read_bytes_per_s *= factor;
  return storage;
}

}  // namespace

SharedStorageIo::SharedStorageIo(const CampaignConfig& config, double state_bytes_per_node,
                                 double data_bytes_per_node_per_step, double bandwidth_factor)
    : config_(&config),
      state_bytes_per_node_(state_bytes_per_node),
      data_bytes_per_node_per_step_(data_bytes_per_node_per_step),
      client_bytes_per_s_(config.node.frontend_nic_bytes_per_s > 0 ? config.node.frontend_nic_bytes_per_s
                                                                   : config.node.backend_nic_bytes_per_s),
      system_(system_spec(at_bandwidth(config.storage, bandwidth_factor))),
      system_key_(key_of(at_bandwidth(config.storage, bandwidth_factor), client_bytes_per_s_)) {}

double SharedStorageIo::rate(storage::IoDirection direction, storage::IoAccess access, int nodes, std::int64_t files,
                             double bytes_per_node) const {
  if (!(bytes_per_node > 0)) return kNotLimiting;
  const double seconds = time(direction, access, nodes, files, bytes_per_node).seconds;
  return seconds > 0 ? bytes_per_node / seconds : kNotLimiting;
}

storage::BulkIoTime SharedStorageIo::time(storage::IoDirection direction, storage::IoAccess access, int nodes,
                                          std::int64_t files, double bytes_per_node) const {
  storage::BulkOperation op;
  op.direction = direction;
  op.access = access;
  op.nodes = nodes;
  op.files_per_node = files;
  op.bytes_per_file = bytes_per_node / static_cast<double>(files);
  op.client_bytes_per_s = client_bytes_per_s_;
  op.in_flight_per_node = config_->data.reads_in_flight_per_node;
  std::ostringstream key;
  key << std::hexfloat << system_key_ << '|' << static_cast<int>(direction) << ' ' << static_cast<int>(access) << ' '
      << nodes << ' ' << files << ' ' << bytes_per_node << ' ' << op.in_flight_per_node;
  return cached_time(key.str(), system_, op);
}

bool has_shared_level(const CampaignConfig& config) {
  return std::any_of(config.checkpoint.levels.begin(), config.checkpoint.levels.end(), [](const CheckpointLevel& l) {
    return l.target == CheckpointTarget::shared_storage || l.target == CheckpointTarget::shared_storage_sync;
  });
}

bool checkpoint_file_per_rank(const CampaignConfig& config) {
  for (const CheckpointLevel& level : config.checkpoint.levels) {
    if (level.target == CheckpointTarget::shared_storage || level.target == CheckpointTarget::shared_storage_sync) {
      return level.file_per_rank;
    }
  }
  return true;
}

double SharedStorageIo::checkpoint_write_bytes_per_s() const {
  return rate(storage::IoDirection::write, storage::IoAccess::files, config_->nodes,
              checkpoint_file_per_rank(*config_) ? config_->node.gpus : 1, state_bytes_per_node_);
}

double SharedStorageIo::checkpoint_read_bytes_per_s(int nodes) const {
  return rate(storage::IoDirection::read, storage::IoAccess::files, nodes,
              checkpoint_file_per_rank(*config_) ? config_->node.gpus : 1, state_bytes_per_node_);
}

double SharedStorageIo::staging_read_bytes_per_s(int nodes) const {
  return rate(storage::IoDirection::read, storage::IoAccess::files, nodes, config_->node.gpus,
              dataset_bytes(*config_) / config_->nodes);
}

// Samples of one step's share of a node (one sequential read when sample_bytes is 0).
std::int64_t SharedStorageIo::streamed_samples() const {
  const double sample = config_->data.sample_bytes;
  return sample > 0
             ? std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(data_bytes_per_node_per_step_ / sample)))
             : 1;
}

double SharedStorageIo::streamed_read_bytes_per_s() const {
  return rate(storage::IoDirection::read, storage::IoAccess::samples, config_->nodes, streamed_samples(),
              data_bytes_per_node_per_step_);
}

std::vector<StorageOperationTime> SharedStorageIo::operations() const {
  using storage::IoAccess;
  using storage::IoDirection;
  const CampaignConfig& c = *config_;
  std::vector<StorageOperationTime> ops;
  const auto add = [&](std::string name, IoDirection direction, IoAccess access, std::int64_t files, double bytes,
                       bool every_step = false) {
    if (bytes > 0) {
      ops.push_back({std::move(name), c.nodes, bytes, every_step, time(direction, access, c.nodes, files, bytes)});
    }
  };
  const std::int64_t shard_files = checkpoint_file_per_rank(c) ? c.node.gpus : 1;
  if (has_shared_level(c)) {
    add("checkpoint write", IoDirection::write, IoAccess::files, shard_files, state_bytes_per_node_);
    add("checkpoint read", IoDirection::read, IoAccess::files, shard_files, state_bytes_per_node_);
  }
  if (c.data.mode == DataMode::staged_to_local_nvme) {
    add("data staging", IoDirection::read, IoAccess::files, c.node.gpus, dataset_bytes(c) / c.nodes);
  } else {
    add("streamed input (one step)", IoDirection::read, IoAccess::samples, streamed_samples(),
        data_bytes_per_node_per_step_, true);
  }
  return ops;
}

}  // namespace clustersim::models::workload
