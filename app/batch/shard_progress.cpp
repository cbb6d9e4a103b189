#include "app/batch/shard_progress.hpp"

#include <algorithm>
#include <numeric>

namespace clustersim::app::batch {

using namespace models::study;

std::size_t shard_point_count(std::size_t total_points, const SweepShard& shard) {
  if (shard.index >= total_points) return 0;
  return (total_points - shard.index + shard.count - 1) / shard.count;
}

std::size_t ShardProgress::done_total() const {
  return std::accumulate(done.begin(), done.end(), std::size_t{0});
}

std::size_t ShardProgress::expected_total() const {
  return std::accumulate(expected.begin(), expected.end(), std::size_t{0});
}

std::vector<std::size_t> ShardProgress::incomplete_shards() const {
  std::vector<std::size_t> shards;
  for (std::size_t i = 0; i < done.size(); ++i) {
    if (!complete(i)) shards.push_back(i);
  }
  return shards;
}

ShardProgress read_shard_progress(const SweepSpec& spec, std::size_t shard_count,
                                  const std::function<std::filesystem::path(std::size_t)>& directory_of) {
  const std::size_t total = point_count(spec);
  ShardProgress progress;
  for (std::size_t i = 0; i < shard_count; ++i) {
    const SweepShard shard{i, shard_count};
    const std::filesystem::path dir = directory_of(i);
    progress.expected.push_back(shard_point_count(total, shard));
    std::size_t done = 0;
    if (is_sweep_output_of(dir, spec, shard)) {
      for (const auto& [index, line] : read_finished_points(dir)) {
        if (index % shard_count == i && index < total) ++done;
      }
    }
    progress.done.push_back(std::min(done, progress.expected.back()));
  }
  return progress;
}

}  // namespace clustersim::app::batch
