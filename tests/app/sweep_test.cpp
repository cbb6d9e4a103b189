// Running sweeps: shards, thread-count independence, resume after an interruption (torn last line),
// shards + merge == unsharded, points over their run budget; with a scripted campaign runner.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/atomic_write.hpp"
#include "app/sweep_runner.hpp"
#include "models/study/sweep_spec.hpp"
#include "tests/models/study/fake_catalog.hpp"
#include "tests/models/study/sweep_fixture.hpp"

using namespace clustersim::app;
using namespace clustersim::models::study;
using nlohmann::json;
using testing::scripted;
using testing::sweep_document;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("clustersim-sweep-test-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

SweepRunSummary run(const SweepSpec& spec, const std::filesystem::path& dir, int threads, SweepShard shard = {}) {
  SweepRunOptions options;
  options.out_dir = dir;
  options.threads = threads;
  options.shard = shard;
  return run_sweep(spec, testing::FakeCatalog{}, scripted, options);
}

}  // namespace

TEST_CASE("A shard is i/N with 0 <= i < N, anything else is bad input naming the value", "[sweep]") {
  REQUIRE_THROWS_WITH(parse_shard("2/2"), Catch::Contains("2/2"));
  REQUIRE_THROWS_AS(parse_shard("1"), SweepError);
  REQUIRE(parse_shard("1/4").index == 1);
}

TEST_CASE("Sweep results are byte-identical for 1 and 2 threads", "[sweep]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  const auto one = fresh_dir("t1");
  const auto two = fresh_dir("t2");
  const SweepRunSummary summary = run(spec, one, 1);
  REQUIRE(summary.ran == 12);
  REQUIRE(summary.failed == 0);
  run(spec, two, 2);
  REQUIRE(slurp(one / "sweep.jsonl") == slurp(two / "sweep.jsonl"));
  REQUIRE(slurp(one / "sweep.csv") == slurp(two / "sweep.csv"));
  const std::string csv = slurp(one / "sweep.csv");
  REQUIRE(std::count(csv.begin(), csv.end(), '\n') == 13);
  REQUIRE(csv.rfind("point,policies.checkpoint.levels[1].interval,architecture.storage.write_bandwidth,", 0) == 0);
  // A finished sweep rerun does nothing.
  REQUIRE(run(spec, one, 2).ran == 0);
  REQUIRE(slurp(one / "sweep.jsonl") == slurp(two / "sweep.jsonl"));
}

TEST_CASE("A sweep resumes after an interruption without duplicating points", "[sweep]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  const auto reference = fresh_dir("reference");
  run(spec, reference, 1);
  const auto dir = fresh_dir("resume");
  // A killed run: a few finished points in completion order, one repeated, and a torn last line.
  run(spec, dir, 1, SweepShard{0, 1});
  std::istringstream lines(slurp(reference / "sweep.jsonl"));
  std::vector<std::string> all;
  for (std::string line; std::getline(lines, line);) all.push_back(line);
  const std::string partial = all[3] + "\n" + all[0] + "\n" + all[7] + "\n" + all[0] + "\n" + all[5].substr(0, 40);
  std::ofstream(dir / "points.jsonl", std::ios::binary | std::ios::trunc) << partial;
  std::filesystem::remove(dir / "sweep.jsonl");
  std::filesystem::remove(dir / "sweep.csv");
  const SweepRunSummary summary = run(spec, dir, 2);
  REQUIRE(summary.already_done == 3);
  REQUIRE(summary.ran == 9);
  REQUIRE(slurp(dir / "sweep.jsonl") == slurp(reference / "sweep.jsonl"));
  REQUIRE(slurp(dir / "sweep.csv") == slurp(reference / "sweep.csv"));
  std::istringstream incremental(slurp(dir / "points.jsonl"));
  std::set<std::size_t> seen;
  std::size_t count = 0;
  for (std::string line; std::getline(incremental, line); ++count)
    seen.insert(json::parse(line)["point"].get<std::size_t>());
  REQUIRE(count == 12);
  REQUIRE(seen.size() == 12);
  // The directory belongs to this sweep: another one is refused.
  const SweepSpec other = parse_sweep(sweep_document("zipped"), ".");
  REQUIRE_THROWS_AS(run(other, dir, 1), OutputError);
}

TEST_CASE("Shards 0/2 and 1/2 merged equal the unsharded sweep", "[sweep]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  const auto whole = fresh_dir("whole");
  run(spec, whole, 2);
  const auto s0 = fresh_dir("shard0");
  const auto s1 = fresh_dir("shard1");
  REQUIRE(run(spec, s0, 1, SweepShard{0, 2}).points_in_shard == 6);
  REQUIRE(run(spec, s1, 2, SweepShard{1, 2}).points_in_shard == 6);
  const auto merged = fresh_dir("merged");
  REQUIRE_THROWS_WITH(merge_sweeps({s0}, merged), Catch::Contains("6 of 12 points are missing"));
  REQUIRE(merge_sweeps({s1, s0}, merged) == 12);
  REQUIRE(slurp(merged / "sweep.jsonl") == slurp(whole / "sweep.jsonl"));
  REQUIRE(slurp(merged / "sweep.csv") == slurp(whole / "sweep.csv"));
  REQUIRE_THROWS_AS(run(spec, fresh_dir("bad-shard"), 1, SweepShard{2, 2}), SweepError);
}

TEST_CASE("A sweep point over its run budget is recorded as failed, the sweep goes on, a rerun retries it",
          "[sweep][limits]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  const auto dir = fresh_dir("budget");
  // The 400 GB/s points (3 of 12) need more events than their budget allows.
  const auto over_budget = [](const clustersim::models::workload::CampaignConfig& config, std::uint64_t seed) {
    if (config.storage.write_bytes_per_s == 4e11) {
      throw clustersim::sim::RunLimitExceeded(clustersim::sim::RunLimitExceeded::Limit::events,
                                              clustersim::sim::days(2), 10, "reached the limit of 10 events per run");
    }
    return scripted(config, seed);
  };
  SweepRunOptions options;
  options.out_dir = dir;
  options.threads = 2;
  const SweepRunSummary first = run_sweep(spec, testing::FakeCatalog{}, over_budget, options);
  REQUIRE(first.ran == 12);
  REQUIRE(first.failed == 3);
  std::istringstream lines(slurp(dir / "sweep.jsonl"));
  std::string line;
  int errors = 0;
  while (std::getline(lines, line)) {
    const json record = json::parse(line);
    if (record["overrides"]["architecture.storage.write_bandwidth"] == 4e11) {
      ++errors;
      REQUIRE(record["error"] ==
              "seed 1: run stopped at simulated time 2 d after 10 events: reached the limit of 10 "
              "events per run; raise it with --max-events");
    } else {
      REQUIRE_FALSE(record.contains("error"));
    }
  }
  REQUIRE(errors == 3);
  REQUIRE_THAT(slurp(dir / "sweep.csv"), Catch::Contains("raise it with --max-events"));
  // A rerun (say with a larger budget) runs only the failed points again.
  const SweepRunSummary second = run(spec, dir, 2);
  REQUIRE(second.already_done == 9);
  REQUIRE(second.ran == 3);
  REQUIRE(second.failed == 0);
  const auto reference = fresh_dir("budget-reference");
  run(spec, reference, 1);
  REQUIRE(slurp(dir / "sweep.jsonl") == slurp(reference / "sweep.jsonl"));
}

TEST_CASE("A sweep point above a scenario cap is bad input naming the point", "[sweep][limits][bad-input]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  SweepRunOptions options;
  options.out_dir = fresh_dir("caps");
  options.limits.max_seeds = 1;
  REQUIRE_THROWS_WITH(run_sweep(spec, testing::FakeCatalog{}, scripted, options),
                      Catch::Contains("point 0") &&
                          Catch::Contains("run.seeds: 2 is above the limit of 1 seeds; raise it with --max-seeds"));
}
