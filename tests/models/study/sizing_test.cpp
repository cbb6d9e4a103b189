// Sizing by bisection on scripted monotone runners whose threshold is known by hand.
#include <catch2/catch.hpp>

#include "fake_catalog.hpp"
#include "models/study/sizing.hpp"

using namespace clustersim::models::study;
using clustersim::models::workload::CampaignConfig;
using clustersim::models::workload::CampaignResult;
using nlohmann::json;

namespace {

CampaignResult with_progress(double forward_progress) {
  CampaignResult r;
  r.wall_time_s = 1000;
  r.forward_progress = forward_progress;
  r.breakdown_s["compute"] = forward_progress * r.wall_time_s;
  r.tokens_trained = 1e9;
  r.token_budget = 1e9;
  r.budget_reached = true;
  r.time_to_train_s = r.wall_time_s;
  r.step_time_s = 1;
  return r;
}

json scenario() {
  return json::parse(R"({
    "name": "small",
    "architecture": {"node": "DGX-H100", "nodes": 8, "fabric": {"kind": "single_switch"}, "storage": "pfs"},
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e9,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}},
    "run": {"seeds": 3}
  })");
}

// The shared-storage write bandwidth searched for `objective` over [1 GB/s, 1 TB/s] to within 0.1 GB/s.
SizingOptions bandwidth_search(SizingObjective objective) {
  SizingOptions options;
  options.param_path = "architecture.storage.write_bandwidth";
  options.lo = 1e9;
  options.hi = 1e12;
  options.tolerance = 1e8;
  options.objective = objective;
  return options;
}

}  // namespace

TEST_CASE("Bisection finds the smallest integer meeting the lower confidence bound", "[sweep]") {
  // Seeds 1..3 add 0.001, 0.002, 0: mean 0.901 + 0.01 s, sd 0.001, half-width t(2) 0.001 / sqrt 3 = 0.00248;
  // lower bound 0.89852 + 0.01 s >= 0.97 first at s = 8.
  const auto runner = [](const CampaignConfig& config, std::uint64_t seed) {
    return with_progress(0.9 + 0.01 * std::min(config.failures.spare_nodes, 10) +
                         0.001 * static_cast<double>(seed % 3));
  };
  SizingOptions options;
  options.param_path = "architecture.spare_nodes";
  options.lo = 0;
  options.hi = 16;
  options.target_progress = 0.97;
  const SizingResult result = size_parameter(scenario(), testing::FakeCatalog{}, options, runner);
  REQUIRE(result.integer);
  REQUIRE(result.answer == 8.0);
  REQUIRE(result.curve.front().value == 0);
  REQUIRE(result.curve.back().value == 16);
  for (const SizingProbe& p : result.curve) REQUIRE(p.meets == (p.value >= 8));
  REQUIRE(result.curve.front().ci_low == Approx(0.90152 - 0.00248).epsilon(1e-3));
  REQUIRE(sizing_csv(result).rfind("value,forward_progress_mean", 0) == 0);
  REQUIRE(sizing_table(result).find("answer: architecture.spare_nodes = 8") != std::string::npos);
}

TEST_CASE("Bisection on a continuous parameter stops within the tolerance; an unreachable target says so", "[sweep]") {
  const auto runner = [](const CampaignConfig& config, std::uint64_t) {
    return with_progress(0.5 + 0.5 * std::min(1.0, config.storage.write_bytes_per_s / 100e9));
  };
  SizingOptions options;
  options.param_path = "architecture.storage.write_bandwidth";
  options.lo = 1e9;
  options.hi = 200e9;
  options.target_progress = 0.9;  // met from 80 GB/s
  options.tolerance = 0.1e9;
  options.seeds = 1;
  const SizingResult result = size_parameter(scenario(), testing::FakeCatalog{}, options, runner);
  REQUIRE(result.answer.has_value());
  REQUIRE(*result.answer >= 80e9);
  REQUIRE(*result.answer <= 80.1e9);
  options.target_progress = 1.0;
  options.hi = 50e9;
  const SizingResult none = size_parameter(scenario(), testing::FakeCatalog{}, options, runner);
  REQUIRE_FALSE(none.answer.has_value());
  REQUIRE(none.curve.size() == 1);
  options.param_path = "architecture.storage.bandwidthh";
  REQUIRE_THROWS_WITH(size_parameter(scenario(), testing::FakeCatalog{}, options, runner),
                      Catch::Contains("not a scenario parameter"));
}

TEST_CASE("maximizing finds the peak of a curve that is not monotone, on a log scale", "[sweep]") {
  // Forward progress 0.9 - 0.01 ln(bw / 50 GB/s)^2 (+ 0.001 x seed % 3): a single peak at 50 GB/s.
  const auto runner = [](const CampaignConfig& config, std::uint64_t seed) {
    const double distance = std::log(config.storage.write_bytes_per_s / 50e9);
    return with_progress(0.9 - 0.01 * distance * distance + 0.001 * static_cast<double>(seed % 3));
  };
  SizingOptions options = bandwidth_search(SizingObjective::maximize_forward_progress);
  const SizingResult result = size_parameter(scenario(), testing::FakeCatalog{}, options, runner);
  REQUIRE(result.answer);
  CHECK(*result.answer == Approx(50e9).margin(1e8));
  // The answer is the best value probed, and the grid covered [lo, hi] (9 points) before narrowing.
  for (const SizingProbe& p : result.curve) CHECK(p.mean <= 0.901 + 1e-12);
  CHECK(result.curve.front().value == 1e9);
  CHECK(result.curve.back().value == Approx(1e12));
  CHECK(result.curve.size() < 40);
  // Every probe is new: the golden section keeps one interior point per step.
  for (std::size_t i = 1; i < result.curve.size(); ++i) CHECK(result.curve[i].value > result.curve[i - 1].value);

  options.lo = 0;
  CHECK_THROWS_WITH(size_parameter(scenario(), testing::FakeCatalog{}, options, runner),
                    Catch::Contains("--lo: --maximize searches on a log scale and needs lo > 0"));
}

TEST_CASE("minimizing the cost per trained token finds the cheapest value, printed with its unit", "[sweep]") {
  // The wall time (and with it the owned cost of the run) grows as 1 + ln(bw / 50 GB/s)^2 around 50 GB/s.
  const auto runner = [](const CampaignConfig& config, std::uint64_t seed) {
    const double distance = std::log(config.storage.write_bytes_per_s / 50e9);
    CampaignResult r = with_progress(0.9 + 0.001 * static_cast<double>(seed % 3));
    r.wall_time_s = 1000 * (1 + distance * distance);
    r.time_to_train_s = r.wall_time_s;
    r.breakdown_s["compute"] = r.forward_progress * r.wall_time_s;
    return r;
  };
  const SizingOptions options = bandwidth_search(SizingObjective::minimize_usd_per_trained_token);
  const SizingResult result = size_parameter(scenario(), testing::FakeCatalog{}, options, runner);
  REQUIRE(result.answer);
  CHECK(*result.answer == Approx(50e9).margin(2e8));
  const std::string table = sizing_table(result);
  CHECK_THAT(table, Catch::Contains("  1 GB/s "));
  CHECK_THAT(table, Catch::Contains("best: architecture.storage.write_bandwidth = 50"));
  CHECK(sizing_json(result)["objective"] == "minimize_usd_per_trained_token");
}
