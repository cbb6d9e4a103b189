// Fail-slow GPUs and lemon nodes (issue 21), each against a count or a cost worked out by hand.
#include <catch2/catch.hpp>

#include "models/workload/campaign.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;
using testing::gpu_failures;
using testing::sum_of;

namespace {

constexpr double kStepS = 0.375 + 0.06 + 24e-6;  // the small cluster's undisturbed step (campaign_test.cpp)

std::int64_t count_of(const CampaignResult& result, const std::string& cause) {
  const auto found = result.interruptions_by_cause.find(cause);
  return found == result.interruptions_by_cause.end() ? 0 : found->second;
}

}  // namespace

TEST_CASE("a fail-slow GPU stretches the steps until it is found, then its node is drained", "[campaign][fail_slow]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 100000 * 1e6;  // 100,000 steps, about 12 h
  config.failures.spare_nodes = 10;
  config.failures.restart_overhead = sim::seconds(60);
  config.failures.fail_slow.rate_per_gpu_hour = 1.0 / (32 * 2);  // 32 GPUs: one every 2 h
  config.failures.fail_slow.step_slowdown = 2;
  config.failures.fail_slow.time_to_detect = sim::seconds(1800);
  const CampaignResult result = run_campaign(config, 3);
  const std::int64_t episodes = count_of(result, "fail_slow");
  REQUIRE(episodes >= 2);
  // Each episode: 1,800 s of steps at half speed lose 900 s (within a step either way: it starts and ends at
  // step boundaries), then the drain: the DRAM snapshot (4e9 B at 80 GB/s, 0.05 s), the 60 s restart and the
  // state sent to the spare (4e9 B into its 5 GB/s NVMe-bound partner route, 0.8 s, longer than the 0.05 s reload
  // from DRAM): 60.85 s.
  const double per_episode_s = 900 + 60.85;
  CAPTURE(episodes, result.breakdown_s.at("fail_slow"));
  REQUIRE(std::abs(result.breakdown_s.at("fail_slow") - episodes * per_episode_s) <= episodes * 2 * kStepS);
  REQUIRE(result.breakdown_s.at("lost_work") == 0.0);
  REQUIRE(result.interruptions == episodes);
  REQUIRE(result.steps_kept == 100000);
  REQUIRE(result.breakdown_s.at("compute") == Approx(100000 * 0.375));
  REQUIRE(sum_of(result.breakdown_s) == Approx(result.wall_time_s).epsilon(1e-9));
  REQUIRE(run_campaign(config, 3).wall_time_s == result.wall_time_s);
}

TEST_CASE("a lemon fails again after each return until it is retired", "[campaign][lemons]") {
  CampaignConfig config = testing::small_cluster();
  config.model.token_budget = 200000 * 1e6;                                   // about 24 h
  config.failures.causes = {gpu_failures(1.0 / (32 * 4), sim::minutes(30))};  // one every 4 h
  config.failures.spare_nodes = 0;  // the job waits for the repaired node, so every lemon comes back
  config.failures.lemons.fraction = 1;
  config.failures.lemons.refail_mean = sim::minutes(10);
  config.failures.node_repair_time = sim::minutes(30);
  for (int retire_after : {2, 3}) {
    config.failures.lemons.retire_after = retire_after;
    const CampaignResult result = run_campaign(config, 11);
    const std::int64_t first = count_of(result, "gpu");
    const std::int64_t again = count_of(result, "lemon_node");
    CAPTURE(retire_after, first, again);
    REQUIRE(first >= 3);
    // Every failed node is a lemon that fails retire_after - 1 more times once back in the job (the last ones may
    // not have had the time before the budget was met).
    REQUIRE(again <= first * (retire_after - 1));
    REQUIRE(again >= (first - 1) * (retire_after - 1));
    REQUIRE(result.interruptions == first + again);
  }
  config.failures.lemons.fraction = 0;
  REQUIRE(count_of(run_campaign(config, 11), "lemon_node") == 0);
}
