// The one ranking rule (compare.hpp): the lower end of the forward-progress CI against the target, every seed
// at the token budget, the optional deadline on the mean time to train, then the lowest cost.
#include <catch2/catch.hpp>

#include "models/study/compare.hpp"
#include "models/study/level_optimum.hpp"

using namespace clustersim::models::study;

namespace {

Candidate candidate(const char* name, double mean, double ci_low, double days, double usd, double reached = 1) {
  Candidate c;
  c.result.scenario = name;
  c.result.forward_progress = {mean, ci_low, 2 * mean - ci_low};
  c.result.time_to_train_s = {days * 86400, days * 86400, days * 86400};
  c.result.total_usd = {usd, usd, usd};
  c.result.budget_reached_fraction = reached;
  return c;
}

}  // namespace

TEST_CASE("a candidate meets the target by its CI's lower bound, its budget and the deadline", "[study][compare]") {
  const std::vector<Candidate> candidates = {
      candidate("mean-only", 0.96, 0.94, 80, 1.0e6),         // mean over the target, lower bound under it
      candidate("slow", 0.97, 0.955, 120, 1.1e6),            // meets the target, misses a 100-day deadline
      candidate("unfinished", 0.99, 0.985, 60, 0.9e6, 0.5),  // half of the seeds did not reach the budget
      candidate("good", 0.965, 0.951, 90, 1.2e6),
  };
  const Target target{0.95, std::nullopt};
  CHECK_FALSE(meets_target(candidates[0].result, target));
  CHECK(meets_target(candidates[1].result, target));
  CHECK_FALSE(meets_target(candidates[2].result, target));
  CHECK(*cheapest_meeting(candidates, target) == 1);  // "slow" is cheaper than "good"
  const Target with_deadline{0.95, 100 * 86400.0};
  CHECK_FALSE(meets_target(candidates[1].result, with_deadline));
  CHECK(*cheapest_meeting(candidates, with_deadline) == 3);
  CHECK_FALSE(cheapest_meeting(candidates, Target{0.96, 100 * 86400.0}));
  CHECK(target_text(with_deadline) == "95% CI lower bound of forward progress >= 0.95, time to train <= 100 d");
  CHECK_THAT(compare_table(candidates, with_deadline),
             Catch::EndsWith("cheapest with 95% CI lower bound of forward progress >= 0.95, time to train <= 100 d: "
                             "good\n"));
}

TEST_CASE("checkpoint warnings: a level that never completed, an interval over 3x from its Daly optimum",
          "[study][warnings]") {
  LevelOptimum never;
  never.level = "shared_storage";
  LevelOptimum near;  // 300 s against an optimum of 281 s: no warning
  near.level = "host_dram";
  near.interval_s = 300;
  near.copies_completed = 10;
  near.daly_s = 281;
  near.recoveries = 2;
  LevelOptimum short_one = near;  // 60 s: 4.7x shorter
  short_one.interval_s = 60;
  LevelOptimum long_one = near;  // 1,000 s: 3.6x longer
  long_one.level = "partner_nvme";
  long_one.interval_s = 1000;
  const std::vector<std::string> warnings = checkpoint_warnings({never, near, short_one, long_one});
  REQUIRE(warnings.size() == 3);
  CHECK_THAT(warnings[0], Catch::StartsWith("checkpoint level shared_storage never completed a copy"));
  CHECK_THAT(warnings[1], Catch::StartsWith("checkpoint level host_dram: its interval of 60 s is 4.7x shorter than "
                                            "the Daly optimum of 281 s for the 2.0 recoveries"));
  CHECK_THAT(warnings[2], Catch::Contains("its interval of 1000 s is 3.6x longer"));
}
