// The scenario's fabric routing and link layer, and fabrics read from SimGrid platform files: the
// fields resolve and reach the fabric model (a shift permutation collides under ECMP, not D-mod-k).
#include <catch2/catch.hpp>

#include <filesystem>

#include "fake_catalog.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/study/fabric_plan.hpp"
#include "models/study/resolve.hpp"

using namespace clustersim;
using namespace clustersim::models::study;
using clustersim::models::study::testing::FakeCatalog;
using clustersim::models::study::testing::resolution_error;
using nlohmann::json;
namespace fabric = clustersim::models::fabric;

namespace {

// 8 nodes x 8 GPUs = 64 hosts; 4 leaves of 16 hosts and 16 up-links (radix 32); a spine has 32 ports,
// so 8 parallel links to each leaf and 2 spines, every link at the host bandwidth (full bisection).
json scenario() {
  return json::parse(R"({
    "name": "routing",
    "architecture": {
      "node": "DGX-H100", "nodes": 8,
      "fabric": {"kind": "leaf_spine", "nodes_per_leaf": 2, "switch_radix": 32},
      "storage": "pfs"
    },
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "policies": {"checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
}

std::string platform(const char* name) {
  return (std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios" / "platforms" / name).string();
}

// Makespan of a shift-by-16 permutation (every host sends 1 GB to the same port of the next leaf).
sim::SimTime shift_makespan(const ScenarioFabric& built) {
  std::vector<fabric::FlowRow> rows;
  for (fabric::HostId s = 0; s < 64; ++s) rows.push_back({s, (s + 16) % 64, 1e9, sim::SimTime::zero(), s + 2});
  sim::SimTime makespan = sim::SimTime::zero();
  for (const auto& r : fabric::simulate_flows(built.topology, rows, built.routing)) {
    makespan = std::max(makespan, r.finish);
  }
  return makespan;
}

}  // namespace

TEST_CASE("fabric routing: auto is dmodk on InfiniBand, ecmp on Ethernet, and reaches the flows", "[study]") {
  json document = scenario();
  const ResolvedScenario ib = resolve_scenario(parse_scenario(document), FakeCatalog{});
  CHECK(ib.derived["fabric"]["link_layer"] == "infiniband");
  CHECK(ib.derived["fabric"]["routing"] == "dmodk");
  CHECK(ib.derived["fabric"]["switches"] == 4 + 2);
  CHECK(ib.derived["fabric"]["host_links"] == 64);
  CHECK(ib.derived["fabric"]["switch_links"] == 4 * 16);
  CHECK(ib.derived["fabric"]["max_switch_ports"] == 32);

  document["architecture"]["fabric"]["link_layer"] = "ethernet";
  const ResolvedScenario eth = resolve_scenario(parse_scenario(document), FakeCatalog{});
  CHECK(eth.derived["fabric"]["routing"] == "ecmp");

  document["architecture"]["fabric"]["routing"] = "spray";
  CHECK(resolve_scenario(parse_scenario(document), FakeCatalog{}).derived["fabric"]["routing"] == "spray");

  // The same permutation on the scenario's fabric: 50 GB/s hosts and up-links, 1 us per hop.
  // D-mod-k sends the 16 hosts of a leaf to 16 consecutive destinations: 4 per spine, each flow at
  // 50 GB/s: 1 GB in 20 ms + 4 hops x 1 us. ECMP hashes more than 4 flows onto some up-link.
  auto built = [&](const char* routing) {
    json d = scenario();
    d["architecture"]["fabric"]["routing"] = routing;
    return build_scenario_fabric(parse_scenario(d), 8, 8, 400e9, FabricSwitch{"QM9700", 32}, RunLimits{}.max_links);
  };
  const ScenarioFabric dmodk = built("dmodk");
  const ScenarioFabric ecmp = built("ecmp");
  CHECK(dmodk.routing == fabric::RoutingChoice::dmodk);
  CHECK(ecmp.routing == fabric::RoutingChoice::ecmp);
  CHECK(shift_makespan(dmodk) == sim::SimTime::from_ns(20'004'000));
  CHECK(shift_makespan(ecmp) > sim::SimTime::from_ns(25'000'000));
  CHECK(shift_makespan(built("spray")) == sim::SimTime::from_ns(20'004'000));  // even split: no hot link
}

TEST_CASE("fabric routing: bad routing names the field", "[study]") {
  json document = scenario();
  document["architecture"]["fabric"]["routing"] = "dragonfly_valiant";
  CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.fabric.routing: ") &&
                                             Catch::Contains("dragonfly_valiant needs a dragonfly fabric"));
  document["architecture"]["fabric"]["routing"] = "shortest";
  CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.fabric.routing"));
  document["architecture"]["fabric"]["routing"] = "auto";
  document["architecture"]["fabric"]["link_layer"] = "fibre-channel";
  CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.fabric.link_layer"));
}

TEST_CASE("fabric kind simgrid-xml: a SimGrid platform as the scenario's fabric", "[study]") {
  json document = scenario();
  document["architecture"]["nodes"] = 2;
  document["architecture"]["fabric"] = {
      {"kind", "simgrid-xml"}, {"platform", platform("fat-tree-16.xml")}, {"nodes_per_leaf", 1}};
  document["workload"]["training"]["parallelism"] = {{"tp", 8}, {"pp", 1}, {"dp", 2}};
  const ResolvedScenario r = resolve_scenario(parse_scenario(document), FakeCatalog{});
  CHECK(r.derived["fabric"]["switches"] == 6);
  CHECK(r.derived["fabric"]["links"] == 32);
  CHECK(r.derived["fabric"]["bisection_bytes_per_s"].get<double>() == Approx(8 * 25e9));
  CHECK(r.derived["fabric"]["routing"] == "dmodk");
  CHECK(r.campaign.fabric.nodes_per_leaf == 1);

  json no_file = document;
  no_file["architecture"]["fabric"].erase("platform");
  CHECK_THAT(resolution_error(no_file),
             Catch::StartsWith("architecture.fabric.platform: required with kind simgrid-xml"));
  json wrong_size = document;
  wrong_size["architecture"]["fabric"]["platform"] = platform("enterprise1k-fat-tree.xml");
  CHECK_THAT(resolution_error(wrong_size), Catch::StartsWith("architecture.fabric.platform: ") &&
                                               Catch::Contains("has 1024 hosts, the scenario needs one per GPU (16)"));
  json full = document;
  full["architecture"]["fabric"]["platform"] = platform("full-3-hosts.xml");
  CHECK_THAT(resolution_error(full), Catch::Contains("full-3-hosts.xml routes by SimGrid's own rules"));
  json torus = document;
  torus["architecture"]["fabric"]["platform"] = platform("torus-4x4.xml");
  CHECK_THAT(resolution_error(torus), Catch::Contains("torus-4x4.xml routes by SimGrid's own rules"));
  json dragonfly = document;
  dragonfly["architecture"]["fabric"]["platform"] = platform("dragonfly-24.xml");
  CHECK_THAT(resolution_error(dragonfly), Catch::Contains("dragonfly-24.xml routes by SimGrid's own rules"));
  json missing = document;
  missing["architecture"]["fabric"]["platform"] = "no/such/platform.xml";
  CHECK_THAT(resolution_error(missing),
             Catch::StartsWith("architecture.fabric.platform: ") && Catch::Contains("cannot open the platform file"));
  json stray = scenario();
  stray["architecture"]["fabric"]["platform"] = platform("fat-tree-16.xml");
  CHECK_THAT(resolution_error(stray), Catch::Contains("only used with kind simgrid-xml"));
}
