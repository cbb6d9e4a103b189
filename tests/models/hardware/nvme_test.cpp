#include <catch2/catch.hpp>

#include "models/hardware/nvme.hpp"
#include "models/hardware/spec_error.hpp"

using namespace clustersim;
using namespace clustersim::models::hardware;

namespace {

// Samsung PM1743-like drive (Samsung's PM1743 specifications, data/SOURCES.md [pm1743]):
// 13 GB/s read, 6.6 GB/s write, 2.5M / 250K IOPS.
NvmeDriveSpec pm1743() {
  NvmeDriveSpec drive;
  drive.name = "pm1743";
  drive.capacity_bytes = 3.84e12;
  drive.read_bytes_per_s = 13e9;
  drive.write_bytes_per_s = 6.6e9;
  drive.read_ops_per_s = 2.5e6;
  drive.write_ops_per_s = 250e3;
  drive.read_latency = sim::microseconds(80);
  drive.write_latency = sim::microseconds(20);
  drive.queue_depth = 256;
  return drive;
}

}  // namespace

TEST_CASE("nvme: throughput is min(bandwidth, IOPS x size)", "[hardware]") {
  const NvmeDriveSpec drive = pm1743();
  // 4 KiB random read: min(13e9, 2.5e6 x 4096) = 10.24 GB/s.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 4096) == Approx(10.24e9));
  // 128 KiB sequential read: bandwidth-bound.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 128 * 1024) == 13e9);
  // 4 KiB random write: 250e3 x 4096 = 1.024 GB/s; 128 KiB write: 6.6 GB/s.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::write, 4096) == Approx(1.024e9));
  REQUIRE(throughput_bytes_per_s(drive, IoKind::write, 128 * 1024) == 6.6e9);
  // Below 4 KiB a command still counts once: 512 B x 2.5e6 = 1.28 GB/s.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 512) == Approx(1.28e9));
  // Crossover s* = 13e9 / 2.5e6 = 5200 B.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 5200) == Approx(13e9));
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 5000) == Approx(12.5e9));
}

TEST_CASE("nvme: Little's law bounds throughput at low queue depth", "[hardware]") {
  const NvmeDriveSpec drive = pm1743();
  // QD1, 4 KiB, 80 us: 4096 / 80e-6 = 51.2 MB/s.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 4096, 1) == Approx(51.2e6));
  // QD32: 32 x 51.2 MB/s = 1.6384 GB/s, still below the IOPS limit.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 4096, 32) == Approx(1.6384e9));
  // QD256: 256 x 4096 / 80e-6 = 13.1 GB/s > 10.24 GB/s: IOPS-bound again.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 4096, 256) == Approx(10.24e9));
  // A queue depth above the drive's maximum is clamped to it.
  REQUIRE(throughput_bytes_per_s(drive, IoKind::read, 512, 100000) ==
          Approx(throughput_bytes_per_s(drive, IoKind::read, 512, 256)));
  REQUIRE_THROWS_AS(throughput_bytes_per_s(drive, IoKind::read, 4096, 0), std::invalid_argument);
  REQUIRE_THROWS_AS(throughput_bytes_per_s(drive, IoKind::read, -1.0), std::invalid_argument);
}

TEST_CASE("nvme: an array of 8 stripes scales every figure by 8", "[hardware]") {
  const NvmeArray array("node0.nvme", pm1743(), 8);
  REQUIRE(array.capacity_bytes() == Approx(8 * 3.84e12));
  REQUIRE(array.bandwidth_bytes_per_s(IoKind::read) == Approx(104e9));
  REQUIRE(array.bandwidth_bytes_per_s(IoKind::write) == Approx(52.8e9));
  REQUIRE(array.throughput_bytes_per_s(IoKind::read, 4096) == Approx(8 * 10.24e9));
  REQUIRE(array.throughput_bytes_per_s(IoKind::read, 128 * 1024) == Approx(104e9));
  // QD1 on the array is the same as on one drive (one I/O in flight).
  REQUIRE(array.throughput_bytes_per_s(IoKind::read, 4096, 1) == Approx(51.2e6));
  // QD 8 x 256 saturates all eight drives' IOPS.
  REQUIRE(array.throughput_bytes_per_s(IoKind::read, 4096, 2048) == Approx(8 * 10.24e9));
  // Channel coefficient: 104e9 / 81.92e9 at 4 KiB, 1 for sequential I/O.
  REQUIRE(array.channel_coefficient(IoKind::read, 4096) == Approx(13e9 / 10.24e9));
  REQUIRE(array.channel_coefficient(IoKind::read, 128 * 1024) == 1.0);
}

TEST_CASE("nvme: capacity accounting errors past capacity and evicts LRU objects on request", "[hardware]") {
  NvmeDriveSpec drive = pm1743();
  drive.capacity_bytes = 1000;
  NvmeArray array("node7.nvme", drive, 2);  // 2000 bytes
  array.write(1500);
  REQUIRE(array.used_bytes() == 1500);
  try {
    array.write(600);
    FAIL("expected a CapacityError");
  } catch (const CapacityError& error) {
    REQUIRE(error.ledger() == "node7.nvme");
    REQUIRE(error.requested_bytes() == 600);
    REQUIRE(error.used_bytes() == 1500);
    REQUIRE(error.capacity_bytes() == 2000);
    REQUIRE_THAT(error.what(), Catch::Contains("node7.nvme") && Catch::Contains("600 bytes"));
  }
  REQUIRE(array.used_bytes() == 1500);  // unchanged
  array.erase(1000);
  REQUIRE(array.used_bytes() == 500);
  REQUIRE_THROWS_AS(array.erase(501), std::invalid_argument);

  // Cache semantics: objects a, b, c of 400 each (1700 used); touching a makes b the oldest.
  REQUIRE(array.put("a", 400).empty());
  REQUIRE(array.put("b", 400).empty());
  REQUIRE(array.put("c", 400).empty());
  REQUIRE(array.ledger().touch("a"));
  REQUIRE_THROWS_AS(array.put("d", 700), CapacityError);  // error by default
  REQUIRE(array.ledger().object_count() == 3);
  // 700 needs 400 more than the 300 free: b (the oldest) goes, whole; c and a stay.
  const std::vector<EvictedObject> evicted = array.put("d", 700, OnFull::evict_lru);
  REQUIRE(evicted.size() == 1);
  REQUIRE(evicted[0].key == "b");
  REQUIRE(evicted[0].bytes == 400);
  REQUIRE(array.used_bytes() == 2000);
  REQUIRE(array.ledger().objects_lru_first() == std::vector<std::string>{"c", "a", "d"});
  // 1,000 more: c then a go (oldest first).
  const std::vector<EvictedObject> more = array.put("e", 800, OnFull::evict_lru);
  REQUIRE(more.size() == 2);
  REQUIRE(more[0].key == "c");
  REQUIRE(more[1].key == "a");
  REQUIRE(array.ledger().objects_lru_first() == std::vector<std::string>{"d", "e"});
  // Pinned bytes are never evicted: 1,600 cannot fit beside 500 pinned bytes. Nothing changes.
  REQUIRE_THROWS_AS(array.put("f", 1600, OnFull::evict_lru), CapacityError);
  REQUIRE(array.ledger().objects_lru_first() == std::vector<std::string>{"d", "e"});
  // Replacing an object frees its old bytes first.
  REQUIRE(array.put("d", 300).empty());
  REQUIRE(array.used_bytes() == 1600);
  REQUIRE(array.ledger().objects_lru_first() == std::vector<std::string>{"e", "d"});
}

TEST_CASE("nvme: bad drive descriptions name the field", "[hardware]") {
  NvmeDriveSpec drive = pm1743();
  drive.write_ops_per_s = -5;
  REQUIRE_THROWS_WITH(NvmeArray("x", drive, 1), Catch::Contains("pm1743") && Catch::Contains("write_ops_per_s"));
  REQUIRE_THROWS_AS(NvmeArray("x", pm1743(), 0), HardwareSpecError);
  drive = pm1743();
  drive.read_latency = sim::SimTime::zero();
  REQUIRE_THROWS_WITH(validate(drive), Catch::Contains("read_latency"));
}
