// Checkpoint timing as training frameworks do it (issue 21): the training clock of time intervals, the fixed
// overhead of a copy, and planned interruptions, each against a case worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/workload/campaign.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;
using testing::gpu_failures;
using testing::sum_of;

namespace {

// The small cluster with a measured step of exactly 0.5 s and no gradient exchange (tp 8 x pp 4 x dp 1), so every
// step takes the same time; synchronous checkpoints to a 0.5 GB/s store (32 s each) plus a DRAM level, and GPU
// failures with a job MTBF of `mtbf_s`.
constexpr double kStepS = 0.5;
CampaignConfig constant_step_campaign(double mtbf_s) {
  CampaignConfig config = testing::small_cluster();
  config.model.measured_step_time = sim::milliseconds(500);
  config.model.pipeline_parallel = 4;
  config.model.data_parallel = 1;
  config.storage.write_bytes_per_s = 0.5e9;
  config.model.token_budget = 200000 * 1e6;  // 200,000 steps: 100,000 s of training
  config.failures.causes = {gpu_failures(3600.0 / (32 * mtbf_s))};
  config.failures.spare_nodes = 1000;
  config.failures.detection_time = sim::seconds(60);
  config.failures.restart_overhead = sim::seconds(120);
  config.horizon = sim::days(3650);
  return config;
}

// A DRAM level every `dram_steps` and a synchronous level every `sync_steps`, in steps or as the same time.
void set_levels(CampaignConfig& config, std::int64_t dram_steps, std::int64_t sync_steps, bool as_time,
                IntervalClock clock = IntervalClock::training) {
  CheckpointLevel dram;
  dram.target = CheckpointTarget::host_dram;
  CheckpointLevel sync;
  sync.target = CheckpointTarget::shared_storage_sync;
  sync.file_per_rank = false;
  for (auto [level, steps] : {std::pair{&dram, dram_steps}, std::pair{&sync, sync_steps}}) {
    if (as_time) {
      level->interval = sim::SimTime::from_seconds(static_cast<double>(steps) * kStepS);
      level->interval_clock = clock;
    } else {
      level->interval_steps = steps;
    }
  }
  config.checkpoint.levels = {dram, sync};
}

}  // namespace

TEST_CASE("a time interval on the training clock equals the same interval in steps", "[campaign][interval]") {
  // A 15-minute job MTBF, DRAM copies every 2 min and synchronous ones every 10 min.
  CampaignConfig in_steps = constant_step_campaign(900);
  set_levels(in_steps, 240, 1200, false);
  CampaignConfig in_time = constant_step_campaign(900);
  set_levels(in_time, 240, 1200, true);
  CampaignConfig on_the_wall = constant_step_campaign(900);
  set_levels(on_the_wall, 240, 1200, true, IntervalClock::wall);
  for (std::uint64_t seed : {1, 2, 3}) {
    const CampaignResult steps = run_campaign(in_steps, seed);
    const CampaignResult time = run_campaign(in_time, seed);
    const CampaignResult wall = run_campaign(on_the_wall, seed);
    REQUIRE(steps.step_time_s == kStepS);
    REQUIRE(steps.interruptions > 50);
    CAPTURE(seed, steps.forward_progress, time.forward_progress, wall.forward_progress);
    REQUIRE(time.forward_progress == steps.forward_progress);
    REQUIRE(time.wall_time_s == steps.wall_time_s);
    REQUIRE(time.checkpoints_completed == steps.checkpoints_completed);
    REQUIRE(time.breakdown_s == steps.breakdown_s);
    // The wall clock keeps running through detection, restart and reload: right after a recovery both levels
    // fire at once and copy the state just reloaded, so the same policy is another policy.
    REQUIRE(wall.checkpoints_completed.at("shared_storage_sync") >
            steps.checkpoints_completed.at("shared_storage_sync"));
    REQUIRE(std::abs(wall.forward_progress - steps.forward_progress) > 0.001);
  }
}

TEST_CASE("without failures the training and wall clocks differ only by the blocking time", "[campaign][interval]") {
  // 200 s of training between synchronous copies on the training clock; on the wall clock the 32 s copy itself
  // counts, so copies come every 168 s of training (plus rounding to whole steps).
  CampaignConfig training = constant_step_campaign(1e12);
  training.failures.causes.clear();
  training.model.token_budget = 4000 * 1e6;  // 2,000 s of training
  CheckpointLevel sync;
  sync.target = CheckpointTarget::shared_storage_sync;
  sync.file_per_rank = false;
  sync.interval = sim::seconds(200);
  training.checkpoint.levels = {sync};
  CampaignConfig wall = training;
  wall.checkpoint.levels[0].interval_clock = IntervalClock::wall;
  // Training clock: after 400, 800, ..., 3,600 steps: 9 copies (none at the end of the budget).
  REQUIRE(run_campaign(training, 1).checkpoints_completed.at("shared_storage_sync") == 9);
  // Wall clock: the first copy after 200 s of wall time, 0.25 s of it staging: step 400; then every
  // ceil((200 - 32) / 0.5) = 336 steps: 400, 736, ..., 3,760 = 400 + 10 x 336: 11 copies.
  REQUIRE(run_campaign(wall, 1).checkpoints_completed.at("shared_storage_sync") == 11);
}

TEST_CASE("a blocking level stalls training for its copy overhead, an asynchronous one finishes later",
          "[campaign][overhead]") {
  CampaignConfig config = testing::small_cluster();
  config.node.frontend_nic_bytes_per_s = 25e9;
  CheckpointLevel dram;
  dram.target = CheckpointTarget::host_dram;
  dram.interval_steps = 10;
  dram.copy_overhead = sim::milliseconds(500);
  CheckpointLevel drain;
  drain.target = CheckpointTarget::shared_storage;
  drain.interval_steps = 50;
  drain.copy_overhead = sim::seconds(3);
  config.checkpoint.levels = {dram, drain};
  const CampaignResult result = run_campaign(config, 1);
  // 99 DRAM copies of 4e9 B at 80 GB/s (0.05 s) plus 0.5 s each; the drains add no blocking time.
  REQUIRE(result.breakdown_s.at("checkpoint_blocking") == Approx(99 * 0.55).epsilon(1e-6));
  REQUIRE(result.checkpoint_copy_time.at("host_dram").seconds == Approx(99 * 0.55).epsilon(1e-6));
  // Each drain: 3 s of overhead, then 2 s of bytes (4e9 B per node into 8 GB/s shared by 4 nodes).
  const CopyTime drains = result.checkpoint_copy_time.at("shared_storage");
  REQUIRE(drains.copies > 0);
  REQUIRE(drains.seconds / static_cast<double>(drains.copies) == Approx(5.0).epsilon(1e-3));
  // The storage tier was busy moving bytes only: 2 s a drain.
  REQUIRE(result.tier_traffic.at("shared_storage").busy_s / static_cast<double>(drains.copies) ==
          Approx(2.0).epsilon(1e-3));

  CheckpointLevel sync;
  sync.target = CheckpointTarget::shared_storage_sync;
  sync.interval_steps = 100;
  sync.file_per_rank = false;
  sync.copy_overhead = sim::seconds(1);
  config.checkpoint.levels = {sync};
  // 9 synchronous copies of 2 s of bytes plus 1 s each.
  REQUIRE(run_campaign(config, 1).breakdown_s.at("checkpoint_blocking") == Approx(9 * 3.0).epsilon(1e-6));
}

TEST_CASE("planned interruptions stop at a step boundary and lose no work", "[campaign][planned]") {
  CampaignConfig config = testing::small_cluster();
  config.failures.restart_overhead = sim::seconds(60);
  config.failures.planned.period = sim::seconds(200);
  config.failures.planned.duration = sim::seconds(10);
  const CampaignResult result = run_campaign(config, 1);
  // 1,000 steps of 0.435024 s after 0.25 s of staging. Each stop: the DRAM snapshot (4e9 B at 80 GB/s, 0.05 s),
  // the 10 s window, the 60 s restart and the reload from DRAM (0.05 s) = 70.1 s. Stops at 200 and 400 s: the
  // job ends at 435.27 + 2 x 70.1 = 575.47 s, before the third at 600 s.
  const double step_s = 0.375 + 0.06 + 24e-6;
  REQUIRE(result.budget_reached);
  REQUIRE(result.interruptions == 2);
  REQUIRE(result.interruptions_by_cause.at("planned_maintenance") == 2);
  REQUIRE(result.breakdown_s.at("planned_maintenance") == Approx(2 * 70.1).epsilon(1e-6));
  REQUIRE(result.breakdown_s.at("lost_work") == 0.0);
  REQUIRE(result.wall_time_s == Approx(0.25 + 1000 * step_s + 2 * 70.1).epsilon(1e-9));
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
}

TEST_CASE("a planned stop lets the copy in flight finish first", "[campaign][planned]") {
  CampaignConfig config = testing::small_cluster();
  config.node.frontend_nic_bytes_per_s = 25e9;
  config.model.token_budget = 500e6;  // 500 steps
  CheckpointLevel drain;
  drain.target = CheckpointTarget::shared_storage;
  drain.interval_steps = 50;
  drain.copy_overhead = sim::seconds(1000);
  config.checkpoint.levels = {drain};
  config.failures.restart_overhead = sim::seconds(60);
  config.failures.planned.period = sim::seconds(200);
  config.failures.planned.duration = sim::seconds(10);
  const CampaignResult result = run_campaign(config, 1);
  // Staging takes 0.125 s (2e9 B of tokens). The drain fires at step 50 (t = 0.125 + 50 x 0.435024 = 21.8762 s),
  // snapshots to DRAM (0.05 s) and is in flight until 21.9262 + 1,000 + 2 = 1,023.9262 s; the drains of steps
  // 100 to 450 are skipped. The stop due at 200 s comes at step 460 (t = 21.9262 + 410 x 0.435024 = 200.28604 s),
  // waits for the drain, then takes 70.1 s as in the test above. The stops due at 400 to 1,000 s pass during it;
  // the last 40 steps end the campaign (the drain's count restarted at 460: next at 510) before 1,200 s.
  REQUIRE(result.interruptions == 1);
  REQUIRE(result.breakdown_s.at("planned_maintenance") == Approx(1023.9262 - 200.28604 + 70.1).epsilon(1e-6));
  REQUIRE(result.checkpoints_completed.at("shared_storage") == 1);
  REQUIRE(result.checkpoints_skipped.at("shared_storage") == 8);
  REQUIRE(result.wall_time_s == Approx(0.125 + 500 * 0.435024 + 0.05 + 1023.9262 - 200.28604 + 70.1).epsilon(1e-9));
  REQUIRE(result.breakdown_s.at("lost_work") == 0.0);
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
}

TEST_CASE("a level's recovery point is the age of its newest copy, sampled", "[campaign][rpo]") {
  CampaignConfig config = testing::small_cluster();
  CheckpointLevel dram;
  dram.target = CheckpointTarget::host_dram;
  dram.interval_steps = 10;
  config.checkpoint.levels = {dram};
  config.sample_period_s = 0.1;
  const CampaignResult result = run_campaign(config, 1);
  // A copy every 10 steps of 0.435024 s plus its 0.05 s: the age runs from 0.05 s (the copy's own time) up to
  // 4.40024 s, so its mean over evenly spread samples is about (0.05 + 4.40024) / 2 = 2.225 s and its 99th
  // percentile about 4.36 s. Before the first copy it counts from the start (4.6 s at most).
  const CopyAge age = result.copy_age.at("host_dram");
  CAPTURE(age.mean_s, age.p99_s);
  REQUIRE(age.mean_s == Approx(2.225).margin(0.05));
  REQUIRE(age.p99_s == Approx(4.36).margin(0.06));
}
