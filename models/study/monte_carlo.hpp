// Monte Carlo over seeds: run a resolved scenario with seeds seed, seed+1, ..., seed+N-1 (in that
// order, one after the other: deterministic), price each run with the cost model, and summarise
// every headline figure as a mean with a 95% confidence interval (Student's t with N-1 degrees of
// freedom, sim/statistics.hpp; N = 1 gives [mean, mean]).
//
// Useful GPU-hours = breakdown_s["compute"] x GPUs / 3,600 (GPUs of the running job, spares excluded).
// Shared-storage traffic for request pricing is tier_traffic["shared_storage"].
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/cost/cost_model.hpp"
#include "models/study/resolved_scenario.hpp"
#include "models/workload/campaign_result.hpp"

namespace clustersim::models::study {

// Every cause of the time breakdown, compute first (the campaign's one list; front ends read it from here).
using workload::kBreakdownCauses;

struct Estimate {
  double mean = 0;
  double ci95_low = 0;
  double ci95_high = 0;
};

struct SeedRun {
  std::uint64_t seed = 0;
  workload::CampaignResult campaign;
  cost::CostReport cost;
};

struct StudyResult {
  std::string scenario;
  std::uint64_t first_seed = 1;
  int seeds = 1;
  std::vector<SeedRun> runs;

  Estimate forward_progress;
  Estimate time_to_train_s;
  Estimate wall_time_s;
  Estimate tokens_trained;
  Estimate interruptions;
  double budget_reached_fraction = 0;
  double step_time_s = 0;                     // undisturbed step time (the same for every seed)
  std::map<std::string, double> breakdown_s;  // mean seconds per cause

  Estimate total_usd;
  std::optional<Estimate> usd_per_useful_gpu_hour;
  std::optional<Estimate> usd_per_trained_token;
  std::optional<Estimate> usd_per_million_served_tokens;
  std::map<std::string, double> cost_breakdown_usd;  // mean per component
};

using CampaignRunner = std::function<workload::CampaignResult(const workload::CampaignConfig&, std::uint64_t)>;
// Called after each seed with (seeds done, seeds in total).
using ProgressCallback = std::function<void(int done, int total)>;

// seeds >= 1 (else ScenarioError naming "run.seeds"). A run over its budget (sim::RunLimitExceeded) becomes a
// std::runtime_error naming the seed, the simulated time reached, the limit and its flag (run_limits.hpp).
StudyResult run_study(const ResolvedScenario& scenario, int seeds, std::uint64_t first_seed,
                      const CampaignRunner& runner, const ProgressCallback& progress = {});
// The same with the campaign model (models/workload/campaign.hpp) as the runner: what the front ends run.
StudyResult run_study(const ResolvedScenario& scenario, int seeds, std::uint64_t first_seed,
                      const ProgressCallback& progress = {});

// The scenario's first seed (run.seed) run again with the campaign model and written to `out` as a Chrome
// trace (Perfetto) named after the scenario.
void trace_first_seed(const ResolvedScenario& scenario, std::ostream& out);

// Mean and 95% CI of `values` (non-empty).
Estimate estimate(const std::vector<double>& values);

// The loss causes (every breakdown cause except "compute"), largest mean first, ties by name.
std::vector<std::pair<std::string, double>> largest_losses(const StudyResult& result, std::size_t count);

}  // namespace clustersim::models::study
