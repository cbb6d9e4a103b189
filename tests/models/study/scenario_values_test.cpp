// Scenario parsing against the parameter table: every kind of bad input gives a message naming the
// JSON path and what was expected.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "models/study/param_table.hpp"
#include "models/study/scenario_values.hpp"

using namespace clustersim::models::study;
using nlohmann::json;

namespace {

json minimal() {
  return json::parse(R"({
    "name": "tiny",
    "architecture": {"node": "DGX-H100", "nodes": 4, "storage": {"catalog": "some-pfs", "write_bandwidth": "273 GB/s"}},
    "workload": {"training": {"parameters": 1e9, "tokens_per_step": 1e6, "token_budget": 1e9,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 4}}},
    "policies": {"checkpoint": {"levels": [{"target": "host_dram", "interval": "10 min"},
                                           {"target": "shared_storage", "interval_steps": 100}]}}
  })");
}

std::string error_of(const json& document) {
  try {
    parse_scenario(document);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a minimal scenario parses, with defaults filled in", "[study]") {
  const ScenarioValues values = parse_scenario(minimal());
  CHECK(values.text("name") == "tiny");
  CHECK(values.text("description").empty());
  CHECK(values.text("architecture.node.catalog") == "DGX-H100");  // shorthand
  CHECK(values.integer("architecture.nodes") == 4);
  CHECK(values.integer("architecture.spare_nodes") == 0);
  CHECK(values.number("architecture.storage.write_bandwidth") == Approx(273e9));
  CHECK_FALSE(values.has("architecture.storage.read_bandwidth"));  // optional: from the catalog
  CHECK(values.text("architecture.fabric.kind") == "leaf_spine");
  CHECK(values.duration("policies.recovery.detection_time") == clustersim::sim::minutes(2));
  CHECK(values.array_size("policies.checkpoint.levels") == 2);
  CHECK(values.duration("policies.checkpoint.levels[0].interval") == clustersim::sim::minutes(10));
  CHECK(values.integer("policies.checkpoint.levels[1].interval_steps") == 100);
  CHECK(values.text("policies.checkpoint.levels[1].when_busy") == "skip");
  CHECK(values.number("workload.training.mfu") == Approx(0.4));
  CHECK(values.number("cost.owned.usd_per_kwh") == Approx(0.10));
  CHECK(values.integer("run.seeds") == 1);
  CHECK(values.duration("run.horizon") == clustersim::sim::days(365));
  CHECK(values.array_size("failures.causes") == 0);
  // The normalized document has the defaults, in SI numbers.
  CHECK(values.normalized()["policies"]["recovery"]["restart_overhead"] == 600.0);
  CHECK(values.normalized()["architecture"]["node"]["catalog"] == "DGX-H100");
}

TEST_CASE("every declared default parses with its own kind", "[study]") {
  // parse_scenario fills every default; a bad default in the table would throw here.
  json document = minimal();
  document["failures"]["causes"] = json::array({{{"name", "x"}, {"rate_per_component_hour", 1e-6}}});
  const ScenarioValues values = parse_scenario(document);
  CHECK(values.duration("failures.causes[0].repair_time") == clustersim::sim::hours(24));
  CHECK(values.text("failures.causes[0].blast_radius") == "node");
  for (const ParamSpec& spec : scenario_params()) {
    INFO(spec.path);
    CHECK_FALSE(spec.doc.empty());
    if (spec.presence == Presence::defaulted && spec.kind == ParamKind::enumeration) {
      const auto choices = enum_choices(spec);
      CHECK(std::find(choices.begin(), choices.end(), spec.default_value) != choices.end());
    }
  }
}

TEST_CASE("unit strings and plain SI numbers are both accepted", "[study]") {
  json document = minimal();
  document["architecture"]["storage"]["write_bandwidth"] = 2.73e11;
  document["architecture"]["storage"]["capacity"] = "10 PB";
  document["architecture"]["node"] = {{"catalog", "DGX-H100"}, {"power", "10.2 kW"}, {"gpu_flops", "989 TFLOP/s"}};
  document["policies"]["recovery"] = {{"detection_time", 90}};
  const ScenarioValues values = parse_scenario(document);
  CHECK(values.number("architecture.storage.write_bandwidth") == Approx(273e9));
  CHECK(values.number("architecture.storage.capacity") == Approx(10e15));
  CHECK(values.number("architecture.node.power") == Approx(10200));
  CHECK(values.number("architecture.node.gpu_flops") == Approx(989e12));
  CHECK(values.duration("policies.recovery.detection_time") == clustersim::sim::seconds(90));
}

TEST_CASE("bad scenario input names the JSON path and the expectation", "[study]") {
  SECTION("bad unit") {
    json document = minimal();
    document["architecture"]["storage"]["write_bandwidth"] = "fast";
    CHECK(error_of(document) ==
          "architecture.storage.write_bandwidth: expected a positive rate like \"273 GB/s\", got \"fast\"");
  }
  SECTION("a size where a rate is expected") {
    json document = minimal();
    document["architecture"]["storage"]["write_bandwidth"] = "273 GB";
    CHECK(error_of(document) ==
          "architecture.storage.write_bandwidth: expected a positive rate like \"273 GB/s\", got \"273 GB\"");
  }
  SECTION("unknown key") {
    json document = minimal();
    document["architecture"]["fabric"] = {{"kind", "fat_tree"}, {"oversubscripton", 2}};
    const std::string message = error_of(document);
    CHECK_THAT(message, Catch::StartsWith("architecture.fabric.oversubscripton: unknown key; expected one of: kind, "));
    CHECK_THAT(message, Catch::Contains("oversubscription"));
  }
  SECTION("unknown key inside an array element") {
    json document = minimal();
    document["policies"]["checkpoint"]["levels"][1]["intervall"] = "5 min";
    CHECK_THAT(error_of(document), Catch::StartsWith("policies.checkpoint.levels[1].intervall: unknown key"));
  }
  SECTION("unknown top-level key") {
    json document = minimal();
    document["workloads"] = json::object();
    CHECK_THAT(error_of(document), Catch::StartsWith("workloads: unknown key; expected one of: name, description"));
  }
  SECTION("wrong type") {
    json document = minimal();
    document["architecture"]["nodes"] = "many";
    CHECK(error_of(document) == "architecture.nodes: expected an integer >= 1, got \"many\"");
    document["architecture"]["nodes"] = 2.5;
    CHECK(error_of(document) == "architecture.nodes: expected an integer >= 1, got 2.5");
    document["architecture"]["nodes"] = 4;
    document["architecture"]["frontend_network"] = "yes";
    CHECK(error_of(document) == "architecture.frontend_network: expected true or false, got \"yes\"");
    document["architecture"]["frontend_network"] = true;
    document["workload"]["training"]["parallelism"] = 8;
    CHECK(error_of(document) == "workload.training.parallelism: expected an object, got 8");
  }
  SECTION("out of bounds") {
    json document = minimal();
    document["workload"]["training"]["mfu"] = 1.5;
    CHECK(error_of(document) == "workload.training.mfu: expected a number in (0, 1], got 1.5");
    document["workload"]["training"]["mfu"] = 0.4;
    document["run"] = {{"seeds", 0}};
    CHECK(error_of(document) == "run.seeds: expected an integer >= 1, got 0");
  }
  SECTION("bad enumeration") {
    json document = minimal();
    document["policies"]["checkpoint"]["levels"][0]["target"] = "tape";
    CHECK(error_of(document) ==
          "policies.checkpoint.levels[0].target: expected one of \"host_dram\", \"partner_nvme\", \"shared_storage\", "
          "\"shared_storage_sync\", got \"tape\"");
  }
  SECTION("missing required key") {
    json document = minimal();
    document["workload"]["training"].erase("token_budget");
    CHECK(error_of(document) == "workload.training.token_budget: missing; expected a number > 0");
  }
  SECTION("duration with an ambiguous unit") {
    json document = minimal();
    document["run"] = {{"horizon", "5 m"}};
    CHECK(error_of(document) == "run.horizon: expected a positive duration like \"10 min\", got \"5 m\"");
  }
  SECTION("not an object") {
    CHECK(error_of(json::array()) == "(document): expected a JSON object, got []");
  }
}

TEST_CASE("malformed JSON reports the line and column", "[study]") {
  const std::string text = "{\n  \"name\": \"x\",\n  \"architecture\": {\n    \"nodes\": 4,\n  }\n}\n";
  try {
    parse_json_text(text, "bad.json");
    FAIL("no error");
  } catch (const ScenarioError& error) {
    // The parser stops at the '}' on line 5, column 3 (a trailing comma is not JSON).
    CHECK_THAT(error.what(), Catch::StartsWith("bad.json:5:3: malformed JSON: "));
  }
  CHECK(line_and_column("ab\ncd", 0) == std::pair<std::size_t, std::size_t>{1, 1});
  CHECK(line_and_column("ab\ncd", 4) == std::pair<std::size_t, std::size_t>{2, 2});
}

TEST_CASE("a missing scenario file is named", "[study]") {
  CHECK_THROWS_WITH(load_scenario_file("/nonexistent/scenario.json"),
                    "/nonexistent/scenario.json: cannot open file: no such file");
  const auto directory = std::filesystem::temp_directory_path();
  CHECK_THROWS_WITH(load_scenario_file(directory), Catch::Contains("is a directory"));
}

TEST_CASE("scenario overrides (--set): JSON values or text, declared paths only", "[study][set]") {
  using clustersim::models::study::apply_overrides;
  using clustersim::models::study::parse_override;
  CHECK(parse_override("architecture.nodes=4").value == 4);
  CHECK(parse_override("architecture.storage.write_bandwidth=100 GB/s").value == "100 GB/s");
  CHECK(parse_override("architecture.frontend_network=false").value == false);
  CHECK(parse_override("architecture.node={\"catalog\": \"DGX-H100\"}").value.is_object());
  CHECK(parse_override("policies.checkpoint.levels[1].interval=1 h").path == "policies.checkpoint.levels[1].interval");
  CHECK_THROWS_WITH(parse_override("architecture.nodes"), Catch::Contains("expected PATH=VALUE"));
  CHECK_THROWS_WITH(parse_override("=4"), Catch::Contains("expected PATH=VALUE"));
  CHECK_THROWS_WITH(parse_override("architecture.cores=4"),
                    Catch::Contains("--set architecture.cores: not a scenario"));
  nlohmann::json document = {{"architecture", {{"nodes", 2}}}};
  apply_overrides(document, {parse_override("architecture.nodes=8"), parse_override("run.seeds=3")});
  CHECK(document["architecture"]["nodes"] == 8);
  CHECK(document["run"]["seeds"] == 3);
}
