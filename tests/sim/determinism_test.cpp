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
