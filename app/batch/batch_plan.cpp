#include "app/batch/batch_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace clustersim::app::batch {

using namespace models::study;

BatchPlan plan_batch(const SweepSpec& spec, const BatchRequest& request) {
  BatchPlan plan;
  plan.points = point_count(spec);
  if (request.array_size > plan.points) {
    throw std::invalid_argument("--array-size: " + std::to_string(request.array_size) + " is above the " +
                                std::to_string(plan.points) + " points of " + request.sweep_file.string() +
                                " (at most one array task per point)");
  }
  plan.shard_count = request.array_size > 0 ? request.array_size : std::min(plan.points, default_max_array_size);
  plan.sweep_file = std::filesystem::absolute(request.sweep_file).lexically_normal();
  plan.out_dir = std::filesystem::absolute(request.out_dir).lexically_normal();
  if (!plan.out_dir.has_filename()) plan.out_dir = plan.out_dir.parent_path();
  plan.clustersim = std::filesystem::absolute(request.clustersim).lexically_normal();
  plan.threads = request.threads;
  plan.task_args = request.task_args;
  plan.job_name = "clustersim-";
  for (const char c : request.sweep_file.stem().string()) {
    const bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    plan.job_name += keep ? c : '_';
  }
  return plan;
}

std::optional<std::string> unshared_directory_warning(const std::filesystem::path& out_dir) {
  for (const char* local : {"/tmp", "/var/tmp", "/dev/shm", "/run"}) {
    const std::filesystem::path root(local);
    const auto [end, _] = std::mismatch(root.begin(), root.end(), out_dir.begin(), out_dir.end());
    if (end == root.end()) {
      return "warning: --out " + out_dir.string() + " is under " + local +
             ", which compute nodes usually do not share with this machine: the array tasks write their shards "
             "there, so use a shared file system unless the cluster is this one machine";
    }
  }
  return std::nullopt;
}

}  // namespace clustersim::app::batch
