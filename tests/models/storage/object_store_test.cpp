#include <catch2/catch.hpp>

#include "models/storage/object_store.hpp"
#include "models/storage/storage_error.hpp"
#include "tests/models/storage/storage_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::storage;
using clustersim::models::storage::testing::secs;
using clustersim::models::storage::testing::timed;

namespace {

// Gateways and media far from limiting unless a test says otherwise.
ObjectStoreSpec store(double part_bytes, std::int64_t parts_in_flight) {
  ObjectStoreSpec spec;
  spec.name = "s3";
  spec.gateways = 4;
  spec.gateway_bytes_per_s = 1e12;
  spec.first_byte_latency = sim::SimTime::zero();
  spec.part_bytes = part_bytes;
  spec.parts_in_flight = parts_in_flight;
  spec.media.kind = MediaKind::hdd;
  spec.media.read_bytes_per_s = 1e13;
  spec.media.write_bytes_per_s = 1e13;
  return spec;
}

double run_put(ObjectStore& s3, sim::Engine& engine, double bytes, const std::string& prefix = "ckpt/") {
  std::optional<sim::SimTime> done;
  const sim::SimTime start = engine.now();
  engine.spawn("put", timed(&engine, s3.put(StorageClient{"n0", {}, {}}, prefix, bytes), &done));
  engine.run();
  return secs(done) - start.to_seconds();
}

}  // namespace

TEST_CASE("object store: a PUT of S in parts of P is ceil(S/P) requests at 3,500/s per prefix", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStore s3(network, store(1e6, 100), {});
  // 7,000 parts of 1 MB: 7,000 / 3,500 = 2 s.
  REQUIRE(s3.requests_for(7e9) == 7000);
  REQUIRE(run_put(s3, engine, 7e9) == Approx(2.0).epsilon(1e-6));  // ns rounding per completion
  REQUIRE(s3.requests() == 7000);
  // 3,500.5 parts -> 3,501 requests (the last one half a part still costs one request).
  REQUIRE(s3.requests_for(3500.5e6) == 3501);
  REQUIRE(run_put(s3, engine, 3500.5e6) == Approx(3501.0 / 3500.0).epsilon(1e-6));
  REQUIRE(s3.requests_for(1) == 1);
  REQUIRE(s3.requests_for(0) == 1);
}

TEST_CASE("object store: first-byte latency with limited parts in flight", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStoreSpec spec = store(1e6, 10);
  spec.first_byte_latency = sim::milliseconds(10);
  ObjectStore s3(network, spec, {});
  // k = 10 parts start together, wait L = 10 ms, then move their bytes together; the prefix
  // constraint (3,500 ops/s) gives each 350 ops/s, so a 1 MB part takes k / R = 2.857 ms.
  // 1,000 parts = 100 rounds of L + k / R: 100 x (0.01 + 10 / 3500) = 1.2857 s. The latency is not
  // hidden: closed-loop throughput is k / (L + k / R) requests/s (see object_store.hpp).
  REQUIRE(run_put(s3, engine, 1e9) == Approx(100 * (0.01 + 10.0 / 3500)).epsilon(1e-6));
  // 100 in flight: 7,000 parts in 70 rounds of 0.01 + 100 / 3500 s = 2.7 s.
  ObjectStoreSpec wide = spec;
  wide.parts_in_flight = 100;
  sim::Engine engine2;
  sim::FlowNetwork network2(engine2);
  ObjectStore s3b(network2, wide, {});
  REQUIRE(run_put(s3b, engine2, 7e9) == Approx(70 * (0.01 + 100.0 / 3500)).epsilon(1e-6));
}

TEST_CASE("object store: GETs are limited to 5,500/s per prefix; prefixes are independent", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStore s3(network, store(1e6, 100), {});
  std::optional<sim::SimTime> get, put_a, put_b, put_c;
  engine.spawn("get", timed(&engine, s3.get(StorageClient{"n0", {}, {}}, "data/", 5500e6), &get));
  // Two PUTs of 3,500 parts on different prefixes: 1 s each; a third on prefix a shares it: 2 s.
  engine.spawn("a", timed(&engine, s3.put(StorageClient{"n0", {}, {}}, "a/", 3500e6), &put_a));
  engine.spawn("b", timed(&engine, s3.put(StorageClient{"n1", {}, {}}, "b/", 3500e6), &put_b));
  engine.run();
  REQUIRE(secs(get) == Approx(1.0).epsilon(1e-6));
  REQUIRE(secs(put_a) == Approx(1.0).epsilon(1e-6));
  REQUIRE(secs(put_b) == Approx(1.0).epsilon(1e-6));
  std::optional<sim::SimTime> a1, a2;
  engine.spawn("a1", timed(&engine, s3.put(StorageClient{"n0", {}, {}}, "a/", 3500e6), &a1));
  engine.spawn("a2", timed(&engine, s3.put(StorageClient{"n1", {}, {}}, "a/", 3500e6), &a2));
  engine.run();
  REQUIRE(secs(a1) == Approx(3.0).epsilon(1e-6));
  REQUIRE(secs(a2) == Approx(3.0).epsilon(1e-6));
}

TEST_CASE("object store: erasure coding 8+2 makes media traffic 1.25x", "[storage]") {
  REQUIRE(Redundancy::erasure_coding(8, 2).write_overhead() == 1.25);
  REQUIRE(Redundancy::replication(3).write_overhead() == 3.0);
  REQUIRE(Redundancy::none().write_overhead() == 1.0);
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStoreSpec spec = store(1e9, 8);  // 8 parts of 1 GB, request rate irrelevant
  spec.media.kind = MediaKind::flash;
  spec.media.write_bytes_per_s = 10e9;  // raw
  spec.media.redundancy = Redundancy::erasure_coding(8, 2);
  ObjectStore s3(network, spec, {});
  double media_load = 0, media_util = 0;
  engine.schedule_at(sim::seconds(0.5), [&] {
    media_load = network.load_per_s(s3.parts().media->write_constraint());
    media_util = network.utilisation(s3.parts().media->write_constraint());
  });
  // 8 GB of user data at 10 / 1.25 = 8 GB/s: 1 s, with the media at 10 GB/s raw.
  REQUIRE(run_put(s3, engine, 8e9) == Approx(1.0).epsilon(1e-6));
  REQUIRE(media_load == Approx(10e9));
  REQUIRE(media_util == Approx(1.0));

  sim::Engine engine2;
  sim::FlowNetwork network2(engine2);
  spec.media.redundancy = Redundancy::replication(3);
  ObjectStore replicated(network2, spec, {});
  REQUIRE(run_put(replicated, engine2, 8e9) == Approx(2.4).epsilon(1e-6));
}

TEST_CASE("object store: one request reaches one gateway; parts spread over all", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStoreSpec spec = store(1e9, 4);
  spec.gateway_bytes_per_s = 1e9;
  ObjectStore s3(network, spec, {});
  REQUIRE(run_put(s3, engine, 1e9) == Approx(1.0).epsilon(1e-6));  // 1 part, 1 gateway
  REQUIRE(run_put(s3, engine, 4e9) == Approx(1.0).epsilon(1e-6));  // 4 parts on 4 gateways
  REQUIRE(run_put(s3, engine, 8e9) == Approx(2.0).epsilon(1e-6));  // 8 parts, 4 at a time
}

TEST_CASE("object store: traffic shares the client's and the store's network links", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const sim::ConstraintId nic = network.add_constraint("n0.frontend.tx", 2e9);
  const sim::ConstraintId ingress = network.add_constraint("store.ingress", 3e9);
  ObjectStore s3(network, store(1e8, 64), StorageAttachment{{sim::FlowUse{ingress, 1.0}}, {}});
  std::optional<sim::SimTime> a, b;
  // n0 (behind a 2 GB/s NIC) and n1 (no NIC limit) PUT 4 GB each through the 3 GB/s ingress:
  // n0 gets 1.5 (ingress fair share < its NIC), n1 1.5: both end at 4 / 1.5 = 2.667 s.
  engine.spawn("a", timed(&engine, s3.put(StorageClient{"n0", {sim::FlowUse{nic, 1.0}}, {}}, "p0/", 4e9), &a));
  engine.spawn("b", timed(&engine, s3.put(StorageClient{"n1", {}, {}}, "p1/", 4e9), &b));
  engine.run();
  REQUIRE(secs(a) == Approx(4.0 / 1.5).epsilon(1e-6));
  REQUIRE(secs(b) == Approx(4.0 / 1.5).epsilon(1e-6));
}

TEST_CASE("object store: capacity and bad input", "[storage]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStoreSpec spec = store(1e6, 4);
  spec.capacity_bytes = 5e6;
  ObjectStore s3(network, spec, {});
  engine.spawn("put", s3.put(StorageClient{"n0", {}, {}}, "x/", 6e6));
  REQUIRE_THROWS_WITH(engine.run(), Catch::Contains("s3") && Catch::Contains("cannot store"));

  spec = store(0, 4);
  REQUIRE_THROWS_WITH(ObjectStore(network, spec, {}), Catch::Contains("part_bytes"));
  spec = store(1e6, 4);
  spec.gateways = 0;
  REQUIRE_THROWS_WITH(ObjectStore(network, spec, {}), Catch::Contains("gateways"));
  spec = store(1e6, 4);
  spec.media.redundancy = Redundancy::erasure_coding(0, 2);
  REQUIRE_THROWS_WITH(ObjectStore(network, spec, {}), Catch::Contains("data_chunks"));
  REQUIRE_THROWS_AS(s3.requests_for(-1), std::invalid_argument);
}
