#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "models/workload/campaign.hpp"
#include "models/workload/campaign_validation.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;
namespace failure = clustersim::models::failure;
using testing::gpu_failures;
using testing::sum_of;

namespace {

CheckpointLevel level(CheckpointTarget target, std::int64_t interval_steps) {
  CheckpointLevel result;
  result.target = target;
  result.interval_steps = interval_steps;
  return result;
}

// Undisturbed step of the small cluster: compute 0.375 s + gradient 3e9 B at 50 GB/s (0.06 s)
// + 2 x 3 messages x 4 hops x 1 us of latency.
constexpr double kStepS = 0.375 + 0.06 + 24e-6;
// Staging 4e9 B of tokens: 1e9 B per node at 16 GB/s / 4 nodes = 4 GB/s.
constexpr double kStagingS = 0.25;

}  // namespace

TEST_CASE("a campaign without failures or checkpoints is staging plus steps", "[campaign]") {
  const CampaignResult result = run_campaign(testing::small_cluster(), 1);
  REQUIRE(result.budget_reached);
  REQUIRE(result.steps_kept == 1000);
  REQUIRE(result.step_time_s == Approx(kStepS));
  REQUIRE(result.wall_time_s == Approx(kStagingS + 1000 * kStepS).epsilon(1e-9));
  REQUIRE(result.breakdown_s.at("data_staging") == Approx(kStagingS));
  REQUIRE(result.breakdown_s.at("compute") == Approx(375.0));
  // Forward progress counts compute only: the exposed gradient exchange (0.06 s a step) is a loss.
  REQUIRE(result.forward_progress == Approx(375.0 / (kStagingS + 1000 * kStepS)));
  REQUIRE(result.breakdown_s.at("exposed_communication") == Approx(1000 * (0.06 + 24e-6)));
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
  REQUIRE(result.tokens_trained == Approx(1e9));
}

TEST_CASE("synchronous checkpoints block for size over the bottleneck bandwidth", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.checkpoint.levels = {level(CheckpointTarget::shared_storage_sync, 100)};
  config.checkpoint.levels[0].file_per_rank = false;
  const CampaignResult result = run_campaign(config, 1);
  // 4e9 B per node at 8 GB/s / 4 nodes = 2 s, at steps 100, 200, ..., 900 (not after the last step).
  REQUIRE(result.checkpoints_completed.at("shared_storage_sync") == 9);
  REQUIRE(result.checkpoint_copy_time.at("shared_storage_sync").copies == 9);
  REQUIRE(result.checkpoint_copy_time.at("shared_storage_sync").seconds == Approx(18.0).epsilon(1e-6));
  REQUIRE(result.breakdown_s.at("checkpoint_blocking") == Approx(18.0).epsilon(1e-6));
  REQUIRE(result.wall_time_s == Approx(kStagingS + 1000 * kStepS + 18.0).epsilon(1e-9));
  REQUIRE(result.tier_traffic.at("shared_storage").bytes_written == Approx(9 * 16e9));
}

TEST_CASE("level 0 blocks for the PCIe copy only", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10)};
  const CampaignResult result = run_campaign(config, 1);
  // 4e9 B at 80 GB/s = 0.05 s, 99 times.
  REQUIRE(result.breakdown_s.at("checkpoint_blocking") == Approx(99 * 0.05).epsilon(1e-6));
  REQUIRE(result.checkpoint_copy_time.at("host_dram").copies == 99);
  REQUIRE(result.checkpoint_copy_time.at("host_dram").seconds == Approx(99 * 0.05).epsilon(1e-6));
}

TEST_CASE("a DRAM level times only the copies it makes itself", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  // The partner level fires first at steps 20, 40, ...: it copies that step to DRAM, and the DRAM
  // level firing at the same step finds it there (completed, nothing moved, not timed).
  config.checkpoint.levels = {level(CheckpointTarget::partner_nvme, 20), level(CheckpointTarget::host_dram, 10)};
  const CampaignResult result = run_campaign(config, 1);
  const CopyTime dram = result.checkpoint_copy_time.at("host_dram");
  REQUIRE(result.checkpoints_completed.at("host_dram") == 99);
  REQUIRE(dram.copies == 50);  // steps 10, 30, ..., 990
  REQUIRE(dram.seconds == Approx(50 * 0.05).epsilon(1e-6));
}

TEST_CASE("asynchronous drains do not block training, and with a front-end network do not slow it", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.node.frontend_nic_bytes_per_s = 25e9;
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10), level(CheckpointTarget::shared_storage, 50)};
  const CampaignResult result = run_campaign(config, 1);
  REQUIRE(result.breakdown_s.at("checkpoint_blocking") == Approx(99 * 0.05).epsilon(1e-6));
  REQUIRE(result.breakdown_s.at("checkpoint_interference") == Approx(0.0).margin(1e-9));
  REQUIRE(result.checkpoints_completed.at("shared_storage") >= 15);
  // Each drain moves 4e9 B per node from the 4 nodes' DRAM through 25 GB/s front-end NICs into 8 GB/s
  // of storage: 2 s, alone on its path.
  const CopyTime drains = result.checkpoint_copy_time.at("shared_storage");
  REQUIRE(drains.copies == result.checkpoints_completed.at("shared_storage"));
  REQUIRE(drains.seconds / static_cast<double>(drains.copies) == Approx(2.0).epsilon(1e-3));
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
}

TEST_CASE("on a single fabric the drain slows the gradient exchange", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10), level(CheckpointTarget::shared_storage, 50)};
  const CampaignResult result = run_campaign(config, 1);
  REQUIRE(result.breakdown_s.at("checkpoint_interference") > 0.0);
  REQUIRE(result.checkpoints_completed.at("shared_storage") >= 15);
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
}

TEST_CASE("failures cost lost work, detection, restart and reload", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 50e9;  // 50,000 steps, about 6 hours
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10), level(CheckpointTarget::partner_nvme, 100),
                              level(CheckpointTarget::shared_storage, 1000)};
  config.failures.causes = {gpu_failures(3e-2)};  // 32 GPUs: about one failure per hour
  config.failures.spare_nodes = 2;
  const CampaignResult first = run_campaign(config, 7);
  const CampaignResult again = run_campaign(config, 7);
  REQUIRE(first.interruptions > 0);
  REQUIRE(first.budget_reached);
  REQUIRE(first.breakdown_s.at("lost_work") > 0);
  REQUIRE(first.breakdown_s.at("detection") == Approx(first.interruptions * 120.0).epsilon(0.01));
  REQUIRE(first.forward_progress < 0.99);
  REQUIRE(sum_of(first.breakdown_s) == Approx(first.wall_time_s).epsilon(1e-9));
  REQUIRE(first.wall_time_s == again.wall_time_s);
  REQUIRE(first.interruptions == again.interruptions);
}

TEST_CASE("without spares a lost node is waited for until repaired", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 50e9;
  config.failures.causes = {gpu_failures(3e-2)};
  config.failures.spare_nodes = 0;
  const CampaignResult result = run_campaign(config, 3);
  REQUIRE(result.interruptions > 0);
  REQUIRE(result.breakdown_s.at("waiting_for_spare") > 0);
}

TEST_CASE("the horizon cuts an unfinished campaign", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.horizon = sim::seconds(100);
  const CampaignResult result = run_campaign(config, 1);
  REQUIRE_FALSE(result.budget_reached);
  REQUIRE(result.wall_time_s == Approx(100.0));
  REQUIRE(result.steps_kept == static_cast<std::int64_t>((100.0 - kStagingS) / kStepS));
  REQUIRE(sum_of(result.breakdown_s) == Approx(100.0).epsilon(1e-9));
}

TEST_CASE("bad checkpoint levels name the field", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 0)};
  REQUIRE_THROWS_WITH(run_campaign(config, 1), Catch::Contains("policies.checkpoint.levels[0]"));
  config.checkpoint.levels = {level(CheckpointTarget::partner_nvme, 10)};
  config.node.nvme_capacity_bytes = 1e9;
  REQUIRE_THROWS_WITH(run_campaign(config, 1), Catch::Contains("do not fit on the node's NVMe"));
}

TEST_CASE("validate_campaign refuses, without running, what run_campaign refuses", "[campaign]") {
  CampaignConfig no_interval = testing::small_cluster();
  no_interval.checkpoint.levels = {level(CheckpointTarget::host_dram, 0)};
  CampaignConfig partner_too_large = testing::small_cluster();
  partner_too_large.checkpoint.levels = {level(CheckpointTarget::partner_nvme, 10)};
  partner_too_large.node.nvme_capacity_bytes = 1e9;
  CampaignConfig data_too_large = testing::small_cluster();
  data_too_large.data.mode = DataMode::staged_to_local_nvme;
  data_too_large.data.dataset_bytes = 1e15;
  data_too_large.node.nvme_capacity_bytes = 1e12;
  for (const CampaignConfig& config : {no_interval, partner_too_large, data_too_large}) {
    std::string refused;
    try {
      run_campaign(config, 1);
    } catch (const std::invalid_argument& e) {
      refused = e.what();
    }
    REQUIRE_FALSE(refused.empty());
    REQUIRE_THROWS_WITH(validate_campaign(config), refused);
  }
  REQUIRE_NOTHROW(validate_campaign(testing::small_cluster()));
}

TEST_CASE("staged data must fit on the local NVMe beside the partner checkpoint shards", "[campaign]") {
  // 1e9 tokens x 4 bytes over 4 nodes = 1 GB of data per node; a checkpoint shard is 4 GB per node.
  CampaignConfig config = testing::small_cluster();
  config.node.nvme_capacity_bytes = 0.99e9;
  REQUIRE_THROWS_WITH(run_campaign(config, 1), Catch::Contains("workload.training.data") &&
                                                   Catch::Contains("staged data shard of 1 GB per node") &&
                                                   Catch::Contains("NVMe of 990 MB"));
  config.node.nvme_capacity_bytes = 1e9;
  REQUIRE_NOTHROW(run_campaign(config, 1));

  config.checkpoint.levels = {level(CheckpointTarget::partner_nvme, 100)};
  config.node.nvme_capacity_bytes = 8.5e9;  // 2 x 4 GB of partner shards fit alone, not with the data
  REQUIRE_THROWS_WITH(run_campaign(config, 1), Catch::Contains("two partner checkpoint shards of 4 GB"));
  config.node.nvme_capacity_bytes = 9e9;
  REQUIRE_NOTHROW(run_campaign(config, 1));

  config.node.nvme_capacity_bytes = 8.5e9;  // streamed data takes no NVMe
  config.data.mode = DataMode::streamed_from_shared_storage;
  REQUIRE_NOTHROW(run_campaign(config, 1));
}

TEST_CASE("a partner placement the fabric cannot satisfy names the field", "[campaign]") {
  CampaignConfig config = testing::small_cluster();  // 4 nodes, 2 per leaf, one pod of 4
  config.checkpoint.levels = {level(CheckpointTarget::partner_nvme, 10)};
  config.checkpoint.levels[0].partner = PartnerPlacement::other_pod;
  REQUIRE_THROWS_WITH(run_campaign(config, 1), Catch::Contains("policies.checkpoint.levels[0].partner") &&
                                                   Catch::Contains("other_pod needs more than one pod"));
}

TEST_CASE("in-place recovery spends less time restarting than a full restart", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 50e9;
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10), level(CheckpointTarget::partner_nvme, 100)};
  config.failures.causes = {gpu_failures(3e-2)};
  config.failures.spare_nodes = 2;
  config.failures.recovery = RecoveryMode::full_restart;
  const CampaignResult full = run_campaign(config, 11);
  config.failures.recovery = RecoveryMode::in_place;
  const CampaignResult in_place = run_campaign(config, 11);
  REQUIRE(full.interruptions > 0);
  // Same failures (same seed); 10 min vs 1 min of restart overhead each (less when a failure
  // strikes during a recovery and cuts it short).
  REQUIRE(full.breakdown_s.at("restart") <= 600.0 * full.interruptions + 1e-6);
  REQUIRE(full.breakdown_s.at("restart") >= 600.0);
  REQUIRE(in_place.breakdown_s.at("restart") < full.breakdown_s.at("restart") / 5);
  REQUIRE(in_place.forward_progress > full.forward_progress);
}

TEST_CASE("a traced campaign writes its phases, copies and failures as a Chrome trace", "[campaign]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 50e9;
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10), level(CheckpointTarget::partner_nvme, 100)};
  config.failures.causes = {gpu_failures(3e-2)};
  config.failures.spare_nodes = 2;
  std::ostringstream out;
  CampaignResult traced;
  {
    sim::TraceWriter trace(out);
    traced = trace_campaign(config, 5, trace);
  }
  REQUIRE(traced.wall_time_s == run_campaign(config, 5).wall_time_s);  // tracing changes nothing
  const nlohmann::json document = nlohmann::json::parse(out.str());
  std::map<std::string, int> names;
  for (const auto& event : document.at("traceEvents")) {
    if (event.contains("name")) ++names[event.at("name").get<std::string>()];
  }
  REQUIRE(names["steps"] > 0);
  REQUIRE(names["detection"] == static_cast<int>(traced.interruptions));
  REQUIRE(names["gpu"] == static_cast<int>(traced.interruptions));
  REQUIRE(names["tokens kept"] > 0);
}

TEST_CASE("host DRAM must hold two checkpoint versions when a level copies through it", "[campaign]") {
  CampaignConfig config = testing::small_cluster();  // 4e9 B of state per node
  config.checkpoint.levels = {level(CheckpointTarget::host_dram, 10)};
  config.node.dram_bytes = 7.9e9;
  CHECK_THROWS_WITH(validate_campaign(config),
                    Catch::Contains("architecture.node.dram: two checkpoint versions of 4 GB per node do not fit in "
                                    "its host DRAM of 7.9 GB"));
  config.node.dram_bytes = 8e9;
  CHECK_NOTHROW(validate_campaign(config));
  config.node.dram_bytes = 1e9;
  config.checkpoint.levels = {level(CheckpointTarget::shared_storage_sync, 10)};  // GPU -> storage, no DRAM copy
  CHECK_NOTHROW(validate_campaign(config));
}
