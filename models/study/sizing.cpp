#include "models/study/sizing.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

#include "models/study/compare.hpp"
#include "models/study/param_table.hpp"
#include "models/study/resolve.hpp"
#include "models/study/result_format.hpp"
#include "models/study/sweep_spec.hpp"
#include "models/workload/campaign.hpp"
#include "sim/number_text.hpp"
#include "sim/statistics.hpp"
#include "sim/units.hpp"

namespace clustersim::models::study {

using nlohmann::json;

std::pair<double, double> confidence_interval(const std::vector<double>& values, double confidence) {
  sim::SampleSummary summary;
  for (const double value : values) summary.add(value);
  const double mean = summary.mean();
  if (values.size() < 2) return {mean, mean};
  const boost::math::students_t distribution(static_cast<double>(values.size() - 1));
  const double t = boost::math::quantile(distribution, (1 + confidence) / 2);
  const double half = t * summary.stddev() / std::sqrt(static_cast<double>(values.size()));
  return {mean - half, mean + half};
}

namespace {

using Probe = std::function<const SizingProbe&(double)>;

// The bisection of the header comment: the smallest value that meets the target (none if hi does not).
std::optional<double> smallest_meeting(double lo, double hi, double tolerance, bool integer, const Probe& probe) {
  if (!probe(hi).meets) return std::nullopt;
  if (probe(lo).meets) return lo;
  while (hi - lo > tolerance) {
    const double mid = integer ? std::floor((lo + hi) / 2) : (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (probe(mid).meets) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

// What the search maximises for `objective`.
double score(const SizingProbe& p, SizingObjective objective) {
  return objective == SizingObjective::minimize_usd_per_trained_token ? -p.usd_per_trained_token : p.mean;
}

// The log grid and golden-section search of the header comment: the probed value of best score.
double best_value(double lo, double hi, double tolerance, bool integer, SizingObjective objective, const Probe& probe) {
  const auto value_at = [&](double log_value) {
    const double value = std::clamp(std::exp(log_value), lo, hi);
    return integer ? std::round(value) : value;
  };
  const auto mean_at = [&](double log_value) { return score(probe(value_at(log_value)), objective); };
  constexpr int kGrid = 9;
  const double log_lo = std::log(lo);
  const double step = (std::log(hi) - log_lo) / (kGrid - 1);
  int best = 0;
  for (int i = 0; i < kGrid; ++i) {
    if (mean_at(log_lo + i * step) > mean_at(log_lo + best * step)) best = i;
  }
  double a = log_lo + std::max(0, best - 1) * step;
  double b = log_lo + std::min(kGrid - 1, best + 1) * step;
  const double inverse_phi = (std::sqrt(5.0) - 1) / 2;
  double c = b - inverse_phi * (b - a);
  double d = a + inverse_phi * (b - a);
  // Each step keeps one interior point (c or d) and probes one new one.
  while (value_at(b) - value_at(a) > tolerance && value_at(c) != value_at(d)) {
    if (mean_at(c) >= mean_at(d)) {
      b = d;
      d = c;
      c = b - inverse_phi * (b - a);
    } else {
      a = c;
      c = d;
      d = a + inverse_phi * (b - a);
    }
  }
  double answer = value_at(log_lo + best * step);
  double answer_score = mean_at(log_lo + best * step);
  for (const double log_value : {a, c, d, b}) {
    if (mean_at(log_value) > answer_score) {
      answer = value_at(log_value);
      answer_score = mean_at(log_value);
    }
  }
  return answer;
}

}  // namespace

SizingResult size_parameter(const json& scenario_document, const CatalogSource& catalog, const SizingOptions& options,
                            const CampaignRunner& runner) {
  const ParamSpec* spec = find_param(pattern_path(options.param_path));
  if (spec == nullptr) {
    throw ScenarioError("--param: \"" + options.param_path +
                        "\" is not a scenario parameter (see `clustersim schema`)");
  }
  const bool integer = spec->kind == ParamKind::integer;
  if (integer || spec->kind == ParamKind::number || spec->kind == ParamKind::usd || spec->kind == ParamKind::bytes ||
      spec->kind == ParamKind::bytes_per_s || spec->kind == ParamKind::ops_per_s ||
      spec->kind == ParamKind::flops_per_s || spec->kind == ParamKind::power || spec->kind == ParamKind::duration) {
  } else {
    throw ScenarioError("--param: \"" + options.param_path + "\" is a " + std::string(kind_name(spec->kind)) +
                        ", not a numeric parameter");
  }
  if (!std::isfinite(options.lo) || !std::isfinite(options.hi) || !(options.lo < options.hi)) {
    throw ScenarioError("--lo/--hi: expected finite numbers with lo < hi, got " + sim::number_text(options.lo) +
                        " and " + sim::number_text(options.hi));
  }
  if (integer && (options.lo != std::floor(options.lo) || options.hi != std::floor(options.hi))) {
    throw ScenarioError("--lo/--hi: \"" + options.param_path + "\" is an integer parameter");
  }
  if (options.objective != SizingObjective::smallest_meeting_target && !(options.lo > 0)) {
    throw ScenarioError("--lo: --maximize searches on a log scale and needs lo > 0, got " +
                        sim::number_text(options.lo));
  }
  if (!(options.target_progress > 0 && options.target_progress <= 1)) {
    throw ScenarioError("--target-progress: expected a number in (0, 1], got " +
                        sim::number_text(options.target_progress));
  }
  if (!(options.confidence > 0 && options.confidence < 1)) {
    throw ScenarioError("--confidence: expected a number in (0, 1), got " + sim::number_text(options.confidence));
  }
  if (options.tolerance < 0 || !std::isfinite(options.tolerance)) {
    throw ScenarioError("--tolerance: expected a number >= 0, got " + sim::number_text(options.tolerance));
  }

  SizingResult result;
  result.options = options;
  result.integer = integer;
  if (result.options.tolerance == 0) result.options.tolerance = integer ? 1 : (options.hi - options.lo) / 100;
  if (integer) result.options.tolerance = std::max(1.0, std::floor(result.options.tolerance));

  const auto probe = [&](double value) -> const SizingProbe& {
    for (const SizingProbe& done : result.curve) {
      if (done.value == value) return done;
    }
    json document = scenario_document;
    set_json_path(document, options.param_path, integer ? json(static_cast<std::int64_t>(value)) : json(value));
    ResolvedScenario scenario;
    try {
      scenario = resolve_scenario(parse_scenario(document), catalog, options.limits, options.scenario_directory);
    } catch (const ScenarioError& error) {
      throw ScenarioError("--param " + options.param_path + " = " + sim::number_text(value) + ": " + error.what());
    }
    const int seeds = options.seeds > 0 ? options.seeds : scenario.seeds;
    result.options.seeds = seeds;
    result.scenario = scenario.name;
    const StudyResult study = run_study(scenario, seeds, scenario.seed, runner);
    std::vector<double> progress;
    for (const SeedRun& run : study.runs) progress.push_back(run.campaign.forward_progress);
    SizingProbe p;
    p.value = value;
    p.mean = study.forward_progress.mean;
    p.usd_per_trained_token =
        study.usd_per_trained_token ? study.usd_per_trained_token->mean : std::numeric_limits<double>::quiet_NaN();
    if (options.objective == SizingObjective::minimize_usd_per_trained_token && !study.usd_per_trained_token) {
      throw ScenarioError("--minimize usd_per_trained_token: the scenario's cost model gives no cost per token");
    }
    std::tie(p.ci_low, p.ci_high) = confidence_interval(progress, options.confidence);
    p.meets = meets_target(p.ci_low, study, Target{options.target_progress, options.deadline_s});
    result.curve.push_back(p);
    return result.curve.back();
  };

  result.kind = spec->kind;
  result.answer = options.objective == SizingObjective::smallest_meeting_target
                      ? smallest_meeting(options.lo, options.hi, result.options.tolerance, integer, probe)
                      : best_value(options.lo, options.hi, result.options.tolerance, integer, options.objective, probe);
  std::sort(result.curve.begin(), result.curve.end(),
            [](const SizingProbe& a, const SizingProbe& b) { return a.value < b.value; });
  return result;
}

SizingResult size_parameter(const json& scenario_document, const CatalogSource& catalog, const SizingOptions& options) {
  return size_parameter(scenario_document, catalog, options, workload::run_campaign);
}

namespace {

// A value with the parameter's unit, as a scenario would write it ("100 GB/s", "41.6 min"); plain otherwise.
std::string value_with_unit(const SizingResult& r, double value) {
  switch (r.kind) {
    case ParamKind::bytes:
      return sim::format_bytes(value);
    case ParamKind::bytes_per_s:
      return sim::format_bytes_per_s(value);
    case ParamKind::duration: {
      // Four significant digits in the largest unit that keeps the number at least 1 (a bisection's midpoints
      // would otherwise print every digit).
      const std::pair<double, const char*> units[] = {{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
      for (const auto& [seconds, unit] : units) {
        if (value >= seconds || seconds == 1) return sim::number_text(value / seconds, 4) + " " + unit;
      }
      return sim::number_text(value, 4) + " s";
    }
    default:
      return sim::number_text(value, 6);
  }
}

std::string objective_name(SizingObjective objective) {
  switch (objective) {
    case SizingObjective::maximize_forward_progress:
      return "maximize_forward_progress";
    case SizingObjective::minimize_usd_per_trained_token:
      return "minimize_usd_per_trained_token";
    case SizingObjective::smallest_meeting_target:
      break;
  }
  return "smallest_meeting_target";
}

}  // namespace

std::string sizing_table(const SizingResult& r) {
  char line[256];
  const std::string meets = "forward progress >= " + sim::number_text(r.options.target_progress);
  const std::string goal =
      r.options.objective == SizingObjective::maximize_forward_progress        ? "the largest mean forward progress"
      : r.options.objective == SizingObjective::minimize_usd_per_trained_token ? "the lowest mean $ per trained token"
                                                                               : meets;
  std::string out = "sizing " + r.options.param_path + " for " + r.scenario + ": " + goal + " (meets: " + meets +
                    " at " + sim::number_text(r.options.confidence * 100) + "% confidence), " +
                    std::to_string(r.options.seeds) + " seeds per value\n";
  std::snprintf(line, sizeof line, "  %-16s %10s %10s %10s %11s  %s\n", "value", "mean", "ci_low", "ci_high",
                "$/1M tok", "meets");
  out += line;
  for (const SizingProbe& p : r.curve) {
    std::snprintf(line, sizeof line, "  %-16s %10.5f %10.5f %10.5f %11.4f  %s\n", value_with_unit(r, p.value).c_str(),
                  p.mean, p.ci_low, p.ci_high, p.usd_per_trained_token * 1e6, p.meets ? "yes" : "no");
    out += line;
  }
  const std::string answer =
      r.answer ? value_with_unit(r, *r.answer) + " (" + sim::number_text(*r.answer) + ")" : std::string();
  if (r.answer && r.options.objective != SizingObjective::smallest_meeting_target) {
    const auto best =
        std::find_if(r.curve.begin(), r.curve.end(), [&](const SizingProbe& p) { return p.value == *r.answer; });
    std::snprintf(line, sizeof line, " (mean forward progress %.5f [%.5f, %.5f], $%.4f per 1M tokens)", best->mean,
                  best->ci_low, best->ci_high, best->usd_per_trained_token * 1e6);
    out += "best: " + r.options.param_path + " = " + answer + line + "; values whose interval " +
           "overlaps it are as good within the Monte Carlo noise\n";
  } else if (r.answer) {
    out += "answer: " + r.options.param_path + " = " + answer + " (tolerance " +
           value_with_unit(r, r.options.tolerance) + ")\n";
  } else {
    out += "no answer: even " + r.options.param_path + " = " + value_with_unit(r, r.options.hi) +
           " does not meet the target; raise --hi or lower the target\n";
  }
  return out;
}

nlohmann::ordered_json sizing_json(const SizingResult& r) {
  nlohmann::ordered_json out;
  out["scenario"] = r.scenario;
  out["param"] = r.options.param_path;
  out["lo"] = r.options.lo;
  out["hi"] = r.options.hi;
  out["target_progress"] = r.options.target_progress;
  out["confidence"] = r.options.confidence;
  out["seeds"] = r.options.seeds;
  out["tolerance"] = r.options.tolerance;
  out["objective"] = objective_name(r.options.objective);
  out["answer"] = r.answer ? nlohmann::ordered_json(*r.answer) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json curve = nlohmann::ordered_json::array();
  for (const SizingProbe& p : r.curve) {
    curve.push_back({{"value", p.value},
                     {"forward_progress", {{"mean", p.mean}, {"ci", {p.ci_low, p.ci_high}}}},
                     {"usd_per_trained_token", std::isfinite(p.usd_per_trained_token)
                                                   ? nlohmann::ordered_json(p.usd_per_trained_token)
                                                   : nlohmann::ordered_json(nullptr)},
                     {"meets", p.meets}});
  }
  out["curve"] = curve;
  return out;
}

std::string sizing_csv(const SizingResult& r) {
  std::string out = "value,forward_progress_mean,forward_progress_ci_low,forward_progress_ci_high,meets\n";
  for (const SizingProbe& p : r.curve) {
    out += sim::number_text(p.value) + "," + sim::number_text(p.mean) + "," + sim::number_text(p.ci_low) + "," +
           sim::number_text(p.ci_high) + "," + (p.meets ? "true" : "false") + "\n";
  }
  return out;
}

}  // namespace clustersim::models::study
