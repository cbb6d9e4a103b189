// SharedStorageIo: the campaign's operations on shared storage, each timed on the storage system's own
// model (models/storage/bulk_io.hpp) with every node that takes part doing the same thing at once:
//   checkpoint write   every node writes its shard: file_per_rank -> `gpus` files (objects) of
//                      shard / gpus per node, else one per node (synchronous copies and drains alike;
//                      the layout is that of the first shared-storage level, checkpoint_file_per_rank)
//   checkpoint read    `nodes` nodes read their shards back (all of them, or the few replaced ones)
//   staging read       `nodes` nodes read their dataset chunk (dataset / nodes), one file per GPU rank
//                      (each rank stages its own shard)
//   streamed read      every node reads its share of one step's tokens as random samples of
//                      data.sample_bytes (one I/O each, data.reads_in_flight_per_node outstanding),
//                      or as one sequential read when sample_bytes is 0
// The result is a per-node rate, bytes per node / T_op: the capacity of the representative node's
// storage link for that operation (node_links.hpp), so metadata, IOPS, request limits and latency are
// inside it and traffic on the node's NIC still shares with it. Each node's client path is its
// front-end NIC, or its back-end NIC when it has none.
// The system per kind (SharedStorageConfig): parallel_file_system -> PfsSpec (servers = targets with
// stripe_count, metadata_ops_per_s split over metadata_servers, server_read_iops, io_latency =
// first_byte_latency); unified -> UnifiedStorageSpec (the same file side, flash media behind it);
// object_store -> ObjectStoreSpec (servers = gateways, prefix limits, part size, parts in flight,
// first-byte latency per request). Figures not given (0) are not limiting. Media are given the
// servers' aggregate bandwidth: the catalog's server figures are the limit.
// Results are cached per system and operation for the whole process (a pure function of both, so the
// cache changes no result): a study pays each distinct operation once, not per checkpoint or per seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/storage/bulk_io.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::workload {

// Whether a checkpoint level writes to shared storage (else no checkpoint is written or read there).
bool has_shared_level(const CampaignConfig& config);
// Whether checkpoints on shared storage are one file per GPU rank: the first shared-storage level's choice.
bool checkpoint_file_per_rank(const CampaignConfig& config);

// One operation of the campaign on shared storage, every node taking part at once, as the storage model timed it.
struct StorageOperationTime {
  std::string name;  // "checkpoint write", "checkpoint read", "data staging", "streamed input (one step)"
  int nodes = 0;
  double bytes_per_node = 0;
  bool every_step = false;   // streamed input: due once per training step
  storage::BulkIoTime time;  // seconds, the limiting resource, what the bytes alone need
};

class SharedStorageIo {
 public:
  // `state_bytes_per_node`: the checkpoint shard of one node. `bandwidth_factor` in (0, 1]: the storage runs at
  // that share of its read and write bandwidth (a storage_degraded failure): the same system's model with its
  // servers' (gateways') bandwidth scaled, so request, metadata and latency costs are unchanged.
  SharedStorageIo(const CampaignConfig& config, double state_bytes_per_node, double data_bytes_per_node_per_step,
                  double bandwidth_factor = 1.0);

  double checkpoint_write_bytes_per_s() const;  // per node, all nodes writing
  double checkpoint_read_bytes_per_s(int nodes) const;
  double staging_read_bytes_per_s(int nodes) const;
  double streamed_read_bytes_per_s() const;

  // The operations the campaign's configuration does on shared storage (checkpoint write and read by every
  // node when a level targets it; staging or streamed input by the data mode), for reports.
  std::vector<StorageOperationTime> operations() const;

 private:
  double rate(storage::IoDirection direction, storage::IoAccess access, int nodes, std::int64_t files,
              double bytes_per_node) const;
  storage::BulkIoTime time(storage::IoDirection direction, storage::IoAccess access, int nodes, std::int64_t files,
                           double bytes_per_node) const;
  std::int64_t streamed_samples() const;

  const CampaignConfig* config_;  // a pointer, so that a campaign can swap in the degraded storage
  double state_bytes_per_node_;
  double data_bytes_per_node_per_step_;
  double client_bytes_per_s_;
  storage::StorageSystemSpec system_;
  std::string system_key_;  // the system and the client path, as the cache's key
};

}  // namespace clustersim::models::workload
