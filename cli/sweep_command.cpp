// `clustersim sweep` and `clustersim merge`: see app/sweep_runner.hpp.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <ostream>
#include <thread>

#include "app/atomic_write.hpp"
#include "app/batch/limit_args.hpp"
#include "app/batch/slurm_sweep.hpp"
#include "app/sweep_runner.hpp"
#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"

namespace clustersim::cli {

namespace study = models::study;

namespace {

std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buffer;
}

// A bar with ETA when stderr is a terminal; otherwise a plain line every 10 s and at the end.
app::SweepProgress sweep_progress() {
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  auto last_line = start;
  bool first_line = true;
  bool ended = false;
  std::size_t first_done = static_cast<std::size_t>(-1);
  return [=](std::size_t done, std::size_t total) mutable {
    if (done == total && ended) return;  // a watcher may report the finished state more than once
    ended = done == total;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start).count();
    if (first_done == static_cast<std::size_t>(-1)) first_done = done;  // points found on disk
    const std::size_t ran = done - first_done;
    const std::string eta =
        ran > 0 ? clock_text(elapsed / static_cast<double>(ran) * static_cast<double>(total - done)) : "?";
    if (terminal) {
      const int width = 30;
      const int filled = total > 0 ? static_cast<int>(done * width / total) : width;
      std::fprintf(stderr, "\rsweep [%s%s] %zu/%zu points  elapsed %s  ETA %s ", std::string(filled, '#').c_str(),
                   std::string(width - filled, ' ').c_str(), done, total, clock_text(elapsed).c_str(), eta.c_str());
      if (done == total) std::fputc('\n', stderr);
    } else if (first_line || done == total || std::chrono::duration<double>(now - last_line).count() >= 10) {
      std::fprintf(stderr, "sweep: %zu/%zu points, elapsed %s, ETA %s\n", done, total, clock_text(elapsed).c_str(),
                   eta.c_str());
      last_line = now;
      first_line = false;
    }
    std::fflush(stderr);
  };
}

std::filesystem::path sweep_out_dir(const SweepOptions& options) {
  return options.out_dir.empty()
             ? std::filesystem::path("sweep-" + std::filesystem::path(options.sweep).stem().string())
             : std::filesystem::path(options.out_dir);
}

// --slurm and --emit-k8s: the same sweep as a batch job whose tasks run this executable with --shard.
int batch_sweep_command(const SweepOptions& options, const study::SweepSpec& spec, std::ostream& out,
                        std::ostream& err) {
  if (!options.shard.empty()) throw study::SweepError("--shard: not with --slurm or --emit-k8s (each task gets one)");
  if (options.slurm && !options.emit_k8s.empty()) throw study::SweepError("--emit-k8s: not with --slurm");
  namespace batch = app::batch;
  batch::BatchRequest request;
  request.sweep_file = options.sweep;
  request.out_dir = sweep_out_dir(options);
  request.clustersim = std::filesystem::read_symlink("/proc/self/exe");
  request.array_size = options.array_size;
  request.threads = options.threads;
  // The tasks run under the limits given here (checked now, so a bad value fails before anything is written).
  request.task_args = batch::limit_task_args(run_limits(options.limits));
  if (!options.emit_k8s.empty()) {
    batch::K8sEmitOptions k8s{request, options.emit_k8s, options.k8s_image, options.k8s_volume_claim};
    batch::emit_k8s_sweep(spec, k8s, out);
    return 0;
  }
  batch::SlurmSweepOptions slurm;
  slurm.request = request;
  slurm.partition = options.partition;
  slurm.time_limit = options.slurm_time;
  slurm.sbatch_args = options.sbatch_args;
  slurm.dry_run = options.dry_run;
  slurm.poll_interval_s = options.poll_interval_s;
  slurm.progress = sweep_progress();
  return batch::run_slurm_sweep(spec, slurm, out, err);
}

}  // namespace

int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const app::SweepShard shard = options.shard.empty() ? app::SweepShard{} : app::parse_shard(options.shard);
    if (options.threads < 0) throw study::SweepError("--threads: expected an integer >= 1");
    study::SweepSpec spec = study::load_sweep_file(options.sweep);
    if (!options.set.empty()) {
      // The batch tasks run the sweep file as written: a change for them belongs in the file.
      if (options.slurm || !options.emit_k8s.empty())
        throw study::SweepError("--set: not with --slurm or --emit-k8s; put the change in the sweep's base scenario");
      study::apply_overrides(spec.base, study::parse_overrides(options.set));
      spec.document["base"] = spec.base;  // the manifest records it: a resume without the same --set is refused
    }
    if (options.slurm || !options.emit_k8s.empty()) return batch_sweep_command(options, spec, out, err);
    if (options.dry_run || options.array_size > 0 || !options.partition.empty() || !options.slurm_time.empty() ||
        !options.sbatch_args.empty()) {
      throw study::SweepError("--dry-run, --array-size, --partition, --time and --sbatch-arg need --slurm");
    }
    const std::filesystem::path out_dir = sweep_out_dir(options);
    const auto catalog = study::load_catalog_source();
    app::SweepRunOptions run;
    run.out_dir = out_dir;
    run.threads =
        options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    run.shard = shard;
    run.progress = sweep_progress();
    run.limits = run_limits(options.limits);
    const auto start = std::chrono::steady_clock::now();
    const app::SweepRunSummary summary = app::run_sweep(spec, *catalog, run);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out << "sweep " << options.sweep << ": " << summary.points_in_shard << " of " << summary.points_total
        << " points (shard " << shard.index << "/" << shard.count << "), " << summary.already_done << " already done, "
        << summary.ran << " run on " << run.threads << " threads in " << clock_text(elapsed) << "; results in "
        << (out_dir / "sweep.csv").string() << " and sweep.jsonl\n";
    if (summary.failed > 0) {
      err << "simulation error: " << summary.failed << " points failed (see the \"error\" column)\n";
      return 1;
    }
    return 0;
  });
}

int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    std::vector<std::filesystem::path> directories(options.directories.begin(), options.directories.end());
    const std::size_t points = app::merge_sweeps(directories, options.out_dir);
    out << "merged " << points << " points from " << directories.size() << " directories into "
        << (std::filesystem::path(options.out_dir) / "sweep.csv").string() << " and sweep.jsonl\n";
    return 0;
  });
}

}  // namespace clustersim::cli
