// Progress of a sharded sweep from the shards' own files: point counts per shard by hand, a finished
// shard, a half-finished one (torn last line), one that never started, one holding another sweep.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "app/batch/shard_progress.hpp"
#include "tests/models/study/fake_catalog.hpp"
#include "tests/models/study/sweep_fixture.hpp"

using namespace clustersim::models::study;
using namespace clustersim::app;
using namespace clustersim::app::batch;
using nlohmann::json;

namespace {

// 10 points: 5 intervals x 2 bandwidths.
json ten_points(const std::string& bandwidth) {
  json sweep;
  sweep["base"] = testing::base_scenario();
  sweep["axes"] = json::array();
  sweep["axes"].push_back(
      {{"path", "policies.checkpoint.levels[1].interval"}, {"values", {"5 min", "10 min", "20 min", "40 min", 3600}}});
  sweep["axes"].push_back({{"path", "architecture.storage.write_bandwidth"}, {"values", {"50 GB/s", bandwidth}}});
  return sweep;
}

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("clustersim-shard-progress-test-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST_CASE("Shard i of N holds ceil((total - i) / N) points", "[batch]") {
  REQUIRE(shard_point_count(40, {0, 4}) == 10);
  REQUIRE(shard_point_count(40, {3, 4}) == 10);
  REQUIRE(shard_point_count(10, {1, 4}) == 3);  // 1, 5, 9
  REQUIRE(shard_point_count(10, {2, 4}) == 2);  // 2, 6
  REQUIRE(shard_point_count(3, {3, 4}) == 0);
  REQUIRE(shard_point_count(7, {0, 1}) == 7);
}

TEST_CASE("Progress counts each shard's finished points from its points.jsonl", "[batch]") {
  const SweepSpec spec = parse_sweep(ten_points("100 GB/s"), ".");
  const auto root = fresh_dir("root");
  const auto directory_of = [&](std::size_t i) { return root / ("shard-" + std::to_string(i)); };
  SweepRunOptions options;
  options.threads = 1;
  // Shard 0 of 3 (points 0, 3, 6, 9) runs to the end.
  options.out_dir = directory_of(0);
  options.shard = {0, 3};
  run_sweep(spec, testing::FakeCatalog{}, testing::scripted, options);
  // Shard 1 of 3 (points 1, 4, 7) runs, then loses its last point and ends with a torn line, as a task
  // killed in the middle of a write would leave it.
  options.out_dir = directory_of(1);
  options.shard = {1, 3};
  run_sweep(spec, testing::FakeCatalog{}, testing::scripted, options);
  {
    std::ifstream in(directory_of(1) / "points.jsonl");
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    std::ofstream(directory_of(1) / "points.jsonl", std::ios::trunc) << first << "\n" << second << "\n{\"point\": 7, ";
  }
  // Shard 2 of 3 never started.
  const ShardProgress progress = read_shard_progress(spec, 3, directory_of);
  REQUIRE(progress.expected == std::vector<std::size_t>{4, 3, 3});
  REQUIRE(progress.done == std::vector<std::size_t>{4, 2, 0});
  REQUIRE(progress.done_total() == 6);
  REQUIRE(progress.expected_total() == 10);
  REQUIRE(progress.complete(0));
  REQUIRE(progress.incomplete_shards() == std::vector<std::size_t>{1, 2});

  // The same directories read as shards of a different sweep, or of a different shard count, count nothing.
  const SweepSpec other = parse_sweep(ten_points("200 GB/s"), ".");
  REQUIRE(read_shard_progress(other, 3, directory_of).done_total() == 0);
  REQUIRE(read_shard_progress(spec, 2, directory_of).done_total() == 0);
}
