// Recovery planning: after a failure, which checkpoint does the job resume from, and how long
// does reloading it take?
//
// Checkpoint copies (hierarchical asynchronous checkpointing as Lockwood describes it, 2025, and
// in-memory copies on peer nodes as in Gemini, SOSP'23; data/SOURCES.md [lockwood-2025], [gemini]):
// level 0 in host DRAM, level 1 on a partner node's NVMe, level 2 (or synchronous checkpoints) in
// shared storage. Host DRAM keeps two versions (double buffering): the newest level-0 copy and the
// newest version sent to the partner, held by a host agent that outlives the training processes.
// Rules:
//  - a failure that loses no node (software, NCCL watchdog) resumes from the newest DRAM version; after a
//    roll-back (a failure during or right after a recovery) that may be the partner version, which nodes
//    replaced since then read from their partners' NVMe, so its reload is timed on the partner route;
//  - otherwise the failed nodes' shards come from their partners' NVMe (unless a partner is inside
//    the same failure domain, partner_geometry.hpp) or from shared storage; the newest version that
//    every shard can reach wins (ties go to the faster tier); surviving nodes roll back to it from their
//    DRAM when it is there, else from shared storage;
//  - while the shared storage is unavailable (storage_available false: a storage_outage) a tier that can be read now
//    wins over it whatever the versions, and it is chosen only when it holds the failed nodes' only copy:
//    the campaign then waits for the storage before reloading (campaign_recovery.cpp);
//  - with no usable checkpoint the job restarts from step 0.
// Reload time = max(failed nodes' reload, survivors' reload), each the bottleneck time of its route
// (NodeLinks); on shared storage the node's rate is that of the storage system's model (at its degraded
// bandwidth while degraded) with every reading node reading at once (shared_storage_io.hpp: opens, latency and
// bandwidth inside it). Replaced nodes with staged input data also re-stage their data shard from shared storage,
// in parallel.
// Bytes read from shared storage (for its traffic and request costs): state bytes per node x the nodes
// reading their shard there (all nodes when the survivors read it too) + the re-staged data shards.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "models/workload/campaign_config.hpp"
#include "models/workload/shared_storage_io.hpp"
#include "models/workload/step_time.hpp"

namespace clustersim::models::workload {

struct CheckpointVersions {
  std::optional<std::int64_t> host_dram;     // newest level-0 version
  std::optional<std::int64_t> partner_nvme;  // newest complete level-1 version (also in DRAM)
  std::optional<std::int64_t> shared;        // newest complete shared-storage version
};

struct FailureImpact {
  int nodes_lost = 0;              // nodes that must be replaced (0: software failure)
  bool partners_lost_too = false;  // a failed node's partner is inside the same blast radius
};

enum class RecoveryTier { from_scratch, host_dram, partner_nvme, shared_storage };
std::string_view tier_name(RecoveryTier tier);

struct RecoveryPlan {
  RecoveryTier tier = RecoveryTier::from_scratch;
  std::int64_t resume_step = 0;
  double reload_s = 0;
  double shared_bytes_read = 0;  // checkpoint shards and re-staged data read from shared storage
};

// `storage`: the shared storage as it is now (degraded or not); `storage_available`: false during an outage.
RecoveryPlan plan_recovery(const CampaignConfig& config, const StepTimeModel& steps, const SharedStorageIo& storage,
                           const CheckpointVersions& versions, const FailureImpact& impact,
                           bool storage_available = true);

}  // namespace clustersim::models::workload
