#include <catch2/catch.hpp>

#include "models/workload/node_links.hpp"
#include "models/workload/recovery_plan.hpp"
#include "small_cluster.hpp"

using namespace clustersim::models::workload;

namespace {

CampaignConfig three_level_cluster() {
  CampaignConfig config = testing::small_cluster();
  CheckpointLevel dram;
  dram.target = CheckpointTarget::host_dram;
  dram.interval_steps = 1;
  CheckpointLevel partner;
  partner.target = CheckpointTarget::partner_nvme;
  partner.interval_steps = 10;
  partner.partner = PartnerPlacement::same_rack;
  CheckpointLevel shared;
  shared.target = CheckpointTarget::shared_storage;
  shared.interval_steps = 100;
  shared.file_per_rank = false;
  config.checkpoint.levels = {dram, partner, shared};
  return config;
}

}  // namespace

TEST_CASE("node links: lone transfer times by hand", "[recovery]") {
  const CampaignConfig config = testing::small_cluster();
  const StepTimeModel steps(config);
  const SharedStorageIo io = testing::io_for(config, steps);
  const NodeLinks links(config, {io.checkpoint_write_bytes_per_s(), io.checkpoint_read_bytes_per_s(config.nodes)});
  // 4e9 bytes GPU -> host at 80 GB/s.
  REQUIRE(links.lone_transfer_s(links.gpu_to_host(), 4e9) == Approx(0.05));
  // To a partner's NVMe: NVMe write at 5 GB/s is the bottleneck.
  REQUIRE(links.lone_transfer_s(links.host_to_partner_nvme(PartnerPlacement::other_rack), 4e9) == Approx(0.8));
  // To shared storage: one 8 GB/s server written by 4 nodes at once = 2 GB/s each.
  REQUIRE(links.lone_transfer_s(links.nvme_to_shared(), 4e9) == Approx(2.0));
  // Reading back: 16 GB/s read by 4 nodes at once = 4 GB/s each.
  REQUIRE(links.lone_transfer_s(links.shared_to_gpu(), 4e9) == Approx(1.0));
}

TEST_CASE("a software failure resumes from host DRAM", "[recovery]") {
  const CampaignConfig config = three_level_cluster();
  const StepTimeModel steps(config);
  const CheckpointVersions versions{105, 100, 0};
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{0, false});
  REQUIRE(plan.tier == RecoveryTier::host_dram);
  REQUIRE(plan.resume_step == 105);
  REQUIRE(plan.reload_s == Approx(0.05));
}

TEST_CASE("a software failure resumes from shared storage when that copy is newer", "[recovery]") {
  const CampaignConfig config = three_level_cluster();
  const StepTimeModel steps(config);
  const CheckpointVersions versions{40, std::nullopt, 60};
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{0, false});
  REQUIRE(plan.tier == RecoveryTier::shared_storage);
  REQUIRE(plan.resume_step == 60);
  REQUIRE(plan.shared_bytes_read == Approx(4 * 4e9));  // every node reads its 4e9-byte shard
}

TEST_CASE("a software failure after a roll-back resumes from the partner version, not an older shared copy",
          "[recovery]") {
  // A recovery rolled back to the partner version 100 and dropped the newer level-0 copy; a software
  // failure before the next level-0 checkpoint still finds version 100 (in DRAM, or on a partner's NVMe
  // for a node replaced since), not the shared copy of step 50.
  const CampaignConfig config = three_level_cluster();
  const StepTimeModel steps(config);
  const CheckpointVersions versions{std::nullopt, 100, 50};
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{0, false});
  REQUIRE(plan.tier == RecoveryTier::partner_nvme);
  REQUIRE(plan.resume_step == 100);
  REQUIRE(plan.reload_s == Approx(0.4));  // same-rack partner route: NVMe read 4e9 B at 10 GB/s
  const RecoveryPlan newer_shared =
      plan_recovery(config, steps, testing::io_for(config, steps), {std::nullopt, 100, 150}, FailureImpact{0, false});
  REQUIRE(newer_shared.tier == RecoveryTier::shared_storage);
  REQUIRE(newer_shared.resume_step == 150);
}

TEST_CASE("a lost node resumes from its partner's NVMe, survivors from DRAM", "[recovery]") {
  CampaignConfig config = three_level_cluster();
  config.data.mode = DataMode::streamed_from_shared_storage;  // nothing to re-stage
  const StepTimeModel steps(config);
  const CheckpointVersions versions{105, 100, 0};
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{1, false});
  REQUIRE(plan.tier == RecoveryTier::partner_nvme);
  REQUIRE(plan.resume_step == 100);
  // NVMe read 10 GB/s, NIC 50 GB/s, PCIe 80 GB/s: 4e9 / 10e9.
  REQUIRE(plan.reload_s == Approx(0.4));
  REQUIRE(plan.shared_bytes_read == 0.0);
}

TEST_CASE("a leaf failure with same-rack partners falls back to shared storage", "[recovery]") {
  CampaignConfig config = three_level_cluster();
  config.data.mode = DataMode::streamed_from_shared_storage;
  const StepTimeModel steps(config);
  const CheckpointVersions versions{105, 100, 0};
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{2, true});
  REQUIRE(plan.tier == RecoveryTier::shared_storage);
  REQUIRE(plan.resume_step == 0);
  // Two nodes read 4e9 each from 16 GB/s: 8 GB/s each, 0.5 s; survivors need step 0 from shared
  // storage as well (not in DRAM): four readers, 1.0 s.
  REQUIRE(plan.reload_s == Approx(1.0));
  REQUIRE(plan.shared_bytes_read == Approx(4 * 4e9));  // the survivors read theirs too
}

TEST_CASE("with no checkpoint at all the job starts again from step 0", "[recovery]") {
  const CampaignConfig config = testing::small_cluster();
  const StepTimeModel steps(config);
  const RecoveryPlan plan =
      plan_recovery(config, steps, testing::io_for(config, steps), CheckpointVersions{}, FailureImpact{1, false});
  REQUIRE(plan.tier == RecoveryTier::from_scratch);
  REQUIRE(plan.resume_step == 0);
  REQUIRE(plan.reload_s == 0.0);
}

TEST_CASE("replaced nodes re-stage their data shard in parallel with the reload", "[recovery]") {
  CampaignConfig config = three_level_cluster();
  config.data.dataset_bytes = 400e9;  // 100 GB per node; one reader at 16 GB/s, NVMe write 5 GB/s: 20 s
  const StepTimeModel steps(config);
  const RecoveryPlan plan = plan_recovery(config, steps, testing::io_for(config, steps),
                                          CheckpointVersions{105, 100, 0}, FailureImpact{1, false});
  REQUIRE(plan.reload_s == Approx(20.0));
  REQUIRE(plan.shared_bytes_read == Approx(100e9));  // checkpoint from the partner; the data shard from shared
}

TEST_CASE("only the replaced nodes read shared storage when the survivors hold the version in DRAM", "[recovery]") {
  CampaignConfig config = three_level_cluster();
  config.data.mode = DataMode::streamed_from_shared_storage;
  const StepTimeModel steps(config);
  const RecoveryPlan plan = plan_recovery(config, steps, testing::io_for(config, steps),
                                          CheckpointVersions{60, std::nullopt, 60}, FailureImpact{2, false});
  REQUIRE(plan.tier == RecoveryTier::shared_storage);
  REQUIRE(plan.shared_bytes_read == Approx(2 * 4e9));
}
