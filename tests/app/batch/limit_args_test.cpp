// The run-limit flags a batch sweep forwards to its tasks: none for the defaults, the raised ones in a
// fixed order with exact values, and the batch plan carrying them to the tasks.
#include <catch2/catch.hpp>

#include "app/batch/batch_plan.hpp"
#include "app/batch/limit_args.hpp"
#include "sim/units.hpp"
#include "tests/models/study/sweep_fixture.hpp"

using namespace clustersim;
using namespace clustersim::models::study;
using namespace clustersim::app::batch;
using Args = std::vector<std::string>;

TEST_CASE("Default run limits forward no flag", "[batch]") {
  REQUIRE(limit_task_args(RunLimits{}).empty());
}

TEST_CASE("Every limit that differs from its default is forwarded, in a fixed order", "[batch]") {
  RunLimits limits;
  limits.time_limit = sim::minutes(10);
  limits.max_nodes = 200'000;
  REQUIRE(limit_task_args(limits) == Args{"--max-nodes", "200000", "--time-limit", "10 min"});

  limits.max_links = 20'000'000;
  limits.max_seeds = 5;
  limits.max_horizon = sim::days(30);
  limits.max_events = 123'456'789'012;
  limits.max_flows = 7;  // a flows limit: sweeps have no --max-flows
  REQUIRE(limit_task_args(limits) == Args{"--max-nodes", "200000", "--max-links", "20000000", "--max-seeds", "5",
                                          "--max-horizon", "30 d", "--max-events", "123456789012", "--time-limit",
                                          "10 min"});
}

TEST_CASE("A forwarded duration parses back to the same nanoseconds", "[batch]") {
  RunLimits limits;
  limits.time_limit = sim::SimTime::from_ns(90'000'000'001);  // 90 s + 1 ns: "%.10g s" would drop the 1 ns
  limits.max_horizon = sim::hours(36);
  const Args args = limit_task_args(limits);
  REQUIRE(args == Args{"--max-horizon", "36 h", "--time-limit", "90000000001 ns"});
  REQUIRE(sim::parse_duration(args[1]) == limits.max_horizon);
  REQUIRE(sim::parse_duration(args[3]) == limits.time_limit);
}

TEST_CASE("The batch plan carries the task arguments as given", "[batch]") {
  nlohmann::json sweep;
  sweep["base"] = testing::base_scenario();
  sweep["axes"] =
      nlohmann::json::array({{{"path", "policies.checkpoint.levels[1].interval"}, {"values", {"10 min", "20 min"}}}});
  BatchRequest request;
  request.sweep_file = "sweeps/s.json";
  request.out_dir = "results";
  request.clustersim = "bin/clustersim";
  request.task_args = {"--max-events", "5"};
  REQUIRE(plan_batch(parse_sweep(sweep, "."), request).task_args == Args{"--max-events", "5"});
}
