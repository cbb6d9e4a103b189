// Sweep specifications: point enumeration (cartesian, zipped), override paths and bad axes.
#include <catch2/catch.hpp>

#include "models/study/sweep_spec.hpp"
#include "tests/models/study/sweep_fixture.hpp"

using namespace clustersim::models::study;
using nlohmann::json;
using testing::sweep_document;

TEST_CASE("Cartesian sweeps enumerate row-major, the last axis fastest", "[sweep]") {
  const SweepSpec spec = parse_sweep(sweep_document("cartesian"), ".");
  REQUIRE(point_count(spec) == 12);
  const auto points = enumerate_points(spec);
  REQUIRE(points[0].values == std::vector<json>{"5 min", "50 GB/s"});
  REQUIRE(points[1].values == std::vector<json>{"5 min", "100 GB/s"});
  REQUIRE(points[4].values == std::vector<json>{"10 min", "50 GB/s"});
  REQUIRE(points[11].values == std::vector<json>{1200, 4e11});
  REQUIRE(points[7].index == 7);
  // The override lands where the path says, and the catalog shorthand became an object.
  const json document = point_document(spec, points[5]);
  REQUIRE(document["policies"]["checkpoint"]["levels"][1]["interval"] == "10 min");
  REQUIRE(document["architecture"]["storage"] == json{{"catalog", "pfs"}, {"write_bandwidth", "100 GB/s"}});
  REQUIRE(point_overrides(spec, points[5]).dump() ==
          R"({"policies.checkpoint.levels[1].interval":"10 min","architecture.storage.write_bandwidth":"100 GB/s"})");
}

TEST_CASE("Zipped sweeps pair the i-th values; unequal lengths are rejected", "[sweep]") {
  const SweepSpec spec = parse_sweep(sweep_document("zipped"), ".");
  REQUIRE(point_count(spec) == 3);
  REQUIRE(sweep_point(spec, 2).values == std::vector<json>{1200, "200 GB/s"});
  json bad = sweep_document("zipped");
  bad["axes"][1]["values"].push_back("1 TB/s");
  REQUIRE_THROWS_WITH(parse_sweep(bad, "."), Catch::Contains("same number of values"));
}

TEST_CASE("A sweep axis whose path is not in the schema is bad input naming the axis", "[sweep]") {
  json bad = sweep_document("cartesian");
  bad["axes"][1]["path"] = "architecture.storage.write_bandwith";
  REQUIRE_THROWS_AS(parse_sweep(bad, "."), SweepError);
  REQUIRE_THROWS_WITH(parse_sweep(bad, "."), Catch::Contains("axes[1]") && Catch::Contains("write_bandwith") &&
                                                 Catch::Contains("not a scenario parameter"));
  json out_of_range = sweep_document("cartesian");
  out_of_range["axes"][0]["path"] = "policies.checkpoint.levels[5].interval";
  REQUIRE_THROWS_WITH(parse_sweep(out_of_range, "."), Catch::Contains("axes[0]") && Catch::Contains("out of range"));
  json bad_value = sweep_document("cartesian");
  bad_value["axes"][1]["values"][2] = "fast";
  REQUIRE_THROWS_WITH(parse_sweep(bad_value, "."), Catch::Contains("axes[1]") && Catch::Contains("fast"));
}
