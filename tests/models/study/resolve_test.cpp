// Scenario resolution against a hand-made catalog: overrides, derived counts, and the errors that
// name the field (parallelism, HBM, unknown catalog names, missing prices).
#include <catch2/catch.hpp>

#include "fake_catalog.hpp"
#include "models/cost/cost_model.hpp"
#include "models/study/resolve.hpp"

using namespace clustersim::models::study;
using clustersim::models::study::testing::FakeCatalog;
using clustersim::models::study::testing::resolution_error;
using nlohmann::json;

namespace {

json scenario() {
  return json::parse(R"({
    "name": "small",
    "architecture": {
      "node": "DGX-H100", "nodes": 8, "spare_nodes": 1,
      "fabric": {"kind": "leaf_spine", "nodes_per_leaf": 2},
      "storage": "pfs"
    },
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "policies": {"checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
}

ResolvedScenario resolve(const json& document) {
  return resolve_scenario(parse_scenario(document), FakeCatalog{});
}

}  // namespace

TEST_CASE("resolution fills the campaign config from the catalog and the scenario", "[study]") {
  const ResolvedScenario r = resolve(scenario());
  CHECK(r.name == "small");
  CHECK(r.campaign.nodes == 8);
  CHECK(r.campaign.node.gpus == 8);
  CHECK(r.campaign.node.frontend_nic_bytes_per_s == 100e9);
  CHECK(r.campaign.storage.write_bytes_per_s == Approx(200e9));  // 10 servers x 20 GB/s
  CHECK(r.campaign.storage.read_bytes_per_s == Approx(400e9));
  CHECK(r.campaign.storage.capacity_bytes == Approx(2.5e15));
  CHECK(r.campaign.fabric.nodes_per_leaf == 2);
  CHECK(r.campaign.fabric.nodes_per_pod == 8);
  CHECK(r.campaign.failures.spare_nodes == 1);
  REQUIRE(r.campaign.failures.causes.size() == 2);
  CHECK(r.campaign.failures.causes[1].components_per_node == Approx(0.5));  // one leaf per 2 nodes
  REQUIRE(r.campaign.checkpoint.levels.size() == 1);
  CHECK(r.campaign.checkpoint.levels[0].interval == clustersim::sim::hours(1));
  // 4 leaves of 16 hosts and 16 up-links each (1:1); a 64-port spine takes 16 links from each of the
  // 4 leaves: 1 spine; 4 + 1 switches, 64 host links + 4 x 16 leaf-spine links.
  CHECK(r.cost.owned.switches == 5);
  CHECK(r.cost.owned.host_links == 64);
  CHECK(r.cost.owned.switch_links == 64);
  CHECK(r.cost.owned.host_link_price_usd == 2000);  // NDR-optical by default: $2,000 and 17 W per link
  CHECK(r.cost.owned.switch_link_power_w == 17);
  CHECK(r.cost.owned.nodes == 9);  // spares are paid for too
  CHECK(r.cost.owned.node_price_usd == 270'000);
  CHECK(r.cost.owned.storage_price_usd == 1e6);
  CHECK(r.derived["gpus"] == 64);
  CHECK(r.seeds == 1);
}

TEST_CASE("the network is priced per switch and per link of the built fabric", "[study][cost]") {
  // Hand count, 8 nodes x 8 GPUs, leaf_spine, 2 nodes per leaf (16 hosts), 64-port switches:
  //   1:1  4 leaves + 1 spine, 64 host links + 4 x 16 up-links
  //   2:1  4 leaves + 1 spine, 64 host links + 4 x 8 up-links
  json document = scenario();
  const ResolvedScenario full = resolve(document);
  document["architecture"]["fabric"]["oversubscription"] = 2;
  const ResolvedScenario half = resolve(document);
  CHECK(half.cost.owned.switches == 5);
  CHECK(half.cost.owned.host_links == 64);
  CHECK(half.cost.owned.switch_links == 32);
  document["architecture"]["fabric"]["switch_link"] = "NDR-copper";
  const ResolvedScenario copper = resolve(document);
  CHECK(copper.cost.owned.switch_link_price_usd == 300);
  CHECK(copper.cost.owned.switch_link_power_w == 0);
  clustersim::models::cost::Usage year;
  year.wall_time_s = 8766.0 * 3600;
  const auto network = [&](const ResolvedScenario& r) {
    return clustersim::models::cost::cost_of(r.cost, year).breakdown_usd.at("network");
  };
  // A year of a 4-year amortisation: (5 x $30,000 + links x $2,000) / 4.
  CHECK(network(full) == Approx((5 * 30'000 + 128 * 2'000) / 4.0));
  CHECK(network(half) == Approx((5 * 30'000 + 96 * 2'000) / 4.0));
  CHECK(network(copper) == Approx((5 * 30'000 + 64 * 2'000 + 32 * 300) / 4.0));
  document["architecture"]["fabric"]["host_link"] = "NDR-fiber";
  CHECK(resolution_error(document) ==
        "architecture.fabric.host_link: unknown entry \"NDR-fiber\" (known: NDR-copper, NDR-optical)");
}

TEST_CASE("overrides win over catalog values", "[study]") {
  json document = scenario();
  document["architecture"]["node"] = {{"catalog", "DGX-H100"}, {"nvme_capacity", "61.44 TB"}, {"price", 300000}};
  document["architecture"]["storage"] = {{"catalog", "pfs"}, {"servers", 5}, {"write_bandwidth", "50 GB/s"}};
  document["architecture"]["frontend_network"] = false;
  document["failures"] = {{"scale", 2}, {"causes", {{{"name", "faulty_gpu"}, {"rate_per_component_hour", 1e-5}}}}};
  const ResolvedScenario r = resolve(document);
  CHECK(r.campaign.node.nvme_capacity_bytes == Approx(61.44e12));
  CHECK(r.cost.owned.node_price_usd == 300'000);
  CHECK(r.campaign.storage.write_bytes_per_s == Approx(50e9));
  CHECK(r.campaign.storage.read_bytes_per_s == Approx(200e9));  // 5 x 40 GB/s
  CHECK(r.campaign.node.frontend_nic_bytes_per_s == 0);
  CHECK(r.campaign.failures.causes[0].rate_per_component_hour == 1e-5);  // replaced, not scaled
  CHECK(r.campaign.failures.causes[1].rate_per_component_hour == Approx(5.2e-5));
}

TEST_CASE("fabric kinds resolve to plausible switch counts", "[study]") {
  json document = scenario();
  document["architecture"]["nodes"] = 16;
  document["workload"]["training"]["parallelism"]["dp"] = 16;
  SECTION("fat tree with oversubscribed pods") {
    document["architecture"]["fabric"] = {
        {"kind", "fat_tree"}, {"nodes_per_leaf", 2}, {"nodes_per_pod", 8}, {"pod_oversubscription", 2}};
    const ResolvedScenario r = resolve(document);
    CHECK(r.campaign.fabric.nodes_per_pod == 8);
    CHECK(r.campaign.fabric.pod_oversubscription == 2);
    CHECK(r.derived["fabric"]["oversubscription"].get<double>() == Approx(2));
  }
  SECTION("rail optimized") {
    document["architecture"]["fabric"] = {{"kind", "rail_optimized"}, {"nodes_per_leaf", 8}};
    const ResolvedScenario r = resolve(document);
    CHECK(r.derived["fabric"]["switches"].get<int>() >= 16);  // 8 rails x 2 groups
  }
  SECTION("single switch") {
    document["architecture"]["nodes"] = 8;
    document["workload"]["training"]["parallelism"]["dp"] = 8;
    document["architecture"]["fabric"] = {{"kind", "single_switch"}};
    CHECK(resolve(document).cost.owned.switches == 1);  // 64 host links on 64 ports
  }
  SECTION("nodes_per_leaf must divide the nodes") {
    document["architecture"]["fabric"] = {{"kind", "leaf_spine"}, {"nodes_per_leaf", 3}};
    CHECK(resolution_error(document) ==
          "architecture.fabric.nodes_per_leaf: 3 does not divide the number of nodes (16)");
  }
}

TEST_CASE("resolution errors name the field", "[study]") {
  SECTION("parallelism does not match the GPU count") {
    json document = scenario();
    document["workload"]["training"]["parallelism"]["dp"] = 7;
    CHECK(
        resolution_error(document) ==
        "workload.training.parallelism: tp x pp x dp = 8 x 1 x 7 = 56 must equal the GPU count 8 nodes x 8 GPUs = 64");
  }
  SECTION("tensor parallelism larger than a node") {
    json document = scenario();
    document["workload"]["training"]["parallelism"] = {{"tp", 16}, {"pp", 1}, {"dp", 4}};
    CHECK_THAT(resolution_error(document),
               Catch::StartsWith("workload.training.parallelism.tp: 16 does not divide the 8 GPUs"));
  }
  SECTION("the model does not fit in HBM") {
    json document = scenario();
    document["workload"]["training"]["parameters"] = 405e9;
    CHECK_THAT(resolution_error(document),
               Catch::StartsWith("workload.training.parameters: 4.05e+11 parameters need "));
    CHECK_THAT(resolution_error(document), Catch::EndsWith("more than the 80 GB of HBM (architecture.node.gpu_hbm)"));
  }
  SECTION("unknown catalog names") {
    json document = scenario();
    document["architecture"]["node"] = "DGX-Z900";
    CHECK(resolution_error(document) == "architecture.node.catalog: unknown entry \"DGX-Z900\" (known: DGX-H100)");
    document = scenario();
    document["failures"] = {{"preset", "nope"}};
    CHECK_THAT(resolution_error(document), Catch::StartsWith("failures.preset: unknown entry \"nope\""));
  }
  SECTION("a checkpoint level with both intervals") {
    json document = scenario();
    document["policies"]["checkpoint"]["levels"][0]["interval_steps"] = 10;
    CHECK(resolution_error(document) ==
          "policies.checkpoint.levels[0]: set exactly one of interval and interval_steps");
  }
  SECTION("owned cost without a switch price") {
    json document = scenario();
    document.erase("cost");
    CHECK_THAT(resolution_error(document),
               Catch::StartsWith("cost.owned.switch_price: missing; the catalog entry \"QM9700\""));
  }
  SECTION("cloud cost without an hourly price") {
    json document = scenario();
    document["cost"] = {{"model", "cloud"}};
    CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.node.hourly_price: missing"));
  }
  SECTION("front-end network on a node without front-end NICs") {
    json document = scenario();
    document["architecture"]["node"] = {{"catalog", "DGX-H100"}, {"frontend_bandwidth", 0}};
    CHECK_THAT(resolution_error(document),
               Catch::StartsWith("architecture.frontend_network: node \"DGX-H100\" has no front-end"));
  }
}

TEST_CASE("checkpoint timing fields resolve, with the catalog's copy overhead by default", "[study][interval]") {
  json document = scenario();
  auto& level = document["policies"]["checkpoint"]["levels"][0];
  ResolvedScenario r = resolve(document);
  CHECK(r.campaign.checkpoint.levels[0].interval_clock == clustersim::models::workload::IntervalClock::training);
  CHECK(r.campaign.checkpoint.levels[0].copy_overhead == clustersim::sim::SimTime::zero());  // FakeCatalog's
  CHECK(r.campaign.failures.planned.period == clustersim::sim::SimTime::zero());
  level["interval_clock"] = "wall";
  level["copy_overhead"] = "2 s";
  document["failures"] = {{"planned", {{"period", "1 d"}, {"duration", "1 h"}, {"arrival", "poisson"}}}};
  r = resolve(document);
  CHECK(r.campaign.checkpoint.levels[0].interval_clock == clustersim::models::workload::IntervalClock::wall);
  CHECK(r.campaign.checkpoint.levels[0].copy_overhead == clustersim::sim::seconds(2));
  CHECK(r.campaign.failures.planned.period == clustersim::sim::days(1));
  CHECK(r.campaign.failures.planned.duration == clustersim::sim::hours(1));
  CHECK(r.campaign.failures.planned.arrival == clustersim::models::workload::PlannedInterruptions::Arrival::poisson);
}

TEST_CASE("bad checkpoint timing input names the field", "[study][interval]") {
  json document = scenario();
  auto& level = document["policies"]["checkpoint"]["levels"][0];
  level["copy_overhead"] = "-1 s";
  CHECK_THAT(resolution_error(document), Catch::Contains("policies.checkpoint.levels[0].copy_overhead"));
  level["copy_overhead"] = "2 h";
  CHECK_THAT(resolution_error(document),
             Catch::Contains("policies.checkpoint.levels[0].copy_overhead: 2 h per copy is not "
                             "shorter than the level's interval of 1 h"));
  level.erase("copy_overhead");
  level["interval_clock"] = "cpu";
  CHECK_THAT(resolution_error(document), Catch::Contains("policies.checkpoint.levels[0].interval_clock"));
  level.erase("interval_clock");
  document["failures"] = {{"planned", {{"period", "1 h"}, {"duration", "2 h"}}}};
  CHECK_THAT(resolution_error(document),
             Catch::Contains("failures.planned.duration: a window of 2 h does not fit in a period "
                             "of 1 h"));
  document["failures"] = {{"planned", {{"duration", "2 h"}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.planned.duration: set failures.planned.period too"));
  document["failures"] = {{"planned", {{"period", "0 s"}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.planned.period"));
  document["failures"] = {{"preset", "meta-rsc9"}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.preset"));
}

TEST_CASE("fail-slow GPUs and lemon nodes resolve, and need their parameters", "[study][fail_slow][lemons]") {
  json document = scenario();
  ResolvedScenario r = resolve(document);
  CHECK(r.campaign.failures.fail_slow.rate_per_gpu_hour == 0);
  CHECK(r.campaign.failures.lemons.fraction == 0);
  document["failures"] = {
      {"fail_slow", {{"rate_per_gpu_hour", 1e-5}, {"step_slowdown", 1.3}, {"time_to_detect", "2 h"}}},
      {"lemons", {{"fraction", 0.1}, {"refail_mean", "3 d"}, {"retire_after", 2}}}};
  r = resolve(document);
  CHECK(r.campaign.failures.fail_slow.step_slowdown == 1.3);
  CHECK(r.campaign.failures.fail_slow.time_to_detect == clustersim::sim::hours(2));
  CHECK(r.campaign.failures.lemons.refail_mean == clustersim::sim::days(3));
  CHECK(r.campaign.failures.lemons.retire_after == 2);

  document["failures"] = {{"fail_slow", {{"rate_per_gpu_hour", 1e-5}, {"time_to_detect", "2 h"}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.fail_slow.step_slowdown: missing"));
  document["failures"] = {
      {"fail_slow", {{"rate_per_gpu_hour", 1e-5}, {"step_slowdown", 0.5}, {"time_to_detect", "2 h"}}}};
  CHECK_THAT(resolution_error(document),
             Catch::Contains("failures.fail_slow.step_slowdown: expected a step time multiplier > 1"));
  document["failures"] = {{"fail_slow", {{"rate_per_gpu_hour", 1e-5}, {"step_slowdown", 2}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.fail_slow.time_to_detect: missing"));
  document["failures"] = {
      {"fail_slow", {{"rate_per_gpu_hour", 1e300}, {"step_slowdown", 2}, {"time_to_detect", "1 h"}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.fail_slow.rate_per_gpu_hour: expected at most 1"));
  document["failures"] = {{"fail_slow", {{"rate_per_gpu_hour", -1}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.fail_slow.rate_per_gpu_hour"));
  document["failures"] = {{"lemons", {{"fraction", 1.5}, {"refail_mean", "1 d"}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.lemons.fraction"));
  document["failures"] = {{"lemons", {{"fraction", 0.5}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.lemons.refail_mean: missing"));
  document["failures"] = {{"lemons", {{"fraction", 0.5}, {"refail_mean", "1 d"}, {"retire_after", 0}}}};
  CHECK_THAT(resolution_error(document), Catch::Contains("failures.lemons.retire_after"));
}

TEST_CASE("storage is priced per server, for the servers its bandwidth needs", "[study][cost]") {
  json document = scenario();  // pfs: 10 servers of 20 GB/s write, 40 GB/s read
  auto& storage = document["architecture"]["storage"];
  storage = {{"catalog", "pfs"}, {"server_price", 150000}, {"server_power", "1.5 kW"}};
  ResolvedScenario r = resolve(document);
  CHECK(r.cost.owned.storage_price_usd == Approx(10 * 150000.0));
  CHECK(r.cost.owned.storage_power_w == Approx(10 * 1500.0));
  storage["servers"] = 5;  // half the servers: half the bandwidth, half the price and power
  r = resolve(document);
  CHECK(r.campaign.storage.write_bytes_per_s == Approx(100e9));
  CHECK(r.cost.owned.storage_price_usd == Approx(5 * 150000.0));
  CHECK(r.cost.owned.storage_power_w == Approx(5 * 1500.0));
  storage["write_bandwidth"] = "400 GB/s";  // needs 20 servers of 20 GB/s
  r = resolve(document);
  CHECK(r.cost.owned.storage_price_usd == Approx(20 * 150000.0));
  storage.erase("write_bandwidth");
  storage["price"] = 1e6;  // the whole system, or per server, not both
  CHECK_THAT(resolution_error(document),
             Catch::Contains("architecture.storage.server_price: give architecture.storage.price "
                             "or architecture.storage.server_price, not both"));
  storage.erase("server_price");
  storage.erase("server_power");
  CHECK(resolve(document).cost.owned.storage_price_usd == Approx(1e6));  // the whole system as given
}

TEST_CASE("storage model fields resolve per kind, and bad ones name the field", "[study][shared_storage_io]") {
  json document = scenario();
  document["architecture"]["storage"] = {
      {"catalog", "pfs"}, {"metadata_servers", 2}, {"stripe_count", 0}, {"server_read_iops", 5e5}};
  document["workload"]["training"]["data"] = {{"mode", "streamed"}, {"sample_size", "4 KiB"}, {"reads_in_flight", 16}};
  const ResolvedScenario pfs = resolve(document);
  CHECK(pfs.campaign.storage.metadata_servers == 2);
  CHECK(pfs.campaign.storage.stripe_count == 0);
  CHECK(pfs.campaign.storage.server_read_iops == Approx(5e5));
  CHECK(pfs.campaign.data.sample_bytes == Approx(4096));
  CHECK(pfs.campaign.data.reads_in_flight_per_node == 16);

  document = scenario();
  document["architecture"]["storage"] = {
      {"catalog", "object"}, {"prefixes", 8}, {"part_size", "16 MiB"}, {"price", 1e6}, {"power", "10 kW"}};
  const ResolvedScenario object = resolve(document);
  CHECK(object.campaign.storage.kind == clustersim::models::workload::StorageKind::object_store);
  CHECK(object.campaign.storage.prefixes == 8);
  CHECK(object.campaign.storage.part_bytes == Approx(16.0 * 1024 * 1024));

  SECTION("a sample size of 0 or beyond 1 GiB") {
    document = scenario();
    document["workload"]["training"]["data"] = {{"mode", "streamed"}, {"sample_size", 0}};
    CHECK_THAT(resolution_error(document), Catch::StartsWith("workload.training.data.sample_size"));
    document["workload"]["training"]["data"]["sample_size"] = "2 GiB";
    CHECK_THAT(resolution_error(document),
               Catch::StartsWith("workload.training.data.sample_size: expected at most 1 GiB"));
  }
  SECTION("a field of the other kind, or no such field") {
    document = scenario();
    document["architecture"]["storage"] = {{"catalog", "pfs"}, {"prefixes", 4}};
    CHECK(resolution_error(document) == "architecture.storage.prefixes: applies to object_store only");
    document["architecture"]["storage"] = {{"catalog", "object"}, {"metadata_servers", 4}};
    CHECK_THAT(resolution_error(document), Catch::StartsWith("architecture.storage.metadata_servers: applies to"));
    document["architecture"]["storage"] = {{"catalog", "pfs"}, {"stripes", 4}};
    CHECK_THAT(resolution_error(document), Catch::Contains("architecture.storage.stripes"));
  }
}
