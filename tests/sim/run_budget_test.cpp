// The engine's run budget: an event cap (exact: a run that needs N events passes with N, stops with N - 1)
// and a wall-clock deadline read every 4,096 events; both stop the run with RunLimitExceeded naming the
// simulated time reached, and leave an engine that shuts down cleanly.
#include <catch2/catch.hpp>

#include <chrono>

#include "sim/engine.hpp"

using namespace clustersim::sim;

namespace {

// One wake-up at spawn, then one per sleep: 1 + ticks events.
Task<> ticker(Engine& engine, int ticks, SimTime period) {
  for (int i = 0; i < ticks; ++i) co_await engine.sleep(period);
}

Task<> forever(Engine& engine) {
  for (;;) co_await engine.sleep(nanoseconds(1));
}

}  // namespace

TEST_CASE("a run needing exactly max_events events passes; one fewer stops it", "[engine][limits]") {
  {
    Engine engine;
    engine.spawn("ticker", ticker(engine, 100, seconds(1)));
    engine.run();
    REQUIRE(engine.events_processed() == 101);
  }
  {
    Engine engine;
    engine.set_budget({101, std::chrono::nanoseconds(0)});
    engine.spawn("ticker", ticker(engine, 100, seconds(1)));
    engine.run();
    REQUIRE(engine.now() == seconds(100));
  }
  Engine engine;
  engine.set_budget({100, std::chrono::nanoseconds(0)});
  engine.spawn("ticker", ticker(engine, 100, seconds(1)));
  try {
    engine.run();
    FAIL("the event cap did not stop the run");
  } catch (const RunLimitExceeded& error) {
    REQUIRE(error.limit() == RunLimitExceeded::Limit::events);
    REQUIRE(error.events() == 100);
    REQUIRE(error.when() == seconds(99));  // the 100th event is the wake-up at 99 s
    REQUIRE(std::string(error.what()) ==
            "run stopped at simulated time 99 s after 100 events: reached the limit of 100 events per run");
  }
  REQUIRE(engine.events_processed() == 100);
  REQUIRE(engine.live_processes() == 1);
  engine.shutdown();
  REQUIRE(engine.live_processes() == 0);
}

TEST_CASE("the event cap also stops run_until", "[engine][limits]") {
  Engine engine;
  engine.set_budget({10, std::chrono::nanoseconds(0)});
  engine.spawn("forever", forever(engine));
  REQUIRE_THROWS_AS(engine.run_until(seconds(1)), RunLimitExceeded);
  REQUIRE(engine.now() == nanoseconds(9));
}

TEST_CASE("a wall-clock budget stops an endless run, reading the clock every 4096 events", "[engine][limits]") {
  Engine engine;
  // The event cap is a backstop (seconds of work, far beyond 1 ms): a broken clock check fails, not hangs.
  engine.set_budget({100'000'000, std::chrono::milliseconds(1)});
  engine.spawn("forever", forever(engine));
  const auto start = std::chrono::steady_clock::now();
  try {
    engine.run();
    FAIL("the wall-clock budget did not stop the run");
  } catch (const RunLimitExceeded& error) {
    REQUIRE(error.limit() == RunLimitExceeded::Limit::wall_clock);
    REQUIRE(error.events() % 4096 == 0);
    REQUIRE(error.events() > 0);
    REQUIRE(error.when() == nanoseconds(static_cast<std::int64_t>(error.events()) - 1));
    REQUIRE_THAT(error.what(), Catch::Contains("wall-clock budget of 1 ms per run"));
  }
  REQUIRE(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(1));
}

TEST_CASE("a budget applies to later runs and the default budget is unlimited", "[engine][limits]") {
  Engine engine;
  engine.spawn("ticker", ticker(engine, 10'000, nanoseconds(1)));
  engine.run_until(nanoseconds(5'000));
  engine.set_budget({engine.events_processed() + 10, std::chrono::nanoseconds(0)});
  REQUIRE_THROWS_AS(engine.run(), RunLimitExceeded);
  engine.set_budget({});
  engine.run();
  REQUIRE(engine.events_processed() == 10'001);
}
