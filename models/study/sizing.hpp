// Sizing: the smallest value of one numeric scenario parameter (shared-storage bandwidth, spare nodes,
// NVMe drives per node, ...) that meets a forward-progress target with confidence, by bisection.
//
// A value meets the target by the rule every ranking uses (compare.hpp: meets_target): the lower end of the
// two-sided `confidence` interval of the mean forward progress over the Monte Carlo seeds is >= target,
//     mean - t_{(1+c)/2, n-1} * s / sqrt(n) >= target   (Student's t, Boost.Math; n = 1: the mean),
// every seed reached the token budget and, with a deadline, the mean time to train is within it.
// Every probe uses the same seeds (common random numbers), so probes differ only by the parameter.
// Forward progress is assumed non-decreasing in the parameter (monotone). The search first checks hi
// (if it fails, there is no answer in [lo, hi]), then lo (if it meets, lo is the answer), then bisects
// keeping lo failing and hi meeting until hi - lo <= tolerance (integer parameters: hi - lo <= 1, and
// midpoints are rounded down). The answer is the final hi. Values are plain SI numbers (bytes/s,
// seconds, counts) as the parameter table defines them.
//
// With the objective maximize_forward_progress (or minimize_usd_per_trained_token) the search finds the value of
// largest mean forward progress (of lowest mean cost per trained token) instead, for parameters where it is not
// monotone (a checkpoint interval: too short blocks, too long loses work; a bandwidth: too little stalls, too
// much costs). It probes
// 9 values evenly spaced on a log scale over [lo, hi] (lo > 0), then narrows the bracket around the best of them
// by golden-section search on the log scale until the bracket is no wider than the tolerance. The answer is the
// best value probed; the mean is a Monte Carlo estimate, so values whose intervals overlap the answer's are as
// good within the noise (the curve shows them). Tables print values with the parameter's unit ("41.6 min",
// "100 GB/s"); JSON and CSV keep plain SI numbers.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/study/catalog_source.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/param_table.hpp"
#include "models/study/run_limits.hpp"

namespace clustersim::models::study {

enum class SizingObjective { smallest_meeting_target, maximize_forward_progress, minimize_usd_per_trained_token };

struct SizingOptions {
  std::string param_path;  // e.g. "architecture.storage.write_bandwidth"
  double lo = 0;
  double hi = 0;
  double target_progress = 0.95;
  std::optional<double> deadline_s;  // also: the mean time to train within it (compare.hpp's rule)
  double confidence = 0.95;
  int seeds = 0;         // 0: the scenario's run.seeds
  double tolerance = 0;  // 0: (hi - lo) / 100 (integers: 1)
  SizingObjective objective = SizingObjective::smallest_meeting_target;
  RunLimits limits;                          // caps on every probe's scenario and the budget of each run
  std::filesystem::path scenario_directory;  // where relative file names in the scenario are looked up
};

struct SizingProbe {
  double value = 0;
  double mean = 0;
  double ci_low = 0;  // at the requested confidence
  double ci_high = 0;
  double usd_per_trained_token = 0;  // mean over the seeds; NaN when the cost model gives none
  bool meets = false;
};

struct SizingResult {
  std::string scenario;
  SizingOptions options;  // with seeds and tolerance filled in
  bool integer = false;
  ParamKind kind = ParamKind::number;  // of the parameter, for printing values with their unit
  std::optional<double> answer;        // empty: even hi does not meet the target (maximizing: always set)
  std::vector<SizingProbe> curve;      // every probe, by value
};

// Lower and upper ends of the two-sided `confidence` interval of the mean of `values`.
std::pair<double, double> confidence_interval(const std::vector<double>& values, double confidence);

// Throws ScenarioError (bad parameter path or kind, lo/hi/target/confidence out of range).
SizingResult size_parameter(const nlohmann::json& scenario_document, const CatalogSource& catalog,
                            const SizingOptions& options, const CampaignRunner& runner);
// The same with the campaign model (models/workload/campaign.hpp) as the runner: what the front ends run.
SizingResult size_parameter(const nlohmann::json& scenario_document, const CatalogSource& catalog,
                            const SizingOptions& options);

std::string sizing_table(const SizingResult& result);
nlohmann::ordered_json sizing_json(const SizingResult& result);
std::string sizing_csv(const SizingResult& result);

}  // namespace clustersim::models::study
