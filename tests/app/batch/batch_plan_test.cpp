// Planning a batch sweep: shard count (default and limit), absolute paths, job name, and the warning
// for a results directory on node-local storage.
#include <catch2/catch.hpp>

#include "app/batch/batch_plan.hpp"
#include "tests/models/study/sweep_fixture.hpp"

using namespace clustersim::models::study;
using namespace clustersim::app::batch;
using nlohmann::json;

namespace {

SweepSpec sweep_of(std::size_t values) {
  json sweep;
  sweep["base"] = testing::base_scenario();
  json axis_values = json::array();
  for (std::size_t i = 1; i <= values; ++i) axis_values.push_back(std::to_string(i) + " min");
  sweep["axes"] = json::array({{{"path", "policies.checkpoint.levels[1].interval"}, {"values", axis_values}}});
  return parse_sweep(sweep, ".");
}

}  // namespace

TEST_CASE("The array has one task per shard: at most one per point, 100 by default", "[batch]") {
  BatchRequest request{"sweeps/my sweep.json", "results/", "bin/clustersim", 0, 0, {}};
  const BatchPlan small = plan_batch(sweep_of(40), request);
  REQUIRE(small.points == 40);
  REQUIRE(small.shard_count == 40);
  REQUIRE(plan_batch(sweep_of(150), request).shard_count == 100);
  request.array_size = 4;
  REQUIRE(plan_batch(sweep_of(40), request).shard_count == 4);
  request.array_size = 41;
  REQUIRE_THROWS_WITH(plan_batch(sweep_of(40), request),
                      Catch::Contains("--array-size") && Catch::Contains("41") && Catch::Contains("40 points"));
  REQUIRE(small.sweep_file.is_absolute());
  REQUIRE(small.out_dir.is_absolute());
  REQUIRE(small.out_dir.filename() == "results");
  REQUIRE(small.clustersim.is_absolute());
  REQUIRE(small.job_name == "clustersim-my_sweep");
}

TEST_CASE("A results directory under /tmp gets a warning naming --out", "[batch]") {
  REQUIRE(unshared_directory_warning("/tmp/results").value().find("--out /tmp/results") != std::string::npos);
  REQUIRE(unshared_directory_warning("/dev/shm/x/y").has_value());
  REQUIRE_FALSE(unshared_directory_warning("/tmpfoo/results").has_value());
  REQUIRE_FALSE(unshared_directory_warning("/shared/tmp/results").has_value());
}
