// The gradient exchange runs on the scenario's own fabric (issue 17): its time is the ring all-reduce that a
// flow simulation of the built topology gives, checked by hand on a non-blocking fabric, against
// `clustersim flows` (the flows_run API) on the same traffic, and fabric kind by fabric kind.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fake_catalog.hpp"
#include "models/study/catalog_source.hpp"
#include "models/study/flows_run.hpp"
#include "models/study/gradient_exchange.hpp"
#include "models/study/resolve.hpp"
#include "models/study/scenario_values.hpp"
#include "models/workload/campaign.hpp"

using namespace clustersim;
using namespace clustersim::models::study;
using clustersim::models::study::testing::FakeCatalog;
using nlohmann::json;

namespace {

// 16 DGX-H100 nodes (8 x 50 GB/s rails), tp 8, dp 16: 8 rings of 16 GPUs, one per rail, 7e9 x 2 bytes / 8 of
// gradient per GPU: 16 messages of 109.375 MB per ring and step, 30 steps.
json scenario() {
  return json::parse(R"({
    "name": "exchange",
    "architecture": {
      "node": "DGX-H100", "nodes": 16,
      "fabric": {"kind": "leaf_spine", "nodes_per_leaf": 2},
      "storage": "pfs"
    },
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 4e8,
                              "comm_overlap": 0, "parallelism": {"tp": 8, "pp": 1, "dp": 16}}},
    "policies": {"checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "failures": {"preset": "none"},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
}

double exchange_s(const json& document) {
  return *resolve_scenario(parse_scenario(document), FakeCatalog{}).campaign.fabric.gradient_exchange_s;
}

}  // namespace

TEST_CASE("gradient exchange: a non-blocking leaf_spine gives the ring's closed form", "[study][collective]") {
  // Every GPU sends one 109.375 MB message per step on its own 50 GB/s rail; D-mod-k gives every message that
  // leaves a leaf its own up-link (16 per leaf, 16 spine ports per leaf): 30 x (S/n / B + 4 hops of 1 us).
  const double message_bytes = 7e9 * 2 / 8 / 16;
  CHECK(exchange_s(scenario()) == Approx(30 * (message_bytes / 50e9 + 4e-6)).epsilon(1e-9));
  // Tensor parallelism 4 puts two data-parallel ranks on a node: half the ring edges stay on NVLink, the other
  // half still move S/n per step, so the exchange is no faster per step (32 ranks: 62 steps of S/32).
  json tp4 = scenario();
  tp4["workload"]["training"]["parallelism"] = {{"tp", 4}, {"pp", 1}, {"dp", 32}};
  CHECK(exchange_s(tp4) == Approx(62 * (7e9 * 2 / 4 / 32 / 50e9 + 4e-6)).epsilon(1e-9));
}

TEST_CASE("gradient exchange: fabric kinds and ratios differ as the flow simulation says", "[study][collective]") {
  const double non_blocking = exchange_s(scenario());
  json d = scenario();
  d["architecture"]["fabric"] = {{"kind", "leaf_spine"}, {"nodes_per_leaf", 2}, {"oversubscription", 4}};
  // 8 of a leaf's 16 rails send out of it per step, on ceil(16/4) = 4 up-links: two messages per link.
  const double leaf_4 = exchange_s(d);
  CHECK(leaf_4 == Approx(30 * (2 * 7e9 * 2 / 8 / 16 / 50e9 + 4e-6)).epsilon(1e-9));
  d["architecture"]["fabric"] = {
      {"kind", "fat_tree"}, {"nodes_per_leaf", 2}, {"nodes_per_pod", 4}, {"pod_oversubscription", 4}};
  const double pods_4 = exchange_s(d);
  CHECK(pods_4 > non_blocking);
  d["architecture"]["fabric"] = {{"kind", "dragonfly"}, {"nodes_per_leaf", 2}, {"nodes_per_pod", 4}};
  const double dragonfly = exchange_s(d);
  CHECK(dragonfly >= non_blocking);
  d["architecture"]["fabric"] = {{"kind", "rail_optimized"}, {"nodes_per_leaf", 16}};
  const double one_rail_switch_each = exchange_s(d);  // every ring stays on its rail's switch: 2 hops
  CHECK(one_rail_switch_each == Approx(30 * (7e9 * 2 / 8 / 16 / 50e9 + 2e-6)).epsilon(1e-9));
  CHECK(one_rail_switch_each < non_blocking);
}

TEST_CASE("gradient exchange: the campaign's step communication is what `clustersim flows` gives for the same traffic",
          "[study][collective]") {
  // An oversubscribed fat-tree on Ethernet (ECMP): flows collide, so the check is not a closed form.
  json document = scenario();
  document["architecture"]["node"] = "DGX-H100";
  document["architecture"]["fabric"] = {
      {"kind", "fat_tree"},        {"nodes_per_leaf", 2},      {"nodes_per_pod", 8}, {"oversubscription", 2},
      {"pod_oversubscription", 2}, {"link_layer", "ethernet"}, {"switch", "QM9700"}};
  document["architecture"]["storage"] = {
      {"catalog", "reference-pfs"}, {"server_price", 150000}, {"server_power", 1500}};
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "clustersim_gradient_exchange_test";
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / "scenario.json";
  std::ofstream(file) << document.dump(2);
  const auto catalog = load_catalog_source();
  const ResolvedScenario resolved = load_resolved_scenario(file, *catalog);

  // The same traffic as a user writes it: every GPU sends S/n to the next data-parallel rank on another node.
  std::ostringstream csv;
  csv << "src,dst,bytes,start\n";
  const int gpus = 16 * 8;
  for (int rank = 0; rank < gpus; ++rank) csv << rank << "," << (rank + 8) % gpus << ",109375000,0\n";
  FlowsRequest request;
  request.scenario = file.string();
  std::istringstream in(csv.str());
  std::ostringstream results;
  const std::string summary = run_flows(request, in, results);
  CHECK_THAT(summary, Catch::Contains("routing ecmp"));
  double makespan_s = 0;
  std::istringstream rows(results.str());
  std::string line;
  std::getline(rows, line);  // header
  while (std::getline(rows, line)) {
    std::vector<std::string> cells;
    std::istringstream cell(line);
    for (std::string value; std::getline(cell, value, ',');) cells.push_back(value);
    REQUIRE(cells.size() == 7);
    makespan_s = std::max(makespan_s, std::stod(cells[4]));
  }
  const double expected_s = 30 * makespan_s;
  CHECK(makespan_s > 109.375e6 / 50e9);  // the collisions cost something

  // The campaign's per-step exposed communication (no overlap) is that collective: within 1e-9 (ns rounding).
  const models::workload::CampaignResult result = models::workload::run_campaign(resolved.campaign, 1);
  CHECK(result.step_breakdown_s.at("exposed_communication") == Approx(expected_s).epsilon(1e-9));
  std::filesystem::remove_all(dir);
}

TEST_CASE("gradient exchange: a sample of whole fat-tree pods gives the job's exchange (the scale-down)",
          "[study][collective]") {
  // The 16,384-GPU reference (32 pods of 64 nodes, 1:7 between pods) is simulated whole; its first 4 and 8 pods,
  // with the job's message size and step count, give the same exchange.
  const std::filesystem::path file =
      std::filesystem::path(CLUSTERSIM_DATA_DIR) / "../scenarios/llama405b-local-nvme.json";
  const auto catalog = load_catalog_source();
  const ResolvedScenario resolved = load_resolved_scenario(file, *catalog);
  const models::workload::CampaignConfig& job = resolved.campaign;
  CHECK(exchange_sample_nodes(job, true) == job.nodes);  // 16,384 GPUs: no sample
  const double whole = *job.fabric.gradient_exchange_s;
  const ScenarioValues values = load_scenario_file(file);
  for (const int pods : {4, 8}) {
    const ScenarioFabric sample = build_scenario_fabric(values, 64 * pods, 8, job.node.backend_nic_bytes_per_s,
                                                        FabricSwitch{"QM9700", 64}, RunLimits{}.max_links);
    CAPTURE(pods);
    CHECK(gradient_exchange_s(sample, job, 64 * pods) == Approx(whole).epsilon(1e-6));
  }
  // 131,072 GPUs of the same shape are sampled on 64 whole pods (32,768 GPUs).
  models::workload::CampaignConfig large = job;
  large.nodes = 16'384;
  large.model.data_parallel = 1024;
  CHECK(exchange_sample_nodes(large, true) == 64 * 64);
  CHECK(exchange_sample_nodes(large, false) == large.nodes);
}
