// `clustersim sweep SWEEP --slurm`: a sweep run as a Slurm job array, one shard per array task.
//
//   1. plan (batch_plan.hpp) and render the script (slurm_script.hpp); --dry-run prints it and stops;
//   2. check that sbatch/scontrol exist, the controller answers and the partition exists;
//   3. write OUT/sweep.sbatch and submit only the shards that are not complete yet (a rerun of the same
//      command after a failure resubmits exactly the missing shards; each resumes its finished points),
//      noting the job id in OUT/sweep.jobid; a rerun while that job is still active watches it instead;
//   4. every poll interval, report points done / total from the shards' points.jsonl files (the caller's
//      progress callback draws the bar and ETA) and ask the controller whether any task is still active;
//   5. when none is: name each shard that is still incomplete with its task state and log, and exit 1;
//      else merge the shards into OUT/sweep.jsonl and OUT/sweep.csv, as `clustersim merge` does.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/batch/batch_plan.hpp"
#include "app/sweep_runner.hpp"

namespace clustersim::app::batch {

struct SlurmSweepOptions {
  BatchRequest request;
  std::string partition;
  std::string time_limit;
  std::vector<std::string> sbatch_args;
  bool dry_run = false;
  double poll_interval_s = 10.0;
  SweepProgress progress;  // (points done, points total), after every poll
};

// Returns the exit code: 0 merged, 1 a task failed or a point's simulation failed. Throws
// std::invalid_argument for bad input (named option), std::runtime_error when Slurm fails.
int run_slurm_sweep(const models::study::SweepSpec& spec, const SlurmSweepOptions& options, std::ostream& out,
                    std::ostream& err);

// `--emit-k8s`: writes the Indexed Job manifest of the same sweep to `manifest_path`.
struct K8sEmitOptions {
  BatchRequest request;
  std::filesystem::path manifest_path;
  std::string image;
  std::string volume_claim;
};
void emit_k8s_sweep(const models::study::SweepSpec& spec, const K8sEmitOptions& options, std::ostream& out);

}  // namespace clustersim::app::batch
