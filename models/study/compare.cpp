#include "models/study/compare.hpp"

#include <cstdio>

#include "models/study/resolve.hpp"
#include "models/study/result_format.hpp"

namespace clustersim::models::study {

std::vector<ResolvedScenario> load_candidates(const std::vector<std::string>& scenario_paths, const RunLimits& limits,
                                              const ScenarioOverrides& overrides) {
  const auto catalog = load_catalog_source();
  std::vector<ResolvedScenario> scenarios;
  for (const std::string& path : scenario_paths)
    scenarios.push_back(load_resolved_scenario(path, *catalog, limits, overrides));
  return scenarios;
}

std::vector<Candidate> run_comparison(std::vector<ResolvedScenario> scenarios, int seeds,
                                      const CompareProgressCallback& progress) {
  if (seeds < 0) throw ScenarioError("seeds: expected a positive number, got " + std::to_string(seeds));
  const auto seeds_of = [seeds](const ResolvedScenario& scenario) { return seeds > 0 ? seeds : scenario.seeds; };
  int total = 0;
  for (const ResolvedScenario& scenario : scenarios) total += seeds_of(scenario);
  int done_before = 0;
  std::vector<Candidate> candidates;
  for (ResolvedScenario& scenario : scenarios) {
    const int n = seeds_of(scenario);
    ProgressCallback on_seed;
    if (progress) on_seed = [&](int done, int) { progress({scenario.name, done, n, done_before + done, total}); };
    StudyResult result = run_study(scenario, n, scenario.seed, on_seed);
    done_before += n;
    candidates.push_back({std::move(scenario), std::move(result)});
  }
  return candidates;
}

std::string target_text(const Target& target) {
  char text[160];
  std::snprintf(text, sizeof text, "95%% CI lower bound of forward progress >= %.3g", target.forward_progress);
  std::string out = text;
  if (target.deadline_s) {
    std::snprintf(text, sizeof text, ", time to train <= %.4g d", *target.deadline_s / 86400.0);
    out += text;
  }
  return out;
}

bool meets_target(double progress_ci_low, const StudyResult& result, const Target& target) {
  return progress_ci_low >= target.forward_progress && result.budget_reached_fraction >= 1 &&
         (!target.deadline_s || result.time_to_train_s.mean <= *target.deadline_s);
}

bool meets_target(const StudyResult& result, const Target& target) {
  return meets_target(result.forward_progress.ci95_low, result, target);
}

std::optional<std::size_t> cheapest_meeting(const std::vector<Candidate>& candidates, const Target& target) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const StudyResult& r = candidates[i].result;
    if (!meets_target(r, target)) continue;
    if (!best || r.total_usd.mean < candidates[*best].result.total_usd.mean) best = i;
  }
  return best;
}

std::string compare_table(const std::vector<Candidate>& candidates, const Target& target) {
  char line[512];
  std::string out;
  std::snprintf(line, sizeof line, "%-28s %-26s %10s %12s %12s  %s\n", "scenario", "forward progress [95% CI]",
                "train (d)", "total cost", "$/1M tokens", "largest losses");
  out += line;
  for (const Candidate& c : candidates) {
    const StudyResult& r = c.result;
    char progress[64];
    std::snprintf(progress, sizeof progress, "%.4f [%.4f, %.4f]", r.forward_progress.mean, r.forward_progress.ci95_low,
                  r.forward_progress.ci95_high);
    std::string losses;
    for (const auto& [cause, seconds] : largest_losses(r, 2)) {
      char item[96];
      std::snprintf(item, sizeof item, "%s%s %.1f%%", losses.empty() ? "" : ", ", cause.c_str(),
                    r.wall_time_s.mean > 0 ? 100.0 * seconds / r.wall_time_s.mean : 0.0);
      losses += item;
    }
    char per_token[32] = "n/a";
    if (r.usd_per_trained_token)
      std::snprintf(per_token, sizeof per_token, "%.4f", r.usd_per_trained_token->mean * 1e6);
    std::snprintf(line, sizeof line, "%-28s %-26s %10.2f %12.4g %12s  %s%s\n", r.scenario.c_str(), progress,
                  r.time_to_train_s.mean / 86400.0, r.total_usd.mean, per_token, losses.c_str(),
                  r.budget_reached_fraction < 1 ? "  (budget not reached)" : "");
    out += line;
  }
  const auto best = cheapest_meeting(candidates, target);
  out += "\ncheapest with " + target_text(target) + ": " +
         (best ? candidates[*best].result.scenario : std::string("none meets the target")) + "\n";
  return out;
}

nlohmann::ordered_json compare_json(const std::vector<Candidate>& candidates, const Target& target) {
  nlohmann::ordered_json out;
  out["target_forward_progress"] = target.forward_progress;
  out["target_rule"] = target_text(target);
  out["deadline_s"] = target.deadline_s ? nlohmann::ordered_json(*target.deadline_s) : nullptr;
  const auto best = cheapest_meeting(candidates, target);
  out["cheapest_meeting_target"] = best ? nlohmann::ordered_json(candidates[*best].result.scenario) : nullptr;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Candidate& c : candidates) results.push_back(result_json(c.result, c.scenario));
  out["results"] = std::move(results);
  return out;
}

std::string compare_csv(const std::vector<Candidate>& candidates) {
  std::string out = csv_header();
  for (const Candidate& c : candidates) out += csv_row(c.result);
  return out;
}

}  // namespace clustersim::models::study
