// Result files and tables of a study: JSON (everything, including the resolved scenario and the tool
// version), CSV (one row per scenario, stable column order), and the readable summary `run` prints.
// Output is deterministic: no wall-clock times, keys in a fixed order, numbers in their shortest
// round-trip form, so the same scenario and seed give byte-identical files.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "models/study/monte_carlo.hpp"
#include "models/study/resolved_scenario.hpp"

namespace clustersim::models::study {

// {"tool", "scenario", "description", "seed", "seeds", "metrics" {"forward_progress": {"mean",
// "ci95": [lo, hi]}, "time_to_train_s", ..., "breakdown"}, "cost" {"model", "total_usd",
// "usd_per_useful_gpu_hour", "usd_per_trained_token", "usd_per_million_served_tokens" (null when
// nothing is served), "breakdown_usd"}, "runs" [per seed], "resolved_scenario"}.
nlohmann::ordered_json result_json(const StudyResult& result, const ResolvedScenario& scenario);
std::string result_json_text(const StudyResult& result, const ResolvedScenario& scenario);

std::string csv_header();
// ",compute_s,exposed_communication_s,...": one column per cause of the time breakdown (workload::kBreakdownCauses),
// seconds as means over the seeds; compare and sweep CSVs carry every loss this way.
std::string breakdown_csv_columns();
std::string csv_row(const StudyResult& result);  // ends with '\n'

// The readable summary of one study.
std::string summary_table(const StudyResult& result, const ResolvedScenario& scenario);

// A CSV field, quoted (with doubled quotes) when it holds a comma, a quote or a newline.
std::string csv_field(const std::string& text);

}  // namespace clustersim::models::study
