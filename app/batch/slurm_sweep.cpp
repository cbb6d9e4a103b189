#include "app/batch/slurm_sweep.hpp"

#include <chrono>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "app/atomic_write.hpp"
#include "app/batch/k8s_manifest.hpp"
#include "app/batch/shard_progress.hpp"
#include "app/batch/slurm_client.hpp"
#include "app/batch/slurm_script.hpp"

namespace clustersim::app::batch {

using namespace models::study;

namespace {

// Consecutive failed status queries tolerated (a controller restart) before giving up.
constexpr int max_status_failures = 5;

ShardProgress progress_of(const SweepSpec& spec, const BatchPlan& plan) {
  return read_shard_progress(spec, plan.shard_count,
                             [&](std::size_t i) { return shard_directory(plan.out_dir, i, plan.shard_count); });
}

// Polls until no task of `job_id` is active; returns the last status the controller gave (if any).
std::optional<ArrayJobStatus> wait_for_tasks(const SweepSpec& spec, const BatchPlan& plan, const SlurmClient& slurm,
                                             const std::string& job_id, const SlurmSweepOptions& options) {
  std::optional<ArrayJobStatus> last;
  int failures = 0;
  const auto interval = std::chrono::duration<double>(options.poll_interval_s);
  for (;;) {
    std::optional<ArrayJobStatus> status;
    try {
      status = slurm.status(job_id);
      failures = 0;
    } catch (const std::runtime_error&) {
      if (++failures >= max_status_failures) throw;
    }
    if (options.progress) {
      const ShardProgress progress = progress_of(spec, plan);
      options.progress(progress.done_total(), progress.expected_total());
    }
    if (status) last = status;
    if (failures == 0 && (!status || !status->active)) return last;
    std::this_thread::sleep_for(interval);
  }
}

// The job a previous run submitted (OUT/sweep.jobid) when the controller says some task of it is still
// pending or running and still carries this sweep's job name (an id alone could be another job's on
// a controller that lost its state): a rerun then watches it rather than submit the same shards twice.
std::optional<std::string> still_active_job(const SlurmClient& slurm, const std::filesystem::path& job_file,
                                            const std::string& job_name) {
  std::ifstream in(job_file);
  std::string job_id;
  if (!(in >> job_id)) return std::nullopt;
  const std::optional<ArrayJobStatus> status = slurm.status(job_id);
  if (status && status->active && status->job_name == job_name) return job_id;
  return std::nullopt;
}

std::size_t failed_points(const std::filesystem::path& out_dir) {
  std::size_t failed = 0;
  for (const auto& [index, line] : read_finished_points(out_dir)) {
    if (nlohmann::json::parse(line).contains("error")) ++failed;
  }
  return failed;
}

}  // namespace

int run_slurm_sweep(const SweepSpec& spec, const SlurmSweepOptions& options, std::ostream& out, std::ostream& err) {
  if (!(options.poll_interval_s > 0 && options.poll_interval_s <= 3600)) {
    throw std::invalid_argument("--poll-interval: expected seconds in (0, 3600]");
  }
  const BatchPlan plan = plan_batch(spec, options.request);
  SlurmScriptOptions script_options;
  script_options.clustersim = plan.clustersim;
  script_options.sweep = plan.sweep_file;
  script_options.out_dir = plan.out_dir;
  script_options.job_name = plan.job_name;
  script_options.shard_count = plan.shard_count;
  script_options.threads = plan.threads;
  script_options.task_args = plan.task_args;
  script_options.partition = options.partition;
  script_options.time_limit = options.time_limit;
  script_options.sbatch_args = options.sbatch_args;
  const std::string script = render_slurm_script(script_options);
  if (options.dry_run) {
    out << script;
    return 0;
  }

  const SlurmClient slurm;
  if (const auto warning = unshared_directory_warning(plan.out_dir)) err << *warning << "\n";
  slurm.check_controller();
  if (!options.partition.empty() && !slurm.partition_exists(options.partition)) {
    throw std::invalid_argument("--partition: the cluster has no partition \"" + options.partition +
                                "\" (sinfo lists them)");
  }
  ensure_writable_directory(plan.out_dir);
  ensure_writable_directory(plan.out_dir / "logs");
  const std::filesystem::path script_path = slurm_script_path(plan.out_dir);
  write_file_atomically(script_path, script);

  const std::vector<std::size_t> missing = progress_of(spec, plan).incomplete_shards();
  std::optional<ArrayJobStatus> status;
  const std::filesystem::path job_file = slurm_job_id_path(plan.out_dir);
  const std::optional<std::string> running_job = still_active_job(slurm, job_file, plan.job_name);
  if (running_job) {
    out << "Slurm array job " << *running_job << " of this sweep is still active: watching it instead of submitting\n"
        << std::flush;
    status = wait_for_tasks(spec, plan, slurm, *running_job, options);
  } else if (missing.empty()) {
    out << "all " << plan.shard_count << " shards of " << plan.points << " points are already complete\n";
  } else {
    const std::string indices = array_index_list(missing);
    const std::string job_id = slurm.submit(script_path, missing.size() == plan.shard_count ? std::string() : indices);
    write_file_atomically(job_file, job_id + "\n");
    out << "submitted Slurm array job " << job_id << ": tasks " << indices << " of " << plan.shard_count << " shards, "
        << plan.points << " points; script " << script_path.string() << ", logs in " << (plan.out_dir / "logs").string()
        << "\n"
        << std::flush;
    status = wait_for_tasks(spec, plan, slurm, job_id, options);
  }

  const ShardProgress progress = progress_of(spec, plan);
  const std::vector<std::size_t> incomplete = progress.incomplete_shards();
  if (!incomplete.empty()) {
    for (const std::size_t i : incomplete) {
      std::string ending = "ended without a record (cancelled before it started?)";
      if (status && status->tasks.count(i) > 0) {
        ending = "ended " + status->tasks.at(i).state + " (exit " + status->tasks.at(i).exit_code + ")";
      }
      err << "error: array task " << i << " (shard " << i << "/" << plan.shard_count << ") " << ending << " with "
          << progress.done[i] << " of " << progress.expected[i]
          << " points; log: " << shard_log_path(plan.out_dir, i).string() << "\n";
    }
    err << "resubmit only the missing shards: rerun this command, or sbatch --array=" << array_index_list(incomplete)
        << " " << script_path.string() << " and then clustersim merge\n";
    return 1;
  }

  std::vector<std::filesystem::path> shards;
  std::size_t failed = 0;
  for (std::size_t i = 0; i < plan.shard_count; ++i) {
    shards.push_back(shard_directory(plan.out_dir, i, plan.shard_count));
    failed += failed_points(shards.back());
  }
  const std::size_t merged = merge_sweeps(shards, plan.out_dir);
  out << "merged " << merged << " points from " << plan.shard_count << " shards into "
      << (plan.out_dir / "sweep.csv").string() << " and sweep.jsonl\n";
  if (failed > 0) {
    err << "simulation error: " << failed << " points failed (see the \"error\" column)\n";
    return 1;
  }
  return 0;
}

void emit_k8s_sweep(const SweepSpec& spec, const K8sEmitOptions& options, std::ostream& out) {
  const BatchPlan plan = plan_batch(spec, options.request);
  if (options.image.empty()) throw std::invalid_argument("--k8s-image: expected a container image");
  if (options.volume_claim.empty()) throw std::invalid_argument("--k8s-volume-claim: expected a claim name");
  K8sJobOptions job;
  job.job_name = dns_label(plan.job_name);
  job.image = options.image;
  job.sweep = plan.sweep_file;
  job.out_dir = plan.out_dir;
  job.volume_claim = options.volume_claim;
  job.shard_count = plan.shard_count;
  job.threads = std::max(1, plan.threads);
  job.task_args = plan.task_args;
  write_file_atomically(options.manifest_path, render_k8s_job(job));
  out << "wrote " << options.manifest_path.string() << ": Kubernetes Indexed Job " << job.job_name << ", "
      << plan.shard_count << " shards of " << plan.points << " points (kubectl apply -f "
      << options.manifest_path.string() << "; then clustersim merge)\n";
}

}  // namespace clustersim::app::batch
