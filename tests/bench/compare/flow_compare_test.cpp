// The flow-comparison scenarios, the clustersim runner's bounds and the SimGrid files (bench/compare).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "bench/compare/churn_workload.hpp"
#include "bench/compare/clustersim_run.hpp"
#include "bench/compare/flow_scenarios.hpp"
#include "bench/compare/simgrid_run.hpp"

using namespace clustersim::bench;
using clustersim::sim::SimTime;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flow_compare_test.XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

// Two links of 1e9 B/s (1 us each unless `latency` is zero); one worker sending two 1e9-byte flows
// over link 0, then a second worker sending one flow over links 0 and 1.
FlowScenario small_scenario(SimTime latency) {
  FlowScenario s;
  s.name = "small";
  s.hosts = 3;
  s.links = {{1e9, latency}, {1e9, latency}};
  s.workers = 1;
  s.flows.push_back(PlannedFlow{0, 0, 1, 1e9, {0}, {}});
  s.flows.push_back(PlannedFlow{0, 0, 1, 1e9, {0}, {}});
  return s;
}

}  // namespace

TEST_CASE("flowchurn1k draws BM_FlowChurn's flows, one host pair per flow") {
  const FlowScenario s = make_scenario("flowchurn1k");
  REQUIRE(s.flows.size() == 20000);
  CHECK(s.workers == 1000);
  CHECK(s.links.size() == 1000);
  CHECK(s.links[0].bytes_per_s == 12.5e9);
  CHECK(s.links[999].bytes_per_s == 80e9);
  CHECK(s.hosts == 142);  // 142 x 141 = 20,022 >= 20,000 > 141 x 140 = 19,740 ordered pairs
  // Worker 7's third flow is the third draw of BM_FlowChurn's stream of worker 7.
  clustersim::sim::RandomStream rng(churn_worker_seed(7));
  ChurnFlow third;
  for (int i = 0; i < 3; ++i) third = draw_churn_flow(rng);
  const PlannedFlow& flow = s.flows[7 * 20 + 2];
  CHECK(flow.worker == 7);
  CHECK(flow.bytes == std::round(third.bytes));
  REQUIRE(flow.route.size() == third.access.size() + third.core.size());
  CHECK(flow.route[0] == static_cast<LinkIndex>(third.access[0]));
  CHECK(flow.route[2] == static_cast<LinkIndex>(900 + third.core[0]));
  std::set<std::pair<HostIndex, HostIndex>> pairs;
  for (const PlannedFlow& f : s.flows) {
    CHECK(f.source != f.destination);
    CHECK(f.destination < s.hosts);
    pairs.insert({f.source, f.destination});
    CHECK(f.bytes >= 64.0 * 1024 * 1024);
    CHECK(f.bytes <= 192.0 * 1024 * 1024);
  }
  CHECK(pairs.size() == s.flows.size());
}

TEST_CASE("burst4k is a permutation of D-mod-k routes of 2 or 4 links") {
  const FlowScenario s = make_scenario("burst4k");
  REQUIRE(s.flows.size() == 4096);
  std::set<HostIndex> receivers;
  for (const PlannedFlow& f : s.flows) {
    receivers.insert(f.destination);
    CHECK((f.route.size() == 2 || f.route.size() == 4));
    CHECK(route_latency(s, f.route) == SimTime::from_ns(1000 * static_cast<std::int64_t>(f.route.size())));
    CHECK(f.reverse.size() == f.route.size());
  }
  CHECK(receivers.size() == 4096);
  CHECK_THROWS_AS(make_scenario("burst5k"), std::invalid_argument);
}

TEST_CASE("run_clustersim: a worker's flows one after the other, and a bound on simulated time") {
  const FlowScenario s = small_scenario(SimTime::zero());
  // Alone on a 1e9 B/s link, each 1e9-byte flow takes 1 s.
  CHECK(run_clustersim(s, Semantics::plain).completion_s == std::vector<double>{1.0, 2.0});
  CHECK(run_clustersim(s, Semantics::plain, 1.5).completion_s == std::vector<double>{1.0, -1.0});
  CHECK(finished_only({1.0, -1.0, 3.0}) == std::vector<double>{1.0, 3.0});
  // CM02 weighs by 1 / route latency: undefined without latency.
  CHECK_THROWS_AS(run_clustersim(s, Semantics::cm02), std::invalid_argument);
}

TEST_CASE("SimGrid files: plain pads short routes to equal sharing penalties, cm02 and latency-free do not") {
  FlowScenario s = small_scenario(SimTime::from_ns(1000));
  s.workers = 2;
  s.flows.push_back(PlannedFlow{1, 2, 1, 1e9, {0, 1}, {}});  // sum of 1/bw: 2e-9; the others 1e-9
  {
    TempDir dir;
    write_simgrid_files(s, Semantics::plain, dir.path);
    const std::string flows = read_text(dir.path + "/flows.txt");
    // Route h0 -> h1 lacks 1e-9 s/B: bottleneck 1e9 x 1e-9 = 1 padding link of 1e9 B/s.
    CHECK(flows == "2 3\n0 h0 h1 1000000000 d0,p0\n0 h0 h1 1000000000 d0,p0\n1 h2 h1 1000000000 d0,d1\n");
    const std::string platform = read_text(dir.path + "/platform.xml");
    const std::string p0 = "<link id=\"p0\" bandwidth=\"";
    const std::size_t at = platform.find(p0);
    REQUIRE(at != std::string::npos);
    CHECK(std::stod(platform.substr(at + p0.size())) == Approx(1e9).epsilon(1e-12));
    CHECK(platform.find("<route src=\"h0\" dst=\"h1\" symmetrical=\"NO\"><link_ctn id=\"d0\"/><link_ctn id=\"p0\"/>"
                        "</route>") != std::string::npos);
    CHECK(platform.find("id=\"p1\"") == std::string::npos);
  }
  {
    TempDir dir;
    write_simgrid_files(s, Semantics::cm02, dir.path);
    CHECK(read_text(dir.path + "/flows.txt").find(",p0") == std::string::npos);
  }
  {
    TempDir dir;
    write_simgrid_files(small_scenario(SimTime::zero()), Semantics::plain, dir.path);
    CHECK(read_text(dir.path + "/flows.txt") == "1 2\n0 h0 h1 1000000000 d0\n0 h0 h1 1000000000 d0\n");
  }
}
