// Monte Carlo aggregation, result files (required JSON fields, CSV, byte-identical output for the same
// seed) and the generated schema document, with a scripted campaign runner.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fake_catalog.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/resolve.hpp"
#include "models/study/result_format.hpp"
#include "models/study/schema_doc.hpp"

using namespace clustersim::models::study;
using clustersim::models::workload::CampaignConfig;
using clustersim::models::workload::CampaignResult;

namespace {

// Seed s: forward progress 0.9 + 0.01 (s mod 3), wall time 1,000 s, compute the rest lost work.
CampaignResult scripted(const CampaignConfig&, std::uint64_t seed) {
  CampaignResult r;
  r.wall_time_s = 1000;
  r.forward_progress = 0.9 + 0.01 * static_cast<double>(seed % 3);
  r.breakdown_s["compute"] = r.forward_progress * r.wall_time_s;
  r.breakdown_s["lost_work"] = 0.6 * (r.wall_time_s - r.breakdown_s["compute"]);
  r.breakdown_s["restart"] = 0.4 * (r.wall_time_s - r.breakdown_s["compute"]);
  r.tokens_trained = 1e9;
  r.token_budget = 1e9;
  r.budget_reached = true;
  r.time_to_train_s = r.wall_time_s;
  r.interruptions = static_cast<std::int64_t>(seed % 3);
  r.step_time_s = 1.5;
  return r;
}

ResolvedScenario small_scenario() {
  const nlohmann::json document = nlohmann::json::parse(R"({
    "name": "small",
    "architecture": {"node": "DGX-H100", "nodes": 8, "fabric": {"kind": "single_switch"}, "storage": "pfs"},
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e9,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
  return resolve_scenario(parse_scenario(document), testing::FakeCatalog{});
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Monte Carlo over seeds gives means and Student-t intervals", "[study]") {
  const ResolvedScenario scenario = small_scenario();
  int calls = 0;
  const StudyResult result = run_study(scenario, 3, 1, scripted, [&](int done, int total) {
    CHECK(total == 3);
    CHECK(done == ++calls);
  });
  REQUIRE(result.runs.size() == 3);
  CHECK(result.runs[0].seed == 1);
  CHECK(result.runs[2].seed == 3);
  // seeds 1, 2, 3 -> 0.91, 0.92, 0.90: mean 0.91, s = 0.01, t(2) = 4.302653
  CHECK(result.forward_progress.mean == Approx(0.91));
  CHECK(result.forward_progress.ci95_high - result.forward_progress.mean == Approx(4.302653 * 0.01 / std::sqrt(3.0)));
  CHECK(result.breakdown_s.at("compute") == Approx(910));
  CHECK(result.interruptions.mean == Approx(1));
  CHECK(result.budget_reached_fraction == 1);
  const auto losses = largest_losses(result, 2);
  REQUIRE(losses.size() == 2);
  CHECK(losses[0].first == "lost_work");
  CHECK(losses[1].first == "restart");
  // Cost of 1,000 s: every run costs the same (owned, fixed wall time).
  CHECK(result.total_usd.ci95_low == Approx(result.total_usd.mean));
  REQUIRE(result.usd_per_trained_token);
  CHECK(result.usd_per_trained_token->mean == Approx(result.total_usd.mean / 1e9));
  CHECK_FALSE(result.usd_per_million_served_tokens);
  CHECK_THROWS_WITH(run_study(scenario, 0, 1, scripted), "run.seeds: expected an integer >= 1, got 0");
}

TEST_CASE("result JSON has the required fields and is byte-identical for the same seed", "[study]") {
  const ResolvedScenario scenario = small_scenario();
  const std::string first = result_json_text(run_study(scenario, 2, 7, scripted), scenario);
  const std::string second = result_json_text(run_study(scenario, 2, 7, scripted), scenario);
  CHECK(first == second);
  const nlohmann::json json = nlohmann::json::parse(first);
  CHECK(json["scenario"] == "small");
  CHECK(json["seeds"] == 2);
  CHECK(json["seed"] == 7);
  CHECK(json["tool"]["version"] == std::string(CLUSTERSIM_VERSION));
  CHECK(json["metrics"]["forward_progress"]["mean"].is_number());
  CHECK(json["metrics"]["forward_progress"]["ci95"].size() == 2);
  CHECK(json["metrics"]["time_to_train_s"]["mean"] == 1000.0);
  CHECK(json["metrics"]["breakdown"]["lost_work"].is_number());
  CHECK(json["cost"]["total_usd"]["mean"].is_number());
  CHECK(json["cost"]["usd_per_useful_gpu_hour"]["mean"].is_number());
  CHECK(json["cost"]["usd_per_trained_token"]["mean"].is_number());
  CHECK(json["cost"]["usd_per_million_served_tokens"].is_null());
  CHECK(json["resolved_scenario"]["scenario"]["architecture"]["nodes"] == 8);
  CHECK(json["resolved_scenario"]["derived"]["gpus"] == 64);
  CHECK(json["runs"].size() == 2);
}

TEST_CASE("CSV has a stable header and one row per scenario", "[study]") {
  const ResolvedScenario scenario = small_scenario();
  const StudyResult result = run_study(scenario, 1, 1, scripted);
  const std::string header = csv_header();
  const std::string row = csv_row(result);
  CHECK_THAT(header, Catch::StartsWith("scenario,seeds,seed,forward_progress_mean,"));
  CHECK(std::count(header.begin(), header.end(), ',') == std::count(row.begin(), row.end(), ','));
  CHECK_THAT(row, Catch::StartsWith("small,1,1,0.91,0.91,0.91,1000,"));
  // Every cause of the breakdown has its column (seconds; empty when the runs never reported it).
  CHECK_THAT(header, Catch::EndsWith(",compute_s,exposed_communication_s,data_stall_s,checkpoint_interference_s,"
                                     "checkpoint_blocking_s,lost_work_s,detection_s,restart_s,reload_s,"
                                     "waiting_for_spare_s,data_staging_s,planned_maintenance_s,fail_slow_s,"
                                     "storage_outage_s,in_progress_at_horizon_s\n"));
  CHECK_THAT(row, Catch::EndsWith(",910,,,,,54,,36,,,,,,,\n"));
}

TEST_CASE("docs/schema.md is up to date with the parameter table", "[study]") {
  const std::filesystem::path doc = std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "docs" / "schema.md";
  INFO("regenerate with: clustersim schema > docs/schema.md");
  REQUIRE(std::filesystem::exists(doc));
  CHECK(slurp(doc) == schema_markdown());
}

TEST_CASE("`clustersim schema --catalog` describes every catalog file", "[study]") {
  const std::string text = catalog_schema_text();
  for (const auto& entry : std::filesystem::directory_iterator(CLUSTERSIM_DATA_DIR)) {
    if (entry.path().extension() == ".json") CHECK_THAT(text, Catch::Contains(entry.path().filename().string() + ": "));
  }
}

TEST_CASE("the summary table shows checkpoint copies and storage tiers as means over the seeds", "[study]") {
  // Seed s: the shared level completes 10*s copies of 10 s each and skips s, its newest copy is 100 s old on average
  // (p99 300 s + 100 s); the tier moves 1 TB + s TB, busy 100 s of 1,000 s.
  const CampaignRunner runner = [](const CampaignConfig& config, std::uint64_t seed) {
    CampaignResult r = scripted(config, seed);
    r.checkpoints_completed["shared_storage"] = 10 * static_cast<std::int64_t>(seed);
    r.checkpoints_skipped["shared_storage"] = static_cast<std::int64_t>(seed);
    r.checkpoint_copy_time["shared_storage"] = {10 * static_cast<std::int64_t>(seed),
                                                100.0 * static_cast<double>(seed)};
    r.tier_traffic["shared_storage"] = {1e12 * static_cast<double>(seed), 2e12, 100.0};
    r.copy_age["shared_storage"] = {100.0, 300.0 + 100.0 * static_cast<double>(seed)};
    return r;
  };
  const StudyResult result = run_study(small_scenario(), 2, 1, runner);  // seeds 1 and 2
  const std::string table = summary_table(result, small_scenario());
  REQUIRE_THAT(table, Catch::Contains(
                          "    shared_storage                           15.0         1.5            10.0            100"
                          "            450\n"));
  REQUIRE_THAT(table, Catch::Contains("    shared_storage                        1.5 TB        2 TB   10.00%\n"));
}
