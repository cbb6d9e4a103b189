// Running a sweep: every point (or one shard's slice, index % shard_count == shard_index) on a pool of
// threads, with results written as they finish and a final, sorted copy at the end.
//
// Each point is independent and deterministic: its own scenario, its own engine(s), seeds from its
// run.seed; workers take point indices from a shared counter and only the file appends are serialised,
// so the final files are byte-identical for any thread count.
//
// Files in the output directory:
//   sweep.manifest.json  the sweep (base inlined) and the shard; a rerun into a directory holding a
//                        different sweep or shard is refused (OutputError) instead of mixing results.
//   points.jsonl         one JSON object per finished point, appended with one write(2) per line, in
//                        completion order: {"point", "overrides", "scenario", "seed", "seeds", "metrics",
//                        "cost"} (metrics and cost as in models/study/result_format.hpp, without per-seed
//                        runs), or {"point", "overrides", "error"} when the point's simulation failed (a run
//                        over its budget of events or wall-clock time included: the sweep goes on).
//   points.csv           the same rows as CSV, appended alongside.
//   sweep.jsonl, sweep.csv  written atomically at the end, sorted by point index.
// Resume: on start points.jsonl is read back; a torn (unterminated or unparsable) line and any line
// that is not a point of this shard or repeats one are dropped, and so are failed points; both incremental
// files are rewritten atomically from what survived, and only the missing (and failed) points run. The CSV is always
// derived from the JSON line, so a resumed, sharded+merged or fresh run gives the same bytes.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "models/study/catalog_source.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/run_limits.hpp"
#include "models/study/sweep_spec.hpp"

namespace clustersim::app {

struct SweepShard {
  std::size_t index = 0;
  std::size_t count = 1;
};
// "i/N" with 0 <= i < N; throws SweepError naming the value.
SweepShard parse_shard(const std::string& text);

// Called under a lock after each point: (points done in this shard, points in this shard).
using SweepProgress = std::function<void(std::size_t done, std::size_t total)>;

struct SweepRunOptions {
  std::filesystem::path out_dir;
  int threads = 1;
  SweepShard shard;
  SweepProgress progress;
  models::study::RunLimits limits;  // caps on every point's scenario and the budget of each of its runs
};

struct SweepRunSummary {
  std::size_t points_total = 0;     // in the whole sweep
  std::size_t points_in_shard = 0;  // this run's slice
  std::size_t already_done = 0;     // found in points.jsonl
  std::size_t ran = 0;
  std::size_t failed = 0;  // points whose simulation threw (recorded with "error")
};

// Resolves every point first (bad input throws before anything runs), then runs the missing ones.
SweepRunSummary run_sweep(const models::study::SweepSpec& spec, const models::study::CatalogSource& catalog,
                          const models::study::CampaignRunner& runner, const SweepRunOptions& options);
// The same with the campaign model (models/workload/campaign.hpp) as the runner: what the front ends run.
SweepRunSummary run_sweep(const models::study::SweepSpec& spec, const models::study::CatalogSource& catalog,
                          const SweepRunOptions& options);

// One point's result line (no trailing newline) and its CSV row (with '\n'), from the JSON line.
std::string sweep_point_line(const models::study::SweepSpec& spec, const models::study::SweepPoint& point,
                             const models::study::StudyResult& result, const models::study::ResolvedScenario& scenario);
std::string sweep_csv_header(const std::vector<std::string>& axis_paths);
std::string sweep_csv_row(const nlohmann::json& record, const std::vector<std::string>& axis_paths);

// The points a run into `out_dir` has finished (the complete, parsable lines of its points.jsonl, the
// first copy of each point): point index -> line. Safe to call while a run is appending.
std::map<std::size_t, std::string> read_finished_points(const std::filesystem::path& out_dir);
// Whether `out_dir` holds (the start of) a run of this sweep and shard (its sweep.manifest.json matches).
bool is_sweep_output_of(const std::filesystem::path& out_dir, const models::study::SweepSpec& spec,
                        const SweepShard& shard);

// Joins the outputs of sharded runs of one sweep into sweep.jsonl and sweep.csv in `out_dir`. Every
// directory must hold the same sweep; every point must be present. Returns the number of points.
std::size_t merge_sweeps(const std::vector<std::filesystem::path>& directories, const std::filesystem::path& out_dir);

}  // namespace clustersim::app
