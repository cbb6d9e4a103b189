// Golden figures: each reference scenario in scenarios/ run for seed 1 with one seed, its headline figures pinned.
// Runs are deterministic (same scenario + seed = byte-identical results), so the figures must match to 1e-9
// relative: any change means a model, a default or a catalog number changed.
//
// When a change is intended, print the new figures and paste them over kGolden below (and say why in the
// commit message):
//   CLUSTERSIM_PRINT_GOLDEN=1 build/tests/clustersim_models_tests "[golden]"
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "models/study/monte_carlo.hpp"
#include "models/study/resolve.hpp"
#include "models/workload/campaign.hpp"

using namespace clustersim::models::study;

namespace {

struct Golden {
  const char* scenario;
  double forward_progress;
  double time_to_train_s;
  double total_usd;
  double interruptions;
};

// clang-format off
constexpr Golden kGolden[] = {
  // scenario, forward progress, time to train (s), total cost (USD), interruptions
  {"llama405b-pfs.json", 0.8706741427657689, 7383212.2566397255, 54271542.20011227, 633},
  {"llama405b-local-nvme.json", 0.91645505335342548, 7014388.7350333584, 50285609.870473087, 606},
  {"llama405b-unified.json", 0.9161649668012416, 7016609.710422184, 50848061.89287469, 606},
  {"enterprise1k-pfs.json", 0.9871610044757204, 2508761.9440639573, 1134704.4987687643, 15},
  {"enterprise1k-local-nvme.json", 0.9938139392633579, 2491967.4225217053, 1102845.696649001, 15},
  {"enterprise1k-unified.json", 0.9939435266915122, 2491642.527152154, 1110788.4221501872, 15},
};
// clang-format on

bool matches(double actual, double expected) {
  return actual == Approx(expected).epsilon(1e-9).margin(0);
}

}  // namespace

TEST_CASE("reference scenarios reproduce their golden headline figures (seed 1, one seed)", "[study][golden]") {
  const auto catalog = load_catalog_source();
  const bool print = std::getenv("CLUSTERSIM_PRINT_GOLDEN") != nullptr;
  const auto scenarios_dir = std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios";
  for (const Golden& golden : kGolden) {
    INFO(golden.scenario);
    const ResolvedScenario scenario = load_resolved_scenario(scenarios_dir / golden.scenario, *catalog);
    const StudyResult result = run_study(scenario, 1, 1, clustersim::models::workload::run_campaign);
    if (print) {
      const auto field = [](double value) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g,", value);
        return std::string(text);
      };
      std::printf("  {%-33s %-22s %-22s %-22s %.17g},\n", (std::string("\"") + golden.scenario + "\",").c_str(),
                  field(result.forward_progress.mean).c_str(), field(result.time_to_train_s.mean).c_str(),
                  field(result.total_usd.mean).c_str(), result.interruptions.mean);
      continue;
    }
    CHECK(matches(result.forward_progress.mean, golden.forward_progress));
    CHECK(matches(result.time_to_train_s.mean, golden.time_to_train_s));
    CHECK(matches(result.total_usd.mean, golden.total_usd));
    CHECK(result.interruptions.mean == golden.interruptions);
  }
}
