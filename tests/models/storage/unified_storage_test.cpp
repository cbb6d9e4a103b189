#include <catch2/catch.hpp>

#include "models/storage/storage_error.hpp"
#include "models/storage/unified_storage.hpp"
#include "tests/models/storage/storage_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::storage;
using clustersim::models::storage::testing::secs;
using clustersim::models::storage::testing::timed;

namespace {

UnifiedStorageSpec flash_system() {
  UnifiedStorageSpec spec;
  spec.name = "vast";
  spec.servers = 8;
  spec.server_read_bytes_per_s = 10e9;
  spec.server_write_bytes_per_s = 10e9;
  spec.media.kind = MediaKind::flash;
  spec.media.read_bytes_per_s = 40e9;
  spec.media.write_bytes_per_s = 10e9;
  spec.media.redundancy = Redundancy::erasure_coding(4, 1);  // 1.25
  spec.metadata.servers = 1;
  spec.metadata.create_ops_per_s = 1e6;
  spec.metadata.open_ops_per_s = 1e6;
  spec.metadata.stat_ops_per_s = 1e6;
  spec.part_bytes = 1e9;
  spec.parts_in_flight = 8;
  spec.capacity_bytes = 100e9;
  return spec;
}

}  // namespace

TEST_CASE("unified storage: files and objects share the same servers, flash and capacity", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  UnifiedStorage vast = build_unified_storage(network, flash_system(), {});
  REQUIRE(vast.files->parts().media == vast.objects->parts().media);
  REQUIRE(vast.files->target_count() == 8);
  const StorageClient client = vast.files->attach_client("n0", {}, {});
  // Alone: 8 GB of files at 10 / 1.25 = 8 GB/s user bandwidth -> 1 s.
  std::optional<sim::SimTime> alone;
  engine.spawn("files",
               timed(&engine, vast.files->write_files(client, 8, 1e9, WritePattern::file_per_process), &alone));
  engine.run();
  REQUIRE(secs(alone) == Approx(1.0).epsilon(1e-4));
  // Together: 8 GB of files and an 8 GB object share the flash: 16 GB at 8 GB/s -> 2 s for both.
  std::optional<sim::SimTime> files, object;
  const double start = engine.now().to_seconds();
  engine.spawn("files",
               timed(&engine, vast.files->write_files(client, 8, 1e9, WritePattern::file_per_process), &files));
  engine.spawn("object", timed(&engine, vast.objects->put(client, "ckpt/", 8e9), &object));
  engine.run();
  REQUIRE(secs(files) - start == Approx(2.0).epsilon(1e-4));
  REQUIRE(secs(object) - start == Approx(2.0).epsilon(1e-4));
  // One capacity for both: 8 + 8 + 8 = 24 GB used.
  REQUIRE(vast.parts.capacity->used_bytes() == 24e9);
}

TEST_CASE("unified storage: the media must be flash", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  UnifiedStorageSpec spec = flash_system();
  spec.media.kind = MediaKind::hdd;
  REQUIRE_THROWS_WITH(build_unified_storage(network, spec, {}), Catch::Contains("vast") && Catch::Contains("flash"));
  spec = flash_system();
  spec.servers = 0;
  REQUIRE_THROWS_AS(build_unified_storage(network, spec, {}), StorageSpecError);
}
