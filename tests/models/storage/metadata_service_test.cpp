#include <catch2/catch.hpp>

#include "models/storage/metadata_service.hpp"
#include "models/storage/storage_error.hpp"
#include "tests/models/storage/storage_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::storage;
using clustersim::models::storage::testing::secs;
using clustersim::models::storage::testing::timed;

namespace {

MetadataSpec mds(std::int64_t servers, sim::SimTime latency = sim::SimTime::zero()) {
  MetadataSpec spec;
  spec.servers = servers;
  spec.create_ops_per_s = 100;
  spec.open_ops_per_s = 1000;
  spec.stat_ops_per_s = 10000;
  spec.op_latency = latency;
  return spec;
}

}  // namespace

TEST_CASE("metadata: FIFO service, round-robin over servers", "[storage]") {
  sim::Engine engine;
  MetadataService service(engine, "mds", mds(2));
  std::optional<sim::SimTime> a, b, c;
  // a: 10 creates -> 5 per server at 100/s = 50 ms. b, issued at the same instant, queues behind a:
  // 4 creates -> 2 more per server -> 70 ms. c: 100 stats at 10,000/s -> 50 per server, 5 ms after
  // b's work: 75 ms.
  engine.spawn("a", timed(&engine, service.perform(MetadataOp::create, 10), &a));
  engine.spawn("b", timed(&engine, service.perform(MetadataOp::create, 4), &b));
  engine.spawn("c", timed(&engine, service.perform(MetadataOp::stat, 100), &c));
  engine.run();
  REQUIRE(secs(a) == Approx(0.050));
  REQUIRE(secs(b) == Approx(0.070));
  REQUIRE(secs(c) == Approx(0.075));
  REQUIRE(service.operations() == 114);
}

TEST_CASE("metadata: an odd count advances the round-robin pointer; latency adds once", "[storage]") {
  sim::Engine engine;
  MetadataService service(engine, "mds", mds(2, sim::milliseconds(1)));
  std::optional<sim::SimTime> a, b;
  // a: 3 creates -> server 0 gets 2, server 1 gets 1 (20 ms); pointer now at server 1.
  // b: 1 create -> server 1: 10 + 10 = 20 ms. Both + 1 ms latency.
  engine.spawn("a", timed(&engine, service.perform(MetadataOp::create, 3), &a));
  engine.spawn("b", timed(&engine, service.perform(MetadataOp::create, 1), &b));
  engine.run();
  REQUIRE(secs(a) == Approx(0.021));
  REQUIRE(secs(b) == Approx(0.021));
  REQUIRE(service.next_server() == 0);
}

TEST_CASE("metadata: bad descriptions name the field", "[storage]") {
  sim::Engine engine;
  MetadataSpec spec = mds(0);
  REQUIRE_THROWS_WITH(MetadataService(engine, "mds", spec), Catch::Contains("servers"));
  spec = mds(1);
  spec.open_ops_per_s = -1;
  REQUIRE_THROWS_AS(MetadataService(engine, "mds", spec), StorageSpecError);
}
