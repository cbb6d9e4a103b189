// check_document: an edited scenario document is checked like `clustersim validate` checks the file (same
// result, same messages), overrides apply first, and the message's JSON path is split off.
#include <catch2/catch.hpp>

#include "models/study/document_check.hpp"
#include "models/study/resolve.hpp"
#include "models/study/scenario_values.hpp"

namespace study = clustersim::models::study;

namespace {

const std::string local_nvme = CLUSTERSIM_DATA_DIR "/../scenarios/enterprise1k-local-nvme.json";

}  // namespace

TEST_CASE("check_document resolves a reference scenario as the file loader does", "[study][document_check]") {
  const auto catalog = study::load_catalog_source();
  const study::DocumentCheck check = study::check_document(study::read_json_file(local_nvme), *catalog);
  REQUIRE(check.error.empty());
  REQUIRE(check.scenario);
  const study::ResolvedScenario from_file = study::load_resolved_scenario(local_nvme, *catalog);
  REQUIRE(check.scenario->scenario == from_file.scenario);
  REQUIRE(check.scenario->derived == from_file.derived);
}

TEST_CASE("check_document applies overrides and names the field of a bad value", "[study][document_check]") {
  const auto catalog = study::load_catalog_source();
  const nlohmann::json document = study::read_json_file(local_nvme);
  const study::DocumentCheck scaled = study::check_document(document, *catalog, {{"failures.scale", 2.0}});
  REQUIRE(scaled.scenario);
  REQUIRE(scaled.scenario->scenario["failures"]["scale"] == 2.0);

  const study::DocumentCheck bad = study::check_document(document, *catalog, {{"architecture.nodes", 0}});
  REQUIRE_FALSE(bad.scenario);
  REQUIRE(bad.error_path == "architecture.nodes");
  REQUIRE(bad.error.rfind("architecture.nodes: ", 0) == 0);

  const study::DocumentCheck unit =
      study::check_document(document, *catalog, {{"architecture.storage.write_bandwidth", "fast"}});
  REQUIRE(unit.error_path == "architecture.storage.write_bandwidth");
  REQUIRE(unit.error.find("expected") != std::string::npos);
}

TEST_CASE("message_path takes the leading JSON path of a message, or nothing", "[study][document_check]") {
  REQUIRE(study::message_path("policies.checkpoint.levels[1].interval: expected a duration") ==
          "policies.checkpoint.levels[1].interval");
  REQUIRE(study::message_path("--set failures.scale: cannot set") == "failures.scale");
  REQUIRE(study::message_path("file.json:3:4: malformed JSON: x") == "");
  REQUIRE(study::message_path("no path here") == "");
  REQUIRE(study::message_path(": empty") == "");
}
