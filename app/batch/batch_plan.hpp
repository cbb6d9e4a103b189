// What a sweep on a batch system (Slurm job array, Kubernetes Indexed Job) is made of, checked before
// anything is written or submitted: absolute paths (the tasks start elsewhere), the number of shards
// (one per array task; at most one per point, default min(points, 100)), a job name, and the extra
// arguments every task's `clustersim sweep` gets (the run-limit flags, limit_args.hpp).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/study/sweep_spec.hpp"

namespace clustersim::app::batch {

inline constexpr std::size_t default_max_array_size = 100;

struct BatchRequest {
  std::filesystem::path sweep_file;
  std::filesystem::path out_dir;
  std::filesystem::path clustersim;    // the executable the tasks run
  std::size_t array_size = 0;          // 0: min(points, default_max_array_size)
  int threads = 0;                     // 0: what the scheduler gives each task
  std::vector<std::string> task_args;  // appended to each task's `clustersim sweep` ("--max-nodes", "200000")
};

struct BatchPlan {
  std::filesystem::path sweep_file;  // absolute
  std::filesystem::path out_dir;     // absolute
  std::filesystem::path clustersim;  // absolute
  std::size_t points = 0;
  std::size_t shard_count = 0;
  int threads = 0;
  std::vector<std::string> task_args;
  std::string job_name;  // "clustersim-<sweep file stem>", letters, digits, '-', '_', '.' only
};

// Throws std::invalid_argument naming --array-size when it is above the number of points.
BatchPlan plan_batch(const models::study::SweepSpec& spec, const BatchRequest& request);

// A warning when the results directory is on storage that compute nodes usually do not share (/tmp,
// /var/tmp, /dev/shm, /run), else nothing. Whether a directory is shared cannot be told from here.
std::optional<std::string> unshared_directory_warning(const std::filesystem::path& out_dir);

}  // namespace clustersim::app::batch
