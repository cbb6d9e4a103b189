#include <catch2/catch.hpp>

#include "models/storage/parallel_file_system.hpp"
#include "models/storage/storage_error.hpp"
#include "tests/models/storage/storage_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::storage;
using clustersim::models::storage::testing::secs;
using clustersim::models::storage::testing::timed;

namespace {

PfsSpec pfs(std::int64_t targets, double target_bytes_per_s, double creates_per_s, std::int64_t mds = 1) {
  PfsSpec spec;
  spec.name = "lustre";
  spec.metadata.servers = mds;
  spec.metadata.create_ops_per_s = creates_per_s;
  spec.metadata.open_ops_per_s = creates_per_s;
  spec.metadata.stat_ops_per_s = creates_per_s;
  spec.storage_targets = targets;
  spec.target_read_bytes_per_s = target_bytes_per_s;
  spec.target_write_bytes_per_s = target_bytes_per_s;
  spec.stripe_count = 1;
  spec.stripe_size_bytes = 1024.0 * 1024.0;
  return spec;
}

double write_time(ParallelFileSystem& fs, sim::Engine& engine, std::int64_t count, double bytes, WritePattern pattern,
                  std::int64_t stripe_count = 0) {
  std::optional<sim::SimTime> done;
  const StorageClient client = fs.attach_client("c0", {}, {});
  engine.spawn("writer", timed(&engine, fs.write_files(client, count, bytes, pattern, stripe_count), &done));
  const sim::SimTime start = engine.now();
  engine.run();
  return secs(done) - start.to_seconds();
}

}  // namespace

TEST_CASE("pfs: N files of S bytes take max(N / M, N S / (T b)) when pipelined (data-bound)", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ParallelFileSystem fs(network, pfs(4, 1e9, 1000), {});
  // N = 100, S = 1 GB, T = 4, b = 1 GB/s, M = 1000/s: max(0.1 s, 25 s) = 25 s. Fill: target 3's
  // first file is created at 4 / M = 4 ms, after which every target is busy to the end: 25.004 s.
  const double t = write_time(fs, engine, 100, 1e9, WritePattern::file_per_process);
  REQUIRE(t == Approx(25.004).epsilon(1e-8));
  REQUIRE(t <= 25.0 + 4.0 / 1000 + 1.0 + 1e-9);  // within the stated fill/drain term T/M + S/b
  REQUIRE(fs.files_written() == 100);
  REQUIRE(fs.metadata().operations() == 100);
}

TEST_CASE("pfs: 10,000 tiny files are metadata-bound", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ParallelFileSystem fs(network, pfs(4, 1e9, 1000), {});
  // N / M = 10 s; data 10,000 x 4 KiB / 4 GB/s = 10 ms. Last create at 10 s, its 4 KiB at 1 GB/s.
  const double t = write_time(fs, engine, 10000, 4096, WritePattern::file_per_process);
  REQUIRE(t == Approx(10.0 + 4096 / 1e9).epsilon(1e-8));

  // Two metadata servers halve it.
  sim::Engine engine2;
  sim::FlowNetwork network2(engine2);
  ParallelFileSystem fs2(network2, pfs(4, 1e9, 1000, 2), {});
  REQUIRE(write_time(fs2, engine2, 10000, 4096, WritePattern::file_per_process) ==
          Approx(5.0 + 4096 / 1e9).epsilon(1e-8));
}

TEST_CASE("pfs: a file's bandwidth is min(stripe_count, targets) x per-target bandwidth", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  PfsSpec spec = pfs(8, 1e9, 1e9);  // metadata effectively free (1 ns per create)
  ParallelFileSystem fs(network, spec, {});
  // 8 GB over 4 stripes: 4 GB/s -> 2 s; over all 8 targets -> 1 s; 16 is clamped to 8 -> 1 s.
  REQUIRE(write_time(fs, engine, 1, 8e9, WritePattern::file_per_process, 4) == Approx(2.0).epsilon(1e-8));
  REQUIRE(write_time(fs, engine, 1, 8e9, WritePattern::file_per_process, 8) == Approx(1.0).epsilon(1e-8));
  REQUIRE(fs.layout_width(16) == 8);
  REQUIRE(write_time(fs, engine, 1, 8e9, WritePattern::file_per_process, 16) == Approx(1.0).epsilon(1e-8));
  // A 2 MiB file with 1 MiB stripes covers 2 targets even with stripe_count 4: 2 GB/s.
  const double two_mib = 2.0 * 1024 * 1024;
  REQUIRE(write_time(fs, engine, 1, two_mib, WritePattern::file_per_process, 4) == Approx(two_mib / 2e9).epsilon(1e-3));
}

TEST_CASE("pfs: a per-client limit caps one client", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  PfsSpec spec = pfs(8, 1e9, 1e9);
  spec.stripe_count = 0;  // all targets
  spec.client_bytes_per_s = 2e9;
  ParallelFileSystem fs(network, spec, {});
  REQUIRE(write_time(fs, engine, 1, 8e9, WritePattern::file_per_process) == Approx(4.0).epsilon(1e-8));
}

TEST_CASE("pfs: shared-file writes use the shared file's stripes; contention is an explicit factor", "[storage]") {
  // T = 8 targets of 1 GB/s. 8 writers x 1 GB into one file striped over 4 targets: 4 GB/s -> 2 s.
  // File per process with stripe 1: 8 files on 8 targets -> 1 s.
  {
    sim::Engine engine;
    sim::FlowNetwork network(engine);
    ParallelFileSystem fs(network, pfs(8, 1e9, 1e6), {});
    REQUIRE(write_time(fs, engine, 8, 1e9, WritePattern::shared_file, 4) == Approx(2.0).epsilon(1e-4));
    REQUIRE(fs.files_written() == 1);
    REQUIRE(fs.metadata().operations() == 8);  // 1 create + 7 opens
    REQUIRE(write_time(fs, engine, 8, 1e9, WritePattern::file_per_process, 1) == Approx(1.0).epsilon(1e-4));
  }
  {
    sim::Engine engine;
    sim::FlowNetwork network(engine);
    PfsSpec spec = pfs(8, 1e9, 1e6);
    spec.shared_file_efficiency = 0.5;
    ParallelFileSystem fs(network, spec, {});
    REQUIRE(write_time(fs, engine, 8, 1e9, WritePattern::shared_file, 4) == Approx(4.0).epsilon(1e-4));
  }
}

TEST_CASE("pfs: storage traffic shares the network link it is attached to", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const sim::ConstraintId uplink = network.add_constraint("frontend.spine", 4e9);
  PfsSpec spec = pfs(8, 1e9, 1e9);
  spec.stripe_count = 0;
  ParallelFileSystem fs(network, spec, StorageAttachment{{sim::FlowUse{uplink, 1.0}}, {sim::FlowUse{uplink, 1.0}}});
  // PFS write of 8 GB (targets 8 GB/s) and 4 GB of other traffic on the 4 GB/s link: 2 GB/s each
  // until the other ends at 2 s, then the remaining 4 GB at 4 GB/s: 3 s.
  std::optional<sim::SimTime> other_done, write_done;
  sim::FlowSpec other;
  other.work = 4e9;
  other.constraints = {sim::FlowUse{uplink, 1.0}};
  other.name = "gradient";
  engine.spawn("other", testing::plain_transfer(&network, other, &other_done));
  const StorageClient client = fs.attach_client("n0", {}, {});
  engine.spawn("ckpt", timed(&engine, fs.write_files(client, 1, 8e9, WritePattern::file_per_process), &write_done));
  engine.run();
  REQUIRE(secs(other_done) == Approx(2.0).epsilon(1e-8));
  REQUIRE(secs(write_done) == Approx(3.0).epsilon(1e-8));
}

TEST_CASE("pfs: reads open files and stream from their targets", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ParallelFileSystem fs(network, pfs(4, 1e9, 1e6), {});
  std::optional<sim::SimTime> done;
  const StorageClient client = fs.attach_client("c0", {}, {});
  engine.spawn("reader", timed(&engine, fs.read_files(client, 8, 1e9, WritePattern::file_per_process), &done));
  engine.run();
  REQUIRE(secs(done) == Approx(2.0).epsilon(1e-4));  // 8 GB over 4 targets of 1 GB/s
  REQUIRE(fs.metadata().operations() == 8);
}

TEST_CASE("pfs: writing past capacity stops the run with a CapacityError", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  PfsSpec spec = pfs(4, 1e9, 1e6);
  spec.capacity_bytes = 10e9;
  ParallelFileSystem fs(network, spec, {});
  const StorageClient client = fs.attach_client("c0", {}, {});
  engine.spawn("fill", fs.write_files(client, 10, 1e9, WritePattern::file_per_process));
  engine.run();
  REQUIRE(fs.parts().capacity->used_bytes() == 10e9);
  fs.remove(1e9);
  engine.spawn("one more", fs.write_files(client, 1, 1e9, WritePattern::file_per_process));
  engine.run();
  engine.spawn("writer", fs.write_files(client, 1, 1e9, WritePattern::file_per_process));
  REQUIRE_THROWS_WITH(engine.run(), Catch::Contains("lustre") && Catch::Contains("cannot store"));
}

TEST_CASE("pfs: bad descriptions and requests name the field", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  PfsSpec spec = pfs(0, 1e9, 1000);
  REQUIRE_THROWS_WITH(ParallelFileSystem(network, spec, {}), Catch::Contains("storage_targets"));
  spec = pfs(4, 1e9, 1000);
  spec.metadata.create_ops_per_s = 0;
  REQUIRE_THROWS_WITH(ParallelFileSystem(network, spec, {}), Catch::Contains("create_ops_per_s"));
  spec = pfs(4, 1e9, 1000);
  spec.shared_file_efficiency = 1.5;
  REQUIRE_THROWS_AS(ParallelFileSystem(network, spec, {}), StorageSpecError);
  spec = pfs(4, 1e9, 1000);
  spec.stripe_count = -2;
  REQUIRE_THROWS_WITH(ParallelFileSystem(network, spec, {}), Catch::Contains("stripe_count"));
  ParallelFileSystem fs(network, pfs(4, 1e9, 1000), {});
  const StorageClient client = fs.attach_client("c0", {}, {});
  engine.spawn("bad", fs.write_files(client, -1, 1e9, WritePattern::file_per_process));
  REQUIRE_THROWS_WITH(engine.run(), Catch::Contains("count must be >= 0"));
}
