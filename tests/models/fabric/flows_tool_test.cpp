// The flows tool: results against exact max-min worked by hand, bad input, topology specs.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "models/fabric/builders.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/fabric/routing.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::fabric;
using sim::SimTime;

namespace {

std::vector<FlowResult> run(const Topology& t, const std::string& csv, RoutingChoice r = RoutingChoice::ecmp,
                            std::string* out = nullptr) {
  std::istringstream in(csv);
  std::ostringstream os;
  FlowsToolResult result = run_flows_tool(t, in, r, os);
  if (out != nullptr) *out = os.str();
  return result.flows;
}

bool throws_at(const Topology& t, const std::string& csv, std::size_t line, const std::string& field,
               const std::string& text) {
  std::istringstream in(csv);
  try {
    read_flows_csv(t, in);
  } catch (const FlowsInputError& e) {
    const std::string what = e.what();
    CHECK(e.line() == line);
    CHECK(e.field() == field);
    if (what.find(text) == std::string::npos) {
      FAIL_CHECK("message '" << what << "' lacks '" << text << "'");
      return false;
    }
    return e.line() == line && e.field() == field;
  }
  FAIL_CHECK("no FlowsInputError");
  return false;
}

}  // namespace

TEST_CASE("two flows sharing a host link: exact max-min by hand", "[flows]") {
  // Single switch, 1 GB/s links, 1 us each. Flows 0->1 (1 GB) and 0->2 (0.5 GB) at t = 0 share
  // host 0's up-link: 0.5 GB/s each after the 2 us route latency. 0->2 ends at 2 us + 1 s; then
  // 0->1 has 0.5 GB left at 1 GB/s: it ends 0.5 s later.
  Topology t = single_switch(4, 1e9, sim::microseconds(1));
  std::string out;
  auto r = run(t, "src,dst,bytes,start\n0,1,1 GB,0\n0,2,5e8,0 s\n", RoutingChoice::ecmp, &out);
  REQUIRE(r.size() == 2);
  REQUIRE(r[1].finish == sim::microseconds(2) + sim::seconds(1));
  REQUIRE(r[0].finish == sim::microseconds(2) + sim::seconds(1.5));
  REQUIRE(out ==
          "src,dst,bytes,start,finish_s,duration_s,mean_rate_bytes_per_s\n"
          "0,1,1000000000,0,1.500002,1.500002,666665777.778963\n"
          "0,2,500000000,0,1.000002,1.000002,499999000.002\n");
}

TEST_CASE("staggered starts: exact max-min by hand", "[flows]") {
  // No latency. 0->1 (1 GB) alone from 0 to 0.5 s moves 0.5 GB; 0->2 (1 GB) starts at 500 ms and both
  // get 0.5 GB/s: 0->1 ends at 1.5 s; 0->2 has 0.5 GB left then and ends 0.5 s later, at 2 s.
  // 3->1 starts at 1.5 s, when 0->1 just freed host 1's down-link: alone on its path, 0.25 s.
  Topology t = single_switch(4, 1e9, SimTime::zero());
  auto r = run(t, "src,dst,bytes,start\n0,1,1e9,0\n0,2,1e9,500 ms\n3,1,0.25 GB,1.5\n");
  REQUIRE(r[0].finish == sim::seconds(1.5));
  REQUIRE(r[1].finish == sim::seconds(2.0));
  REQUIRE(r[2].finish == sim::seconds(1.75));
}

TEST_CASE("a shift permutation on a fat tree with D-mod-k finishes in S/B + latency", "[flows]") {
  // k=4: 16 hosts; host i sends 1 GB to i + 4 mod 16 (the next pod). D-mod-k routes a shift
  // permutation over disjoint links, so every flow runs alone at 1 GB/s after 6 links x 1 us.
  Topology t = k_ary_fat_tree(4, 1e9, sim::microseconds(1));
  std::string csv = "src,dst,bytes,start\n";
  for (int i = 0; i < 16; ++i) csv += std::to_string(i) + "," + std::to_string((i + 4) % 16) + ",1e9,0\n";
  for (const auto& f : run(t, csv, RoutingChoice::dmodk)) REQUIRE(f.finish == sim::microseconds(6) + sim::seconds(1));
}

TEST_CASE("bad flows input names the line and field", "[flows]") {
  Topology t = single_switch(4, 1e9, SimTime::zero());
  const std::string h = "src,dst,bytes,start\n";
  REQUIRE(throws_at(t, "", 0, "", "no header"));
  REQUIRE(throws_at(t, "from,to,bytes,start\n", 1, "", "expected the header"));
  REQUIRE(throws_at(t, h + "0,1,1e9\n", 2, "", "expected 4 fields"));
  REQUIRE(throws_at(t, h + "0,1,1e9,0\n0,1,1e9,0,7\n", 3, "", "expected 4 fields"));
  REQUIRE(throws_at(t, h + "0,9,1e9,0\n", 2, "dst", "unknown host 9"));
  REQUIRE(throws_at(t, h + "zero,1,1e9,0\n", 2, "src", "unknown host 'zero'"));
  REQUIRE(throws_at(t, h + "0,1,-5,0\n", 2, "bytes", "must be >= 0"));
  REQUIRE(throws_at(t, h + "0,1,5 parsecs,0\n", 2, "bytes", "parsecs"));
  REQUIRE(throws_at(t, h + "0,1,5,-1 s\n", 2, "start", "must be >= 0"));
  REQUIRE(throws_at(t, h + "0,1,5,soon\n", 2, "start", "soon"));
  REQUIRE(throws_at(t, h + "0,1,5,2 s\n# comment\n\n1,2,5,1 s\n", 5, "start", "sorted"));
  REQUIRE(throws_at(t, h + "0,1,5,0\n1,2,5,0\n0,1,5,0\n", 4, "", "duplicate of line 2"));
  REQUIRE(throws_at(t, h + "2,2,5,0\n", 2, "dst", "same host"));
  // Accepted: CRLF, spaces, comments, blank lines, a header in capitals.
  std::istringstream ok("SRC, DST, BYTES, START\r\n# a comment\r\n\r\n 0 , 1 , 1 MB , 1.5 ms\r\n");
  auto rows = read_flows_csv(t, ok);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].bytes == 1e6);
  REQUIRE(rows[0].start == sim::microseconds(1500));
  REQUIRE(rows[0].line == 4);
}

TEST_CASE("topology specs for the command line", "[flows]") {
  using test::throws_naming;
  REQUIRE(build_topology_from_spec("fat_tree:k=8,bw=50GB/s,lat=1us").host_count() == 128);
  Topology ls =
      build_topology_from_spec("leaf_spine:hosts_per_leaf=16,leaves=8,spines=4,bw=50GB/s,uplink=50GB/s,lat=1us");
  REQUIRE(ls.host_count() == 128);
  REQUIRE(ls.oversubscription() == Approx(4.0));
  REQUIRE(build_topology_from_spec("leaf_spine:hosts_per_leaf=4,leaves=2,spines=1,bw=1GB/s,oversubscription=2")
              .oversubscription() == Approx(2.0));
  Topology ss = build_topology_from_spec("single_switch:hosts=16,bw=50GB/s");
  REQUIRE(ss.host_count() == 16);
  REQUIRE(ss.link(0).bytes_per_s == 50e9);
  REQUIRE(ss.link(0).latency == SimTime::zero());
  Topology df = build_topology_from_spec("dragonfly:a=4,p=2,h=2,g=9,bw=25GB/s,lat=100ns");
  REQUIRE(df.host_count() == 72);
  REQUIRE(df.dragonfly().has_value());
  REQUIRE(build_topology_from_spec("rail_optimized:nodes=4,rails=8,spines=2,bw=50GB/s").host_count() == 32);
  REQUIRE(build_topology_from_spec("fat_tree:k=4,levels=2,bw=1GB/s").host_count() == 8);

  REQUIRE(throws_naming([] { build_topology_from_spec("torus:x=4"); }, "unknown kind 'torus'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=8,bw=50GB/s,speed=3"); }, "unknown key 'speed'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:bw=50GB/s"); }, "missing key 'k'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=eight,bw=50GB/s"); }, "key 'k'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=8,bw=fast"); }, "key 'bw'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=8,bw=1GB/s,lat=soon"); }, "key 'lat'"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=8,k=4,bw=1GB/s"); }, "key 'k' given twice"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=8,bw"); }, "expected key=value"));
  REQUIRE(throws_naming([] { build_topology_from_spec("fat_tree:k=5,bw=1GB/s"); }, "fat_tree.k"));
}

// A full-bisection fat tree carries any permutation at the host link rate when every flow is sprayed
// over all its paths (no link gets more than one host's worth); ecmp and dmodk pin a flow to one path,
// where flows can collide: ecmp's hashes do here. The wall time is BM_FlowsPermutation (bench/fabric_bench.cpp).
TEST_CASE("1,024-flow permutation on a k=16 fat tree: spray at line rate, one path no faster", "[flows]") {
  const Topology t = k_ary_fat_tree(16, 50e9, sim::microseconds(1));
  std::vector<FlowRow> rows;
  for (HostId h = 0; h < 1024; ++h) {
    const HostId image = (h * 389 + 512) % 1024;  // odd factor: a permutation, with 4 fixed points
    if (image != h) rows.push_back(FlowRow{h, image, 1e9, SimTime::zero(), rows.size() + 2});
  }
  REQUIRE(rows.size() == 1020);
  // Alone, a flow ends after its route's latency (1 us a link) plus 1e9 B at 50e9 B/s.
  const auto alone = [&](const FlowRow& row) {
    return sim::microseconds(static_cast<double>(dmodk(t, row.src, row.dst).size())) + sim::milliseconds(20);
  };
  const std::vector<FlowResult> sprayed = simulate_flows(t, rows, RoutingChoice::spray);
  for (const FlowResult& r : sprayed) REQUIRE(std::abs((r.finish - alone(r.flow)).ns()) <= 1);
  // Pinned to one path, no flow ends sooner than alone; returns the makespan.
  const auto pinned_makespan = [&](RoutingChoice r) {
    INFO(to_string(r));
    FlowsToolResult stats;
    const std::vector<FlowResult> pinned = simulate_flows(t, rows, r, &stats);
    REQUIRE(pinned.size() == rows.size());
    for (const FlowResult& f : pinned) REQUIRE(f.finish - alone(f.flow) >= SimTime::from_ns(-1));
    return stats.makespan;
  };
  REQUIRE(pinned_makespan(RoutingChoice::ecmp) > sim::milliseconds(40));  // two flows or more on a link
  REQUIRE(pinned_makespan(RoutingChoice::dmodk) >= sim::milliseconds(20));
}

TEST_CASE("flows limits: rows, hosts of a spec, run budget", "[flows][limits]") {
  const Topology t = single_switch(4, 1e9, SimTime::zero());
  const std::string csv = "src,dst,bytes,start\n0,1,1e9,0\n1,2,1e9,0\n# comment\n2,3,1e9,1\n";
  {
    std::istringstream in(csv);
    REQUIRE(read_flows_csv(t, in, {}, 3).size() == 3);  // at the limit
  }
  {
    std::istringstream in(csv);
    REQUIRE_THROWS_WITH(read_flows_csv(t, in, {}, 2),
                        "flows CSV line 5: more than 2 flows is above the limit of 2 flows; raise it with --max-flows");
  }
  // Hosts and links: from the spec's counts, checked before building; every count key is capped too.
  const auto hosts = [](std::uint64_t max_hosts) {
    FlowsLimits l;
    l.max_hosts = max_hosts;
    return l;
  };
  const auto links = [](std::uint64_t max_links) {
    FlowsLimits l;
    l.max_links = max_links;
    return l;
  };
  const Topology fat_tree = build_topology_from_spec("fat_tree:k=8,bw=50GB/s", hosts(128));
  REQUIRE(fat_tree.host_count() == 128);
  REQUIRE_THROWS_WITH(build_topology_from_spec("fat_tree:k=8,bw=50GB/s", hosts(127)),
                      "topology spec 'fat_tree': 128 hosts is above the limit of 127 hosts; raise it with --max-nodes");
  REQUIRE_THROWS_WITH(build_topology_from_spec("fat_tree:k=1000,bw=50GB/s", hosts(100'000)),
                      Catch::Contains("2.5e+08 hosts is above the limit of 100000 hosts"));
  REQUIRE_THROWS_WITH(
      build_topology_from_spec("leaf_spine:hosts_per_leaf=2,leaves=2,spines=4000000000,bw=1GB/s", hosts(100)),
      "topology spec 'leaf_spine': key 'spines': 4000000000 is above the limit of 100; raise it with --max-nodes");
  REQUIRE_THROWS_WITH(build_topology_from_spec("dragonfly:a=4,p=2,h=2,g=9,bw=1GB/s", hosts(71)),
                      Catch::Contains("72 hosts"));
  REQUIRE_THROWS_WITH(build_topology_from_spec("rail_optimized:nodes=8,rails=8,spines=2,bw=1GB/s", hosts(63)),
                      Catch::Contains("64 hosts"));
  REQUIRE_THROWS_WITH(build_topology_from_spec("single_switch:hosts=101,bw=1GB/s", hosts(100)),
                      Catch::Contains("key 'hosts': 101 is above the limit of 100"));
  // The estimates are the built counts: k=8 fat tree 3 x 8^3 / 4 = 384; leaf-spine 4 x 8 hosts + 4 x 2 x 3.
  REQUIRE(fat_tree.link_count() == 384);
  REQUIRE(build_topology_from_spec("fat_tree:k=8,bw=50GB/s", links(384)).link_count() == 384);
  REQUIRE_THROWS_WITH(build_topology_from_spec("fat_tree:k=8,bw=50GB/s", links(383)),
                      "topology spec 'fat_tree': about 384 links is above the limit of 383 links; raise it with "
                      "--max-links");
  const std::string leaf_spine = "leaf_spine:hosts_per_leaf=8,leaves=4,spines=2,links=3,bw=1GB/s";
  REQUIRE(build_topology_from_spec(leaf_spine, links(56)).link_count() == 56);
  REQUIRE_THROWS_WITH(build_topology_from_spec(leaf_spine, links(55)), Catch::Contains("about 56 links"));
  REQUIRE_THROWS_WITH(
      build_topology_from_spec("leaf_spine:hosts_per_leaf=10,leaves=100000,spines=100000,bw=1GB/s", links(10'000'000)),
      Catch::Contains("about 1.0001e+10 links is above the limit of 10000000 links"));
  // Budget: the three flows need 3 wake-ups + 3 transfers' events; a cap of 2 stops the simulation.
  std::istringstream in(csv);
  std::ostringstream out;
  FlowsLimits limits;
  limits.budget.max_events = 2;
  REQUIRE_THROWS_AS(run_flows_tool(t, in, RoutingChoice::ecmp, out, limits), sim::RunLimitExceeded);
}
