// Failure domains in a scenario (failures.domains, architecture.fabric.nodes_per_power_domain): the catalog's
// domain causes are added only when enabled, laid out one component per domain, and bad input names the field.
#include <catch2/catch.hpp>

#include "fake_catalog.hpp"
#include "models/study/resolve.hpp"

using namespace clustersim::models::study;
using clustersim::models::failure::BlastRadius;
using clustersim::models::study::testing::FakeCatalog;
using clustersim::models::study::testing::resolution_error;
using nlohmann::json;

namespace {

// 8 nodes, 2 per rack, 4 per pod: racks {0,1} {2,3} | {4,5} {6,7}.
json scenario() {
  return json::parse(R"({
    "name": "domains",
    "architecture": {
      "node": "DGX-H100", "nodes": 8,
      "fabric": {"kind": "fat_tree", "nodes_per_leaf": 2, "nodes_per_pod": 4, "nodes_per_power_domain": 4},
      "storage": "pfs"
    },
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "policies": {"checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "failures": {"scale": 2, "domains": {"enabled": true, "pod": {"rate_per_domain_hour": 3e-5}}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
}

}  // namespace

TEST_CASE("enabled failure domains add one cause per domain, laid out on the geometry and scaled", "[study][domains]") {
  const ResolvedScenario r = resolve_scenario(parse_scenario(scenario()), FakeCatalog{});
  CHECK(r.campaign.fabric.nodes_per_power_domain == 4);
  const auto& causes = r.campaign.failures.causes;
  REQUIRE(causes.size() == 6);  // the preset's GPU and leaf causes, then the four domains of the catalog
  CHECK(causes[1].components_per_node == Approx(1.0 / 2));  // a leaf per rack of 2
  CHECK(causes[2].blast_radius == BlastRadius::power_domain);
  CHECK(causes[2].components_per_node == Approx(1.0 / 4));
  CHECK(causes[2].rate_per_component_hour == Approx(2 * 1e-5));  // failures.scale applies
  CHECK(causes[2].repair_time == clustersim::sim::hours(4));
  CHECK(causes[3].blast_radius == BlastRadius::pod);
  CHECK(causes[3].rate_per_component_hour == Approx(2 * 3e-5));  // the scenario's override, scaled
  CHECK(causes[4].blast_radius == BlastRadius::storage_outage);
  CHECK(causes[4].components_per_node == Approx(1.0 / 8));  // one storage system for all 8 nodes
  CHECK(causes[5].storage_bandwidth_factor == Approx(0.5));

  json off = scenario();
  off["failures"] = {{"scale", 2}};
  off["architecture"]["fabric"].erase("nodes_per_power_domain");
  const ResolvedScenario without = resolve_scenario(parse_scenario(off), FakeCatalog{});
  CHECK(without.campaign.failures.causes.size() == 2);
  CHECK(without.campaign.fabric.nodes_per_power_domain == 2);  // absent: one rack
}

TEST_CASE("bad failure-domain input names the field", "[study][domains]") {
  json document = scenario();
  document["architecture"]["fabric"]["nodes_per_power_domain"] = 16;
  CHECK(resolution_error(document) ==
        "architecture.fabric.nodes_per_power_domain: must be at most the 8 nodes of the cluster, got 16");
  document["architecture"]["fabric"]["nodes_per_power_domain"] = 3;
  CHECK(resolution_error(document) ==
        "architecture.fabric.nodes_per_power_domain: must be a whole number of racks (a multiple of nodes_per_leaf "
        "= 2), got 3");
  document["architecture"]["fabric"]["nodes_per_power_domain"] = 0;
  CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.fabric.nodes_per_power_domain: "));
  document = scenario();
  document["failures"]["domains"]["power_domain"] = {{"rate_per_domain_hour", -1}};
  CHECK_THAT(resolution_error(document), Catch::StartsWith("failures.domains.power_domain.rate_per_domain_hour: "));
  document = scenario();
  document["failures"]["domains"]["storage_degraded"] = {{"bandwidth_factor", 1}};
  CHECK_THAT(resolution_error(document),
             Catch::StartsWith("failures.domains.storage_degraded.bandwidth_factor: expected"));
  document = scenario();
  document["failures"]["domains"]["enabled"] = false;
  CHECK(resolution_error(document) ==
        "failures.domains.pod.rate_per_domain_hour: set failures.domains.enabled to true to use the domain failures");
}
