// Bad and hostile scenario input against the real catalog: every case must be rejected with a
// std::invalid_argument (ScenarioError, UnitError) whose message names the offending field or value, never a
// crash, a hang or another exception type. Inputs found by the fuzzers (fuzz/, scripts/fuzz.sh) are kept here
// inline, one SECTION each, with the fix they pinned; docs/hardening.md lists them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "models/study/resolve.hpp"
#include "sim/units.hpp"

using namespace clustersim::models::study;
using nlohmann::json;

namespace {

const CatalogSource& real_catalog() {
  static const auto catalog = load_catalog_source();
  return *catalog;
}

json reference_scenario() {
  return read_json_file(std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios" /
                        "enterprise1k-local-nvme.json");
}

// The loader as the command line runs it: text -> JSON -> checked values -> resolved scenario.
void load_text(const std::string& text, const RunLimits& limits = {}) {
  resolve_scenario(parse_scenario(parse_json_text(text, "input")), real_catalog(), limits);
}

// The message of the std::invalid_argument that loading `text` throws ("no error" if none; any other
// exception type propagates and fails the test).
std::string rejection_of(const std::string& text, const RunLimits& limits = {}) {
  try {
    load_text(text, limits);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "no error";
}

std::string with(const json::json_pointer& pointer, const json& value) {
  json document = reference_scenario();
  document[pointer] = value;
  return document.dump();
}

}  // namespace

TEST_CASE("the reference scenario used as a base loads", "[study][bad-input]") {
  CHECK_NOTHROW(load_text(reference_scenario().dump()));
}

TEST_CASE("malformed and non-scenario documents are rejected with a clear error", "[study][bad-input]") {
  CHECK_THAT(rejection_of(""), Catch::Contains("malformed JSON"));
  CHECK_THAT(rejection_of("{"), Catch::Contains("malformed JSON"));
  CHECK_THAT(rejection_of(std::string("{\"name\": \"a\0b\"}", 15)), Catch::Contains("input"));
  CHECK(rejection_of("[]") != "no error");
  CHECK(rejection_of("42") != "no error");
  CHECK(rejection_of("null") != "no error");
  CHECK(rejection_of("{}") != "no error");
  CHECK(rejection_of(std::string(100'000, '[')) != "no error");  // deep nesting: no stack overflow
  CHECK_THAT(rejection_of("{\"name\": \"\\ud800\"}"), Catch::Contains("malformed JSON"));  // lone surrogate
}

TEST_CASE("out-of-range and wrongly typed values name the field", "[study][bad-input]") {
  const auto field_named = [](const char* pointer, const json& value, const char* field) {
    INFO(pointer << " = " << value.dump());
    CHECK_THAT(rejection_of(with(json::json_pointer(pointer), value)), Catch::Contains(field));
  };
  field_named("/architecture/nodes", 0, "architecture.nodes");
  field_named("/architecture/nodes", -5, "architecture.nodes");
  field_named("/architecture/nodes", 1.5, "architecture.nodes");
  field_named("/architecture/nodes", 1e300, "architecture.nodes");
  field_named("/architecture/nodes", "many", "architecture.nodes");
  field_named("/architecture/nodes", json::array(), "architecture.nodes");
  field_named("/architecture/spare_nodes", -1, "architecture.spare_nodes");
  field_named("/architecture/fabric/nodes_per_leaf", 0, "architecture.fabric.nodes_per_leaf");
  field_named("/architecture/storage/servers", 0, "architecture.storage.servers");
  field_named("/architecture/storage/power", "3 kW/s", "architecture.storage.power");
  field_named("/workload/training/parameters", -1, "workload.training.parameters");
  field_named("/workload/training/mfu", 1e308, "workload.training.mfu");
  field_named("/workload/training/parallelism/tp", 0, "workload.training.parallelism.tp");
  field_named("/policies/checkpoint/levels/0/interval", "0 s", "policies.checkpoint.levels[0].interval");
  field_named("/policies/checkpoint/levels/0/interval", "1e30 d", "policies.checkpoint.levels[0].interval");
  field_named("/policies/checkpoint/levels/0/interval", "nan s", "policies.checkpoint.levels[0].interval");
  field_named("/policies/checkpoint/levels/0/interval", "inf s", "policies.checkpoint.levels[0].interval");
  field_named("/policies/checkpoint/levels/0/interval", "-1 min", "policies.checkpoint.levels[0].interval");
  field_named("/policies/checkpoint/levels/0/target", "tape", "policies.checkpoint.levels[0].target");
  field_named("/failures/preset", "nope", "failures.preset");
  field_named("/failures/scale", -1, "failures.scale");
  field_named("/run/seeds", 0, "run.seeds");
  field_named("/run/seed", -1, "run.seed");
  field_named("/run/horizon", "300 y", "run.horizon");
  field_named("/run/horizon", "20000 w", "run.horizon");
  field_named("/architecture/node", "DGX-H1000", "architecture.node");
  field_named("/architecture/fabrc", json::object(), "architecture.fabrc");
}

TEST_CASE("unit strings at the edges of the grammar are rejected with the string quoted", "[study][bad-input]") {
  using namespace clustersim::sim;
  const char* bad[] = {"",      " ",    "GB",    "1e309 B", "1e-400 B", "-0x1 B",
                       "1 GB/", "5 mB", "5 m",   "1..2 s",  "1e18 d",   "9223372036854775807 s",
                       "nan",   "inf",  "1 GBB", "\xff\xfe"};
  for (const char* text : bad) {
    INFO('"' << text << '"');
    CHECK_THROWS_AS(parse_bytes(text), UnitError);
    CHECK_THROWS_AS(parse_duration(text), UnitError);
  }
}

// Found by review during the hardening pass: integer fields the models hold as int were narrowed with
// static_cast, so "nodes": 2^32 + 128 silently became 128 nodes (and a double override such as
// "gpus": 1e10 was converted with undefined behaviour). resolve.cpp now rejects values above INT_MAX, also
// when the run limits (run_limits.hpp, which refuse such counts first by default) are raised.
TEST_CASE("integers too large for the model are rejected, not wrapped", "[study][bad-input]") {
  const std::int64_t wraps_to_128 = (std::int64_t{1} << 32) + 128;
  RunLimits no_caps;
  no_caps.max_nodes = INT64_MAX / 2;
  no_caps.max_seeds = INT64_MAX;
  CHECK_THAT(rejection_of(with(json::json_pointer("/architecture/nodes"), wraps_to_128)),
             Catch::Contains("architecture.nodes: 4294967424 is above the limit of 100000 nodes"));
  CHECK_THAT(rejection_of(with(json::json_pointer("/architecture/nodes"), wraps_to_128), no_caps),
             Catch::Contains("architecture.nodes: expected at most 2147483647"));
  CHECK_THAT(rejection_of(with(json::json_pointer("/run/seeds"), wraps_to_128), no_caps),
             Catch::Contains("run.seeds: expected at most 2147483647"));
  CHECK_THAT(rejection_of(with(json::json_pointer("/architecture/spare_nodes"), wraps_to_128), no_caps),
             Catch::Contains("architecture.spare_nodes: expected at most 2147483647"));
  CHECK_THAT(rejection_of(with(json::json_pointer("/workload/training/parallelism/dp"), wraps_to_128)),
             Catch::Contains("workload.training.parallelism.dp"));
  // tp x pp x dp of three INT_MAX values overflowed int64 (undefined behaviour) before the GPU-count check.
  json huge_parallelism = reference_scenario();
  huge_parallelism["workload"]["training"]["parallelism"] = {
      {"tp", 2147483647}, {"pp", 2147483647}, {"dp", 2147483647}};
  CHECK_THAT(rejection_of(huge_parallelism.dump()), Catch::Contains("more than 2^63 must equal the GPU count"));
  CHECK_THAT(
      rejection_of(with(json::json_pointer("/architecture/node"), json{{"catalog", "DGX-H100"}, {"gpus", 1e10}})),
      Catch::Contains("architecture.node.gpus"));
}

// Found by fuzz_scenario (libFuzzer, first CI run): a number too large for a double made nlohmann
// throw out_of_range, which escaped the parser and terminated the process.
TEST_CASE("a JSON number too large for a double is malformed JSON, not a crash", "[study][bad-input]") {
  using clustersim::models::study::parse_json_text;
  using clustersim::models::study::ScenarioError;
  REQUIRE_THROWS_AS(parse_json_text("{\"nodes\": 1e999}", "huge.json"), ScenarioError);
  REQUIRE_THROWS_WITH(parse_json_text("{\"nodes\": 1e999}", "huge.json"),
                      Catch::Contains("huge.json") && Catch::Contains("malformed JSON"));
}
