#include <catch2/catch.hpp>

#include "models/storage/bulk_io.hpp"

using namespace clustersim;
using namespace clustersim::models::storage;

namespace {

// A PFS whose metadata, targets and IOPS are far from limiting unless a test says otherwise.
PfsSpec fast_pfs() {
  PfsSpec spec;
  spec.name = "pfs";
  spec.metadata.servers = 1;
  spec.metadata.create_ops_per_s = 1e12;
  spec.metadata.open_ops_per_s = 1e12;
  spec.metadata.stat_ops_per_s = 1e12;
  spec.storage_targets = 8;
  spec.target_read_bytes_per_s = 1e15;
  spec.target_write_bytes_per_s = 1e15;
  return spec;
}

ObjectStoreSpec fast_store() {
  ObjectStoreSpec spec;
  spec.name = "s3";
  spec.gateways = 4;
  spec.gateway_bytes_per_s = 1e15;
  spec.prefix_put_ops_per_s = 1e12;
  spec.prefix_get_ops_per_s = 1e12;
  spec.media.read_bytes_per_s = 1e16;
  spec.media.write_bytes_per_s = 1e16;
  return spec;
}

BulkOperation write_op(std::int64_t nodes, std::int64_t files, double bytes) {
  BulkOperation op;
  op.direction = IoDirection::write;
  op.nodes = nodes;
  op.files_per_node = files;
  op.bytes_per_file = bytes;
  op.client_bytes_per_s = 1e14;
  return op;
}

constexpr std::int64_t kUnscaled = 1'000'000'000;

}  // namespace

TEST_CASE("bulk I/O: metadata-bound, N files on s servers take N / (s x rate)", "[storage][bulk_io]") {
  PfsSpec pfs = fast_pfs();
  pfs.metadata.create_ops_per_s = 1000;  // one server
  // 1,000 nodes x 8 files = 8,000 creates at 1,000/s = 8 s (each file's bytes move in nanoseconds).
  const BulkIoTime t = time_bulk_io({pfs}, write_op(1000, 8, 1e6));
  CHECK(t.bound == "metadata");
  CHECK(t.bound_s == Approx(8.0));
  CHECK(t.seconds == Approx(8.0).epsilon(1e-3));
  CHECK(t.simulated_nodes == kMaxSimulatedRequests / 8);
  // The scale model agrees with simulating every node.
  CHECK(time_bulk_io({pfs}, write_op(1000, 8, 1e6), kUnscaled).seconds == Approx(t.seconds).epsilon(0.01));
}

TEST_CASE("bulk I/O: bandwidth-bound, N S over T targets of b take N S / (T b)", "[storage][bulk_io]") {
  PfsSpec pfs = fast_pfs();
  pfs.target_write_bytes_per_s = 1e9;  // 8 targets x 1 GB/s
  // 512 nodes x 8 files of 100 MB = 409.6 GB at 8 GB/s = 51.2 s.
  const BulkIoTime t = time_bulk_io({pfs}, write_op(512, 8, 1e8));
  CHECK(t.bound == "bandwidth");
  CHECK(t.bound_s == Approx(51.2));
  CHECK(t.seconds == Approx(51.2).epsilon(0.01));
  CHECK(t.simulated_nodes < 512);
  CHECK(time_bulk_io({pfs}, write_op(512, 8, 1e8), kUnscaled).seconds == Approx(t.seconds).epsilon(0.01));
  // Reading them back at 2 GB/s per target: every node's files spread over all targets, 25.6 s.
  pfs.target_read_bytes_per_s = 2e9;
  BulkOperation read = write_op(512, 8, 1e8);
  read.direction = IoDirection::read;
  CHECK(time_bulk_io({pfs}, read).seconds == Approx(25.6).epsilon(0.01));
}

TEST_CASE("bulk I/O: IOPS-bound, small random reads take samples / (T x iops)", "[storage][bulk_io]") {
  PfsSpec pfs = fast_pfs();
  pfs.storage_targets = 4;
  pfs.target_read_iops = 10'000;
  BulkOperation op;
  op.direction = IoDirection::read;
  op.access = IoAccess::samples;
  op.nodes = 100;
  op.files_per_node = 1000;  // samples
  op.bytes_per_file = 4096;
  op.client_bytes_per_s = 1e14;
  op.in_flight_per_node = 64;
  // 100,000 reads at 4 x 10,000 IOPS = 2.5 s.
  const BulkIoTime t = time_bulk_io({pfs}, op);
  CHECK(t.bound == "iops");
  CHECK(t.bound_s == Approx(2.5));
  CHECK(t.seconds == Approx(2.5).epsilon(0.01));
  CHECK(time_bulk_io({pfs}, op, kUnscaled).seconds == Approx(t.seconds).epsilon(0.01));
}

TEST_CASE("bulk I/O: prefix-bound, requests / (prefixes x rate)", "[storage][bulk_io]") {
  ObjectStoreSpec store = fast_store();
  store.prefix_put_ops_per_s = 3500;
  store.part_bytes = 8.0 * 1024 * 1024;
  // 64 nodes x 8 objects of 10 parts = 5,120 PUTs over 4 prefixes at 3,500/s = 0.3657 s.
  const BulkIoTime t = time_bulk_io({store, 4}, write_op(64, 8, 10 * store.part_bytes));
  CHECK(t.bound == "prefix");
  CHECK(t.bound_s == Approx(5120.0 / 14000.0));
  CHECK(t.seconds == Approx(5120.0 / 14000.0).epsilon(0.01));
  CHECK(time_bulk_io({store, 4}, write_op(64, 8, 10 * store.part_bytes), kUnscaled).seconds ==
        Approx(t.seconds).epsilon(0.01));
}

TEST_CASE("bulk I/O: fewer objects than prefixes use one prefix each, scaled or not", "[storage][bulk_io]") {
  ObjectStoreSpec store = fast_store();
  store.prefix_get_ops_per_s = 5500;
  store.part_bytes = 8.0 * 1024 * 1024;
  BulkOperation op = write_op(1, 8, 100 * store.part_bytes);
  op.direction = IoDirection::read;
  // One node's 8 objects of 100 parts on 8 of the 64 prefixes: 100 GETs per prefix at 5,500/s.
  const BulkIoTime one = time_bulk_io({store, 64}, op);
  CHECK(one.bound == "prefix");
  CHECK(one.seconds == Approx(100.0 / 5500.0).epsilon(0.01));
  // 64 nodes x 1 object of 100 parts over 64 prefixes: 6,400 GETs / (64 x 5,500/s), simulated on fewer nodes.
  op = write_op(64, 1, 100 * store.part_bytes);
  op.direction = IoDirection::read;
  const BulkIoTime all = time_bulk_io({store, 64}, op);
  CHECK(all.simulated_nodes < 64);
  CHECK(all.seconds == Approx(6400.0 / (64 * 5500.0)).epsilon(0.01));
  CHECK(time_bulk_io({store, 64}, op, kUnscaled).seconds == Approx(all.seconds).epsilon(0.01));
}

TEST_CASE("bulk I/O: a data loader with k reads in flight and latency L reads k / L samples/s", "[storage][bulk_io]") {
  ObjectStoreSpec store = fast_store();
  store.first_byte_latency = sim::milliseconds(10);
  BulkOperation op;
  op.direction = IoDirection::read;
  op.access = IoAccess::samples;
  op.nodes = 2;
  op.files_per_node = 1000;
  op.bytes_per_file = 65536;
  op.client_bytes_per_s = 1e14;
  op.in_flight_per_node = 10;
  // 1,000 samples, 10 at a time, 10 ms each: 100 rounds = 1 s (Little's law).
  const BulkIoTime t = time_bulk_io({store, 1}, op);
  CHECK(t.bound == "latency");
  CHECK(t.seconds == Approx(1.0).epsilon(1e-3));
}

TEST_CASE("bulk I/O: the client NIC bounds a node's share", "[storage][bulk_io]") {
  BulkOperation op = write_op(4, 8, 1e9);
  op.client_bytes_per_s = 2e9;
  // 8 GB through a 2 GB/s NIC: 4 s.
  const BulkIoTime t = time_bulk_io({fast_pfs()}, op);
  CHECK(t.bound == "client");
  CHECK(t.seconds == Approx(4.0).epsilon(1e-6));
}

// Must show (issue 17): the same 100 GB/s, a file-per-rank checkpoint of 16,384 ranks (2,048 nodes x 8 ranks,
// 10 MB each): the PFS with one metadata server at 5,000 creates/s is metadata-bound, 16,384 / 5,000 = 3.28 s;
// the object store (16 MiB parts: one PUT per object) spreading its objects over 64 prefixes is bandwidth-bound,
// 163.84 GB / 100 GB/s = 1.64 s (16,384 PUTs / (64 x 3,500/s) = 0.07 s), and over one prefix prefix-bound,
// 16,384 / 3,500 = 4.68 s.
TEST_CASE("bulk I/O: same bandwidth, different kind: a file-per-rank checkpoint of 16,384 ranks",
          "[storage][bulk_io]") {
  PfsSpec pfs = fast_pfs();
  pfs.storage_targets = 10;
  pfs.target_write_bytes_per_s = 10e9;
  pfs.metadata.create_ops_per_s = 5000;
  ObjectStoreSpec store = fast_store();
  store.gateways = 10;
  store.gateway_bytes_per_s = 10e9;
  store.prefix_put_ops_per_s = 3500;
  store.part_bytes = 16.0 * 1024 * 1024;
  const BulkOperation op = write_op(2048, 8, 10e6);

  const BulkIoTime on_pfs = time_bulk_io({pfs}, op);
  CHECK(on_pfs.bound == "metadata");
  CHECK(on_pfs.seconds == Approx(16384.0 / 5000.0).epsilon(0.01));

  const BulkIoTime sharded = time_bulk_io({store, 64}, op);
  CHECK(sharded.bound == "bandwidth");
  CHECK(sharded.seconds == Approx(163.84e9 / 100e9).epsilon(0.02));

  const BulkIoTime one_prefix = time_bulk_io({store, 1}, op);
  CHECK(one_prefix.bound == "prefix");
  CHECK(one_prefix.seconds == Approx(16384.0 / 3500.0).epsilon(0.01));
}

TEST_CASE("bulk I/O: bad operations are rejected", "[storage][bulk_io]") {
  CHECK_THROWS_WITH(time_bulk_io({fast_pfs()}, write_op(0, 8, 1e6)), Catch::Contains("nodes"));
  CHECK_THROWS_WITH(time_bulk_io({fast_pfs()}, write_op(4, 8, 0)), Catch::Contains("bytes_per_file"));
  CHECK_THROWS_WITH(time_bulk_io({fast_store(), 0}, write_op(4, 8, 1e6)), Catch::Contains("prefixes"));
}
