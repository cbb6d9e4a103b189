#include <catch2/catch.hpp>

#include "sim/hold_model.hpp"

using namespace clustersim::sim;

namespace {

HoldModelResult run_hold(std::uint64_t seed) {
  Engine engine;
  HoldModelResult result;
  spawn_hold_model(engine, 200, seed, result);
  engine.run_until(seconds(50));
  return result;
}

}  // namespace

TEST_CASE("the same seed gives the same event trajectory", "[determinism]") {
  const HoldModelResult first = run_hold(42);
  const HoldModelResult second = run_hold(42);
  REQUIRE(first.events > 9000);  // 200 processes x 50 s at one event per second on average
  REQUIRE(first.events < 11000);
  REQUIRE(first.trajectory_hash == second.trajectory_hash);
  REQUIRE(first.events == second.events);
}

TEST_CASE("a different seed gives a different trajectory", "[determinism]") {
  REQUIRE(run_hold(42).trajectory_hash != run_hold(43).trajectory_hash);
}

// Pinned trajectories, recorded with the engine before the radix-heap event queue and the frame
// pool (binary 4-ary heap, malloc'd frames): a change of the engine's data structures must not
// change a single wake-up.
TEST_CASE("the hold-model trajectory is the one recorded before the engine was reworked", "[determinism]") {
  struct Pinned {
    std::uint64_t processes;
    std::int64_t end_s;
    std::uint64_t events;
    std::uint64_t hash;
  };
  for (const Pinned pinned :
       {Pinned{200, 50, 10072, 0xb1c352e09780db36ULL}, Pinned{1000, 5, 5931, 0xa309ac13c4ffb102ULL}}) {
    Engine engine;
    HoldModelResult result;
    spawn_hold_model(engine, pinned.processes, 1, result);
    engine.run_until(seconds(pinned.end_s));
    CHECK(engine.events_processed() == pinned.events);
    CHECK(result.trajectory_hash == pinned.hash);
  }
}
