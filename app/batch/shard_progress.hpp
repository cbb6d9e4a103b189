// Progress of a sharded sweep, read from the shards' incremental outputs (points.jsonl, appended one
// whole line per finished point): nothing else is needed, so it works for any scheduler and while the
// shards are still running. Shard i of N holds the points p with p % N == i, so it has
// ceil((total - i) / N) points (0 when i >= total). A shard counts only when its directory holds this
// sweep and shard (its manifest matches); it is complete when every one of its points has a line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "app/sweep_runner.hpp"
#include "models/study/sweep_spec.hpp"

namespace clustersim::app::batch {

std::size_t shard_point_count(std::size_t total_points, const SweepShard& shard);

struct ShardProgress {
  std::vector<std::size_t> done;      // finished points, by shard index
  std::vector<std::size_t> expected;  // points, by shard index
  std::size_t done_total() const;
  std::size_t expected_total() const;
  bool complete(std::size_t shard_index) const { return done[shard_index] == expected[shard_index]; }
  std::vector<std::size_t> incomplete_shards() const;
};

// `directory_of(i)` is the results directory of shard i of `shard_count`.
ShardProgress read_shard_progress(const models::study::SweepSpec& spec, std::size_t shard_count,
                                  const std::function<std::filesystem::path(std::size_t)>& directory_of);

}  // namespace clustersim::app::batch
