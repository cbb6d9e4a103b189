// The one ranking rule (compare.hpp): the lower end of the forward-progress CI against the target, every seed
// at the token budget, the optional deadline on the mean time to train, then the lowest cost.
#include <catch2/catch.hpp>

#include "models/study/compare.hpp"

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
