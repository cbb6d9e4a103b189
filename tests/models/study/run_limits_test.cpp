// Run limits (models/study/run_limits.hpp): each cap a scenario may not exceed (at the limit, just above it,
// raised by its flag's value), the run budget carried into the campaign, and a real campaign stopped by
// its event cap and by a tiny wall-clock budget, with the seed, simulated time and flag in the message.
#include <catch2/catch.hpp>

#include "fake_catalog.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/resolve.hpp"
#include "models/workload/campaign.hpp"

using namespace clustersim::models::study;
using clustersim::models::study::testing::FakeCatalog;
using nlohmann::json;
namespace sim = clustersim::sim;

namespace {

json scenario() {
  return json::parse(R"({
    "name": "small",
    "architecture": {"node": "DGX-H100", "nodes": 8, "spare_nodes": 1,
                     "fabric": {"kind": "leaf_spine", "nodes_per_leaf": 2}, "storage": "pfs"},
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "policies": {"checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}},
    "run": {"seeds": 3, "horizon": "30 d", "sample_period": "1 h"}
  })");
}

ResolvedScenario resolve(const json& document, const RunLimits& limits = {}) {
  return resolve_scenario(parse_scenario(document), FakeCatalog{}, limits);
}

std::string error_of(const json& document, const RunLimits& limits = {}) {
  try {
    resolve(document, limits);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("architecture.nodes: at the limit, above it, raised", "[study][limits][bad-input]") {
  RunLimits limits;
  limits.max_nodes = 9;  // 8 nodes + 1 spare
  REQUIRE(resolve(scenario(), limits).campaign.nodes == 8);
  limits.max_nodes = 7;
  REQUIRE(error_of(scenario(), limits) ==
          "architecture.nodes: 8 is above the limit of 7 nodes; raise it with --max-nodes");
  limits.max_nodes = 8;
  REQUIRE(error_of(scenario(), limits) ==
          "architecture.nodes + architecture.spare_nodes: 9 is above the limit of 8 nodes; raise it with --max-nodes");
  json spares = scenario();
  spares["architecture"]["spare_nodes"] = 9'223'372'036'854'775'807;  // the sum must not overflow
  REQUIRE(error_of(spares, limits) ==
          "architecture.spare_nodes: 9223372036854775807 is above the limit of 8 nodes; "
          "raise it with --max-nodes");
  // The default limit: a million nodes is refused before anything is built.
  json huge = scenario();
  huge["architecture"]["nodes"] = 1'000'000;
  REQUIRE(error_of(huge) ==
          "architecture.nodes: 1000000 is above the limit of 100000 nodes; raise it with --max-nodes");
  huge["architecture"]["nodes"] = 100'000;
  huge["architecture"]["spare_nodes"] = 0;
  REQUIRE_THAT(error_of(huge), !Catch::Contains("nodes; raise it"));
}

TEST_CASE("fabric links: a two-tier fabric of many nodes is refused before it is built", "[study][limits][bad-input]") {
  // leaf_spine, 2 nodes (16 hosts) per leaf, radix 64: 4 leaves, 1 spine: 64 host links + 4 x 16 up-links.
  RunLimits limits;
  limits.max_links = 128;
  REQUIRE(resolve(scenario(), limits).derived["fabric"]["links"] == 128);  // the estimate is the built count
  limits.max_links = 127;
  REQUIRE(error_of(scenario(), limits) ==
          "architecture.fabric: this leaf_spine needs about 128 links, which is above "
          "the limit of 127 links; raise it with --max-links");
  // 100,000 nodes on a leaf_spine: 50,000 leaves cannot hang below 64-port spines; refused before building.
  json huge = scenario();
  huge["architecture"]["nodes"] = 100'000;
  huge["architecture"]["spare_nodes"] = 0;
  huge["workload"]["training"]["parallelism"]["dp"] = 100'000;
  REQUIRE(error_of(huge) ==
          "architecture.fabric.nodes_per_leaf: a spine linked to each of the 50000 leaves (100000 nodes / 2 per "
          "leaf) needs 50000 ports, more than the 64 of switch 'QM9700'; a larger fabric is a fat_tree");
}

TEST_CASE("run.seeds: at the limit, above it, raised", "[study][limits][bad-input]") {
  RunLimits limits;
  limits.max_seeds = 3;
  REQUIRE(resolve(scenario(), limits).seeds == 3);
  limits.max_seeds = 2;
  REQUIRE(error_of(scenario(), limits) == "run.seeds: 3 is above the limit of 2 seeds; raise it with --max-seeds");
  json many = scenario();
  many["run"]["seeds"] = 10'001;
  REQUIRE(error_of(many) == "run.seeds: 10001 is above the limit of 10000 seeds; raise it with --max-seeds");
  many["run"]["seeds"] = 10'000;
  REQUIRE(resolve(many).seeds == 10'000);
}

TEST_CASE("run.horizon: at the limit, above it, raised", "[study][limits][bad-input]") {
  RunLimits limits;
  limits.max_horizon = sim::days(30);
  REQUIRE(resolve(scenario(), limits).campaign.horizon == sim::days(30));
  limits.max_horizon = sim::days(29);
  REQUIRE(error_of(scenario(), limits) == "run.horizon: 30 d is above the limit of 29 d; raise it with --max-horizon");
  json long_run = scenario();
  long_run["run"]["horizon"] = "3651 d";
  REQUIRE(error_of(long_run) == "run.horizon: 3651 d is above the limit of 3650 d; raise it with --max-horizon");
  long_run["run"]["horizon"] = "3650 d";
  REQUIRE(resolve(long_run).campaign.horizon == sim::days(3650));
}

TEST_CASE("run.horizon / run.sample_period: samples are capped by the event limit", "[study][limits][bad-input]") {
  RunLimits limits;
  limits.max_events = 720;  // 30 d of hourly samples
  REQUIRE(resolve(scenario(), limits).campaign.budget.max_events == 720);
  limits.max_events = 719;
  REQUIRE(error_of(scenario(), limits) ==
          "run.horizon / run.sample_period: 720 samples is above the limit of 719 "
          "events per run; raise it with --max-events");
  json fine = scenario();
  fine["run"]["sample_period"] = "1 ns";
  REQUIRE_THAT(error_of(fine), Catch::Contains("2592000000000000 samples") && Catch::Contains("--max-events"));
}

TEST_CASE("the run budget is carried into the campaign", "[study][limits]") {
  RunLimits limits;
  limits.max_events = 12'345;
  limits.time_limit = sim::minutes(10);
  const ResolvedScenario r = resolve(scenario(), limits);
  REQUIRE(r.campaign.budget.max_events == 12'345);
  REQUIRE(r.campaign.budget.wall_clock == std::chrono::minutes(10));
  const ResolvedScenario defaults = resolve(scenario());
  REQUIRE(defaults.campaign.budget.max_events == 100'000'000);
  REQUIRE(defaults.campaign.budget.wall_clock.count() == 0);
}

TEST_CASE("a campaign over its event cap stops with the seed, simulated time and flag", "[study][limits]") {
  ResolvedScenario r = resolve(scenario());
  const auto unlimited = clustersim::models::workload::run_campaign(r.campaign, 5);
  const auto events = static_cast<std::uint64_t>(unlimited.events);
  REQUIRE(events > 100);
  r.campaign.budget.max_events = events;  // exactly enough
  REQUIRE(run_study(r, 1, 5, clustersim::models::workload::run_campaign).runs[0].campaign.events == unlimited.events);
  r.campaign.budget.max_events = events - 1;
  try {
    run_study(r, 1, 5, clustersim::models::workload::run_campaign);
    FAIL("the event cap did not stop the campaign");
  } catch (const sim::RunLimitExceeded&) {
    FAIL("the engine's exception must become a runtime_error with the flag");
  } catch (const std::runtime_error& error) {
    REQUIRE_THAT(error.what(), Catch::StartsWith("seed 5: run stopped at simulated time ") &&
                                   Catch::EndsWith("events: reached the limit of " + std::to_string(events - 1) +
                                                   " events per run; raise it with --max-events"));
  }
}

TEST_CASE("a tiny wall-clock budget stops a long campaign", "[study][limits]") {
  // Failures 10^5 times more often than the preset: a campaign of millions of events (docs/hardening.md).
  json document = scenario();
  document["failures"] = {{"preset", "llama3-table5"}, {"scale", 1e5}};
  RunLimits limits;
  limits.time_limit = sim::nanoseconds(1000);
  const ResolvedScenario r = resolve(document, limits);
  REQUIRE_THROWS_WITH(run_study(r, 1, 1, clustersim::models::workload::run_campaign),
                      Catch::StartsWith("seed 1: run stopped at simulated time ") &&
                          Catch::EndsWith("used up the wall-clock budget of 1 us per run; raise it with --time-limit"));
}
