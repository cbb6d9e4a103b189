// The campaign's shared-storage operations on the storage system's own model (shared_storage_io.hpp).
#include <catch2/catch.hpp>

#include "models/workload/campaign.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;

namespace {

// Undisturbed step of the small cluster without data stall (campaign_test.cpp): 0.375 + 0.06 + 24e-6 s.
constexpr double kBusyStepS = 0.375 + 0.06 + 24e-6;

CampaignConfig streamed_cluster(double sample_bytes, double server_read_iops) {
  CampaignConfig config = testing::small_cluster();
  config.data.mode = DataMode::streamed_from_shared_storage;
  config.data.sample_bytes = sample_bytes;
  config.storage.server_read_iops = server_read_iops;
  return config;
}

CampaignConfig sync_checkpoints(StorageKind kind) {
  CampaignConfig config = testing::small_cluster();
  config.storage.kind = kind;
  config.storage.metadata_ops_per_s = 10;  // one metadata server: 10 creates/s
  config.storage.prefixes = 4;
  CheckpointLevel level;
  level.target = CheckpointTarget::shared_storage_sync;
  level.interval_steps = 100;
  level.file_per_rank = true;
  config.checkpoint.levels = {level};
  return config;
}

}  // namespace

TEST_CASE("streamed input read as 4 KiB samples is bound by the storage's IOPS", "[campaign][shared_storage_io]") {
  // Each node reads 1e6 B per step (1e6 tokens x 4 B / 4 nodes) as ceil(1e6 / 4096) = 245 samples: 980 reads per
  // step on one server of 1,000 IOPS take 0.98 s, and the step stalls 0.98 - 0.435 s.
  const CampaignResult samples = run_campaign(streamed_cluster(4096, 1000), 1);
  CHECK(samples.step_breakdown_s.at("data_stall") == Approx(0.98 - kBusyStepS).epsilon(1e-3));
  CHECK(samples.breakdown_s.at("data_stall") > 0);
  // The same bytes as one sequential read per node and step, or IOPS that do not limit: no stall.
  CHECK(run_campaign(streamed_cluster(0, 1000), 1).step_breakdown_s.at("data_stall") == 0);
  CHECK(run_campaign(streamed_cluster(4096, 0), 1).step_breakdown_s.at("data_stall") == 0);
}

TEST_CASE("storage.kind changes a file-per-rank synchronous checkpoint", "[campaign][shared_storage_io]") {
  // 4 nodes x 8 ranks write 32 shards of 0.5 GB (16 GB) at 8 GB/s: 2 s of bandwidth. The PFS creates them on one
  // metadata server at 10/s: the last create ends at 3.2 s, then its shard moves alone at 8 GB/s (0.0625 s):
  // 3.2625 s. The object store puts 32 x 60 parts of 8 MiB over 4 prefixes at 3,500/s (0.14 s):
  // bandwidth-bound, 2 s. The blocking time of the same copies scales by 3.2625 / 2.
  const CampaignResult pfs = run_campaign(sync_checkpoints(StorageKind::parallel_file_system), 1);
  const CampaignResult objects = run_campaign(sync_checkpoints(StorageKind::object_store), 1);
  REQUIRE(objects.breakdown_s.at("checkpoint_blocking") > 0);
  CHECK(pfs.breakdown_s.at("checkpoint_blocking") ==
        Approx(objects.breakdown_s.at("checkpoint_blocking") * 3.2625 / 2.0).epsilon(1e-4));
}
