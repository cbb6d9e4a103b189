// The shared-storage operations a report lists, and the warning when requests, not bytes, limit one that matters.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "models/study/catalog_source.hpp"
#include "models/study/resolve.hpp"
#include "models/study/scenario_overrides.hpp"
#include "models/study/storage_operations.hpp"

using namespace clustersim::models::study;
using Catch::Matchers::Contains;

namespace {

ResolvedScenario streamed_405b(const ScenarioOverrides& overrides) {
  const auto catalog = load_catalog_source();
  const auto file = std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios" / "claims" /
                    "claim2-405b-streamed-object-store.json";
  return load_resolved_scenario(file, *catalog, {}, overrides);
}

}  // namespace

TEST_CASE("streamed 4 KiB samples under one S3 prefix are bound by its GET rate, and the report says so",
          "[study][storage]") {
  // 16M tokens x 100 bytes / 2,048 nodes = 781,250 bytes per node and step = 191 samples of 4 KiB (rounded up):
  // 2,048 x 191 = 391,168 GETs per step against one prefix's 5,500 GET/s = 71.12 s, while the 1.6 GB of a step
  // need 8 ms of the store's 200 GB/s. The checkpoint shares that prefix: 405e9 x 16 bytes / 16,384 ranks =
  // 395.5 MB per rank = 48 parts of 8 MiB, 16,384 x 48 = 786,432 PUTs at 3,500/s = 224.7 s, beside 32.4 s of bytes.
  const StorageOperations storage = storage_operations(streamed_405b({{"workload.training.data.sample_size", "4 KiB"},
                                                                      {"workload.training.data.bytes_per_token", 100},
                                                                      {"architecture.storage.prefixes", 1}}));
  REQUIRE(storage.operations.size() == 3);  // checkpoint write and read (a shared level), streamed input
  const auto& streamed = storage.operations.back();
  CHECK(streamed.name == "streamed input (one step)");
  CHECK(streamed.every_step);
  CHECK(streamed.time.bound == "prefix");
  CHECK(streamed.time.seconds == Approx(2048.0 * 191 / 5500).epsilon(0.01));
  CHECK(streamed.time.data_bound_s < 0.01);
  const auto& write = storage.operations.front();
  CHECK(write.name == "checkpoint write");
  CHECK(write.time.bound == "prefix");
  CHECK(write.time.seconds == Approx(16384.0 * 48 / 3500).epsilon(0.01));
  const std::vector<std::string> warnings = storage_warnings(storage);
  REQUIRE(warnings.size() == 3);
  CHECK_THAT(warnings[0], Contains("checkpoint write of 2048 nodes") && Contains("bound by prefix"));
  CHECK_THAT(warnings[2], Contains("streamed input (one step) of 2048 nodes") && Contains("bound by prefix"));
}

TEST_CASE("no storage warning when requests cost little or nothing waits for them", "[study][storage]") {
  // The same claim as shipped: 4-byte tokens read sequentially; every operation is bound by bytes, or so short
  // beside a step's compute that nothing waits for it.
  const StorageOperations storage = storage_operations(streamed_405b({}));
  CHECK(storage_warnings(storage).empty());
  // Shorter than kMattersAfterS, a request-bound checkpoint write is reported but not warned about.
  StorageOperations short_write = storage;
  short_write.operations.front().time.seconds = 0.9;
  short_write.operations.front().time.data_bound_s = 0.1;
  CHECK(storage_warnings(short_write).empty());
  short_write.operations.front().time.seconds = 1.5;
  CHECK(storage_warnings(short_write).size() == 1);
}
