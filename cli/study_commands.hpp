// The study subcommands (run, compare, validate, catalog, schema), free of CLI11. Each returns the
// process exit code: 0 ok, 1 simulation error, 2 bad input (scenario, catalog name, unit, output
// directory). Messages go to `err` as "error: <message>".
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "models/study/flows_run.hpp"
#include "models/study/run_limits.hpp"

namespace clustersim::cli {

// The limit flags (--max-nodes, --max-links, --max-seeds, --max-horizon, --max-flows, --max-events, --time-limit) as
// given; defaults are models/study/run_limits.hpp's. Durations stay text until run_limits() parses them.
struct LimitOptions {
  std::int64_t max_nodes = models::study::RunLimits{}.max_nodes;
  std::int64_t max_links = models::study::RunLimits{}.max_links;
  std::int64_t max_seeds = models::study::RunLimits{}.max_seeds;
  std::string max_horizon = sim::to_string(models::study::RunLimits{}.max_horizon);
  std::int64_t max_flows = models::study::RunLimits{}.max_flows;
  std::uint64_t max_events = models::study::RunLimits{}.max_events;
  std::string time_limit = "none";  // or a positive duration ("10 min")
};
// Throws a UnitError (bad input) naming the flag for a malformed or non-positive duration.
models::study::RunLimits run_limits(const LimitOptions& options);

struct RunOptions {
  std::vector<std::string> set;  // --set PATH=VALUE overrides (models/study/scenario_overrides.hpp)
  std::string scenario;
  int seeds = 0;                 // 0: the scenario's run.seeds
  std::string format = "table";  // table | json | csv
  std::string out_dir;           // "": write no files
  std::string trace_path;        // "": no trace; else the first seed as a Chrome trace (Perfetto)
  LimitOptions limits;
};
int run_scenario_command(const RunOptions& options, std::ostream& out, std::ostream& err);

struct FlowsOptions {
  models::study::FlowsRequest request;  // its limits come from `limits`; input "-" reads stdin
  std::string output;                   // "": stdout; else written atomically
  LimitOptions limits;
};
int flows_command(const FlowsOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

struct CompareOptions {
  std::vector<std::string> set;  // --set PATH=VALUE overrides (models/study/scenario_overrides.hpp)
  std::vector<std::string> scenarios;
  double target_progress = 0.95;
  std::string deadline;  // "": none; else a duration ("90 d") the mean time to train must not exceed
  int seeds = 0;
  std::string out_dir;
  LimitOptions limits;
};
int compare_command(const CompareOptions& options, std::ostream& out, std::ostream& err);

struct SweepOptions {
  std::vector<std::string> set;  // --set PATH=VALUE overrides (models/study/scenario_overrides.hpp)
  std::string sweep;
  int threads = 0;      // 0: hardware concurrency
  std::string out_dir;  // "": sweep-<name of the sweep file> next to the current directory
  std::string shard;    // "": the whole sweep; else "i/N"
  // --slurm / --emit-k8s: run the sweep as a batch job (app/batch/slurm_sweep.hpp).
  bool slurm = false;
  std::size_t array_size = 0;  // 0: min(points, 100)
  std::string partition;
  std::string slurm_time;  // --time: Slurm time limit per task ("": the partition's default)
  std::vector<std::string> sbatch_args;
  bool dry_run = false;
  double poll_interval_s = 10.0;
  std::string emit_k8s;  // "": no manifest; else write the Indexed Job manifest here
  std::string k8s_image = "clustersim:latest";
  std::string k8s_volume_claim = "clustersim-results";
  LimitOptions limits;
};
int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream& err);

struct MergeOptions {
  std::vector<std::string> directories;
  std::string out_dir = ".";
};
int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err);

struct SizeOptions {
  std::vector<std::string> set;  // --set PATH=VALUE overrides (models/study/scenario_overrides.hpp)
  std::string scenario;
  std::string param;
  std::string lo;  // a plain SI number or a quantity with its unit ("100 GB/s")
  std::string hi;
  double target_progress = 0.95;
  std::string deadline;  // as CompareOptions::deadline
  double confidence = 0.95;
  int seeds = 0;
  std::string tolerance;  // "": (hi - lo) / 100, integers 1
  std::string maximize;   // "": the smallest value meeting the target; "forward_progress": the best value
  std::string minimize;   // "usd_per_trained_token": the value of lowest cost per trained token
  std::string out_dir;
  LimitOptions limits;
};
int size_command(const SizeOptions& options, std::ostream& out, std::ostream& err);

// resolved: print the resolved model as JSON (models/study/resolved_json.hpp) instead of the one-line summary.
int validate_command(const std::string& scenario, const std::vector<std::string>& set, const LimitOptions& limits,
                     bool resolved, std::ostream& out, std::ostream& err);
int catalog_command(const std::string& name, std::ostream& out, std::ostream& err);
// catalog: the catalog files' formats instead of the scenario reference.
int schema_command(bool catalog, std::ostream& out);

}  // namespace clustersim::cli
