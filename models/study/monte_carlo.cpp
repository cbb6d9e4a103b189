#include "models/study/monte_carlo.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/study/run_limits.hpp"
#include "models/study/scenario_values.hpp"
#include "models/workload/campaign.hpp"
#include "sim/statistics.hpp"
#include "sim/trace.hpp"

namespace clustersim::models::study {

Estimate estimate(const std::vector<double>& values) {
  sim::SampleSummary summary;
  for (const double value : values) summary.add(value);
  const auto [low, high] = summary.ci95();
  return {summary.mean(), low, high};
}

namespace {

std::optional<Estimate> optional_estimate(const std::vector<SeedRun>& runs,
                                          std::optional<double> cost::CostReport::*member) {
  std::vector<double> values;
  for (const SeedRun& run : runs) {
    if (!(run.cost.*member)) return std::nullopt;  // undefined for one seed: not reported
    values.push_back(*(run.cost.*member));
  }
  return estimate(values);
}

cost::Usage usage_of(const workload::CampaignResult& result, const workload::CampaignConfig& config) {
  cost::Usage usage;
  usage.wall_time_s = result.wall_time_s;
  const auto compute = result.breakdown_s.find("compute");
  const double compute_s = compute == result.breakdown_s.end() ? 0.0 : compute->second;
  usage.useful_gpu_hours = compute_s * config.nodes * config.node.gpus / 3600.0;
  usage.tokens_trained = result.tokens_trained;
  const auto shared = result.tier_traffic.find("shared_storage");
  if (shared != result.tier_traffic.end()) {
    usage.storage_bytes_written = shared->second.bytes_written;
    usage.storage_bytes_read = shared->second.bytes_read;
  }
  return usage;
}

}  // namespace

StudyResult run_study(const ResolvedScenario& scenario, int seeds, std::uint64_t first_seed,
                      const CampaignRunner& runner, const ProgressCallback& progress) {
  if (seeds < 1) throw ScenarioError("run.seeds: expected an integer >= 1, got " + std::to_string(seeds));
  StudyResult result;
  result.scenario = scenario.name;
  result.first_seed = first_seed;
  result.seeds = seeds;
  for (int i = 0; i < seeds; ++i) {
    SeedRun run;
    run.seed = first_seed + static_cast<std::uint64_t>(i);
    try {
      run.campaign = runner(scenario.campaign, run.seed);
    } catch (const sim::RunLimitExceeded& error) {
      throw std::runtime_error("seed " + std::to_string(run.seed) + ": " + run_limit_message(error));
    }
    run.cost = cost::cost_of(scenario.cost, usage_of(run.campaign, scenario.campaign));
    result.runs.push_back(std::move(run));
    if (progress) progress(i + 1, seeds);
  }

  std::vector<double> progress_values, ttt, wall, tokens, interruptions, total_usd;
  int reached = 0;
  for (const SeedRun& run : result.runs) {
    progress_values.push_back(run.campaign.forward_progress);
    ttt.push_back(run.campaign.time_to_train_s);
    wall.push_back(run.campaign.wall_time_s);
    tokens.push_back(run.campaign.tokens_trained);
    interruptions.push_back(static_cast<double>(run.campaign.interruptions));
    total_usd.push_back(run.cost.total_usd);
    if (run.campaign.budget_reached) ++reached;
    for (const auto& [cause, seconds] : run.campaign.breakdown_s) result.breakdown_s[cause] += seconds / seeds;
    for (const auto& [component, usd] : run.cost.breakdown_usd) result.cost_breakdown_usd[component] += usd / seeds;
  }
  result.forward_progress = estimate(progress_values);
  result.time_to_train_s = estimate(ttt);
  result.wall_time_s = estimate(wall);
  result.tokens_trained = estimate(tokens);
  result.interruptions = estimate(interruptions);
  result.budget_reached_fraction = static_cast<double>(reached) / seeds;
  result.step_time_s = result.runs.front().campaign.step_time_s;
  result.total_usd = estimate(total_usd);
  result.usd_per_useful_gpu_hour = optional_estimate(result.runs, &cost::CostReport::usd_per_useful_gpu_hour);
  result.usd_per_trained_token = optional_estimate(result.runs, &cost::CostReport::usd_per_trained_token);
  result.usd_per_million_served_tokens =
      optional_estimate(result.runs, &cost::CostReport::usd_per_million_served_tokens);
  return result;
}

StudyResult run_study(const ResolvedScenario& scenario, int seeds, std::uint64_t first_seed,
                      const ProgressCallback& progress) {
  return run_study(scenario, seeds, first_seed, workload::run_campaign, progress);
}

void trace_first_seed(const ResolvedScenario& scenario, std::ostream& out) {
  sim::TraceWriter trace(out, scenario.name);
  workload::trace_campaign(scenario.campaign, scenario.seed, trace);
  trace.finish();
}

std::vector<std::pair<std::string, double>> largest_losses(const StudyResult& result, std::size_t count) {
  std::vector<std::pair<std::string, double>> losses;
  for (const auto& [cause, seconds] : result.breakdown_s) {
    if (cause != "compute") losses.emplace_back(cause, seconds);
  }
  std::stable_sort(losses.begin(), losses.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (losses.size() > count) losses.resize(count);
  return losses;
}

}  // namespace clustersim::models::study
