// Issue 4 validation: with the Llama 3 default rates (data/failures.json, from Table 5 of
// arXiv 2407.21783) on 16,384 GPUs, a simulated 54-day campaign sees about 419 unexpected
// interruptions, split by cause as in the paper.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "models/catalog/catalog.hpp"
#include "models/study/catalog_source.hpp"
#include "models/study/resolve.hpp"
#include "models/workload/campaign.hpp"
#include "sim/statistics.hpp"

using namespace clustersim;

TEST_CASE("the Llama 3 failure rates reproduce Table 5 over 54 days", "[study][llama3]") {
  const auto catalog = models::study::load_catalog_source();
  models::study::ResolvedScenario scenario = models::study::load_resolved_scenario(
      std::filesystem::path(CLUSTERSIM_DATA_DIR) / "../scenarios/llama405b-local-nvme.json", *catalog);
  scenario.campaign.horizon = sim::days(54);
  REQUIRE(scenario.campaign.nodes * scenario.campaign.node.gpus == 16384);

  const models::catalog::Catalog table = models::catalog::Catalog::load(CLUSTERSIM_DATA_DIR);
  std::map<std::string, double> expected_by_cause;
  for (const auto& cause : table.failure_causes()) expected_by_cause[cause.name] = static_cast<double>(cause.count);

  constexpr int kSeeds = 20;
  sim::SampleSummary totals;
  std::map<std::string, double> observed_by_cause;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const models::workload::CampaignResult result = models::workload::run_campaign(scenario.campaign, seed);
    REQUIRE_FALSE(result.budget_reached);  // the whole 54 days ran
    totals.add(static_cast<double>(result.interruptions));
    for (const auto& [cause, count] : result.interruptions_by_cause)
      observed_by_cause[cause] += static_cast<double>(count);
  }
  // Poisson: the mean of 20 runs has a standard error of sqrt(419 / 20) = 4.6.
  CAPTURE(totals.mean());
  REQUIRE(std::abs(totals.mean() - 419.0) < 4 * std::sqrt(419.0 / kSeeds));
  for (const auto& [cause, expected] : expected_by_cause) {
    const double observed = observed_by_cause[cause] / kSeeds;
    CAPTURE(cause, expected, observed);
    REQUIRE(std::abs(observed - expected) < 4 * std::sqrt(expected / kSeeds) + 0.5);
  }
}

TEST_CASE("the llama3-54d preset reproduces the 466 interruptions of the 54-day snapshot, 47 of them planned",
          "[study][llama3]") {
  const auto catalog = models::study::load_catalog_source();
  const models::study::FailurePreset preset = catalog->failure_preset("llama3-54d", "failures.preset");
  // 54 d / 47: one planned stop every 27.57 h, on top of Table 5's causes.
  REQUIRE(preset.planned.period == sim::days(54) / 47);
  models::study::ResolvedScenario scenario = models::study::load_resolved_scenario(
      std::filesystem::path(CLUSTERSIM_DATA_DIR) / "../scenarios/llama405b-local-nvme.json", *catalog);
  scenario.campaign.horizon = sim::days(54);
  scenario.campaign.failures.planned = preset.planned;
  constexpr int kSeeds = 10;
  sim::SampleSummary totals;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const models::workload::CampaignResult result = models::workload::run_campaign(scenario.campaign, seed);
    // Periodic: the stops due at 27.57 h, 55.1 h, ... before day 54 (46 of them: the 47th falls on day 54 itself,
    // the end of the window), less one now and then absorbed by a recovery in progress... counted exactly here.
    const std::int64_t planned = result.interruptions_by_cause.at("planned_maintenance");
    CAPTURE(seed, planned);
    REQUIRE(planned >= 45);
    REQUIRE(planned <= 47);
    REQUIRE(result.breakdown_s.at("planned_maintenance") > 0);
    totals.add(static_cast<double>(result.interruptions));
  }
  // 419 unexpected (Poisson, sigma = sqrt(419) = 20.5 per run) + 47 planned: within 2 sigma of the mean of 10 runs.
  CAPTURE(totals.mean());
  REQUIRE(std::abs(totals.mean() - 466.0) < 2 * std::sqrt(419.0 / kSeeds) + 1.0);
}
