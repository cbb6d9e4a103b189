#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/when.hpp"

using namespace clustersim::sim;

namespace {

// Counts live instances, to prove every coroutine frame is destroyed.
struct FrameProbe {
  static inline int alive = 0;
  FrameProbe() { ++alive; }
  FrameProbe(const FrameProbe&) = delete;
  ~FrameProbe() { --alive; }
};

Task<> log_after(Engine& engine, SimTime delay, std::string label, std::vector<std::string>* log) {
  co_await engine.sleep(delay);
  log->push_back(label + "@" + to_string(engine.now()));
}

// Holds a FrameProbe while it sleeps for a year.
Task<> probe_sleeping(Engine& engine) {
  FrameProbe probe;
  co_await engine.sleep(days(365));
}

Task<int> square_after(Engine& engine, SimTime delay, int x) {
  co_await engine.sleep(delay);
  co_return x* x;
}

}  // namespace

TEST_CASE("simultaneous events run in insertion order", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  for (const char* name : {"a", "b", "c"}) engine.spawn(name, log_after(engine, seconds(1), name, &log));
  engine.spawn("first", log_after(engine, SimTime::zero(), "z", &log));
  engine.run();
  REQUIRE(log == std::vector<std::string>{"z@0 s", "a@1 s", "b@1 s", "c@1 s"});
  REQUIRE(engine.now() == seconds(1));
  REQUIRE(engine.live_processes() == 0);
}

TEST_CASE("run_until stops before later events and sets now", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  engine.spawn("early", log_after(engine, seconds(1), "early", &log));
  engine.spawn("late", log_after(engine, seconds(10), "late", &log));
  engine.run_until(seconds(5));
  REQUIRE(log == std::vector<std::string>{"early@1 s"});
  REQUIRE(engine.now() == seconds(5));
  engine.run();
  REQUIRE(log.back() == "late@10 s");
  REQUIRE_THROWS_AS(engine.run_until(seconds(1)), std::invalid_argument);
}

TEST_CASE("stop() ends the run after the current event", "[engine]") {
  Engine engine;
  int ticks = 0;
  auto ticker = [](Engine& e, int* count) -> Task<> {
    for (;;) {
      co_await e.sleep(seconds(1));
      if (++*count == 3) e.stop();
    }
  };
  engine.spawn("ticker", ticker(engine, &ticks));
  engine.run();
  REQUIRE(ticks == 3);
  REQUIRE(engine.now() == seconds(3));
}

TEST_CASE("timers fire in order and can be cancelled", "[engine]") {
  Engine engine;
  std::vector<int> fired;
  engine.schedule_at(seconds(2), [&] { fired.push_back(2); });
  TimerId cancelled = engine.schedule_at(seconds(1), [&] { fired.push_back(1); });
  engine.schedule_at(seconds(3), [&] { fired.push_back(3); });
  engine.cancel(cancelled);
  engine.cancel(cancelled);  // twice is harmless
  engine.run();
  REQUIRE(fired == std::vector<int>{2, 3});
  REQUIRE(engine.events_processed() == 2);
  REQUIRE_THROWS_AS(engine.schedule_at(seconds(1), [] {}), std::invalid_argument);
}

TEST_CASE("instant-end hooks run once per instant after all same-time events", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  Engine::InstantEndHook hook;
  hook.run = [&] { log.push_back("hook@" + to_string(engine.now())); };
  engine.schedule_at(seconds(1), [&] {
    log.push_back("a");
    engine.arm_at_instant_end(hook);
  });
  engine.schedule_at(seconds(1), [&] {
    log.push_back("b");
    engine.arm_at_instant_end(hook);
  });
  engine.schedule_at(seconds(2), [&] { log.push_back("c"); });
  engine.run();
  REQUIRE(log == std::vector<std::string>{"a", "b", "hook@1 s", "c"});
}

TEST_CASE("tasks return values and propagate exceptions to the awaiter", "[engine]") {
  Engine engine;
  int result = 0;
  std::string caught;
  auto thrower = [](Engine& e) -> Task<int> {
    co_await e.sleep(seconds(1));
    throw std::runtime_error("boom");
  };
  auto parent = [&](Engine& e) -> Task<> {
    result = co_await square_after(e, seconds(1), 7);
    try {
      co_await thrower(e);
    } catch (const std::runtime_error& error) {
      caught = error.what();
    }
  };
  engine.spawn("parent", parent(engine));
  engine.run();
  REQUIRE(result == 49);
  REQUIRE(caught == "boom");
  REQUIRE(engine.now() == seconds(2));
}

TEST_CASE("an exception escaping a process stops the run with its name and time", "[engine]") {
  Engine engine;
  auto failing = [](Engine& e) -> Task<> {
    co_await e.sleep(minutes(5));
    throw std::runtime_error("disk on fire");
  };
  std::vector<std::string> log;
  engine.spawn("checkpointer", failing(engine));
  engine.spawn("later", log_after(engine, hours(1), "later", &log));
  try {
    engine.run();
    FAIL("run() should have thrown");
  } catch (const ProcessFailure& failure) {
    REQUIRE(failure.process_name() == "checkpointer");
    REQUIRE(failure.when() == minutes(5));
    REQUIRE(std::string(failure.what()) == "process 'checkpointer' failed at t=5 min: disk on fire");
  }
  REQUIRE(log.empty());
}

TEST_CASE("when_all waits for every child and returns values in order", "[engine]") {
  Engine engine;
  std::vector<int> squares;
  auto parent = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(square_after(e, seconds(3), 2));
    tasks.push_back(square_after(e, seconds(1), 3));
    tasks.push_back(square_after(e, seconds(2), 4));
    squares = co_await when_all(std::move(tasks));
  };
  engine.spawn("parent", parent(engine));
  engine.run();
  REQUIRE(squares == std::vector<int>{4, 9, 16});
  REQUIRE(engine.now() == seconds(3));
}

TEST_CASE("when_all with a failing child interrupts the others and rethrows", "[engine]") {
  Engine engine;
  std::string caught;
  std::vector<std::string> log;
  auto failing = [](Engine& e) -> Task<> {
    co_await e.sleep(seconds(1));
    throw std::runtime_error("child failed");
  };
  auto parent = [&](Engine& e) -> Task<> {
    try {
      co_await when_all(failing(e), log_after(e, seconds(10), "slow", &log));
    } catch (const std::runtime_error& error) {
      caught = error.what();
    }
  };
  engine.spawn("parent", parent(engine));
  engine.run();
  REQUIRE(caught == "child failed");
  REQUIRE(log.empty());
  REQUIRE(engine.now() == seconds(1));
}

TEST_CASE("when_any returns the first to finish and cancels the rest", "[engine]") {
  Engine engine;
  std::size_t first = 99;
  std::vector<std::string> log;
  auto parent = [&](Engine& e) -> Task<> {
    first = co_await when_any(log_after(e, seconds(5), "slow", &log), log_after(e, seconds(2), "fast", &log));
  };
  engine.spawn("parent", parent(engine));
  engine.run();
  REQUIRE(first == 1);
  REQUIRE(log == std::vector<std::string>{"fast@2 s"});
  REQUIRE(engine.now() == seconds(2));
}

TEST_CASE("an interrupt reaches the process at its await point", "[engine]") {
  Engine engine;
  std::string reason;
  SimTime interrupted_at;
  auto worker = [&](Engine& e) -> Task<> {
    try {
      co_await e.sleep(hours(1));
    } catch (const Interrupted& interrupt) {
      reason = interrupt.reason();
      interrupted_at = e.now();
    }
    co_await e.sleep(seconds(1));  // the stale wake-up at 1 h must not resume this sleep early
  };
  ProcessRef process = engine.spawn("worker", worker(engine));
  engine.schedule_at(minutes(10), [&] { process->interrupt("node failed"); });
  engine.run();
  REQUIRE(reason == "node failed");
  REQUIRE(interrupted_at == minutes(10));
  REQUIRE(engine.now() == minutes(10) + seconds(1));
  REQUIRE(process->finished());
}

TEST_CASE("an uncaught interrupt ends the process quietly", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  ProcessRef process = engine.spawn("victim", log_after(engine, hours(1), "never", &log));
  engine.schedule_at(seconds(1), [&] { process->interrupt("cancelled"); });
  engine.run();
  REQUIRE(log.empty());
  REQUIRE(process->finished());
  REQUIRE_FALSE(process->error());
}

TEST_CASE("interrupting a when_all parent cancels its children", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  bool parent_saw_interrupt = false;
  auto parent = [&](Engine& e) -> Task<> {
    try {
      co_await when_all(log_after(e, seconds(5), "a", &log), log_after(e, seconds(6), "b", &log));
    } catch (const Interrupted&) {
      parent_saw_interrupt = true;
    }
  };
  ProcessRef process = engine.spawn("parent", parent(engine));
  engine.schedule_at(seconds(1), [&] { process->interrupt("stop"); });
  engine.run();
  REQUIRE(parent_saw_interrupt);
  REQUIRE(log.empty());
  REQUIRE(engine.live_processes() == 0);
}

TEST_CASE("join waits for another process", "[engine]") {
  Engine engine;
  std::vector<std::string> log;
  ProcessRef worker = engine.spawn("worker", log_after(engine, seconds(3), "worker", &log));
  auto waiter = [&](Engine& e) -> Task<> {
    co_await worker->join();
    log.push_back("joined@" + to_string(e.now()));
    co_await worker->join();  // already finished: immediate
  };
  engine.spawn("waiter", waiter(engine));
  engine.run();
  REQUIRE(log == std::vector<std::string>{"worker@3 s", "joined@3 s"});
}

TEST_CASE("every coroutine frame is destroyed at shutdown", "[engine]") {
  FrameProbe::alive = 0;
  {
    Engine engine;
    auto middle = [](Engine& e) -> Task<> {
      FrameProbe probe;
      co_await when_all(probe_sleeping(e), probe_sleeping(e));
    };
    for (int i = 0; i < 10; ++i) engine.spawn(std::string("p").append(std::to_string(i)), middle(engine));
    engine.run_until(seconds(1));
    REQUIRE(FrameProbe::alive == 30);
  }
  REQUIRE(FrameProbe::alive == 0);
}

TEST_CASE("ShutdownOnExit destroys the processes when its scope ends, also by an exception", "[engine]") {
  FrameProbe::alive = 0;
  Engine engine;
  try {
    const ShutdownOnExit shutdown(engine);
    engine.spawn("sleeper", probe_sleeping(engine));
    engine.run_until(seconds(1));
    REQUIRE(FrameProbe::alive == 1);
    throw std::runtime_error("leaving the scope");
  } catch (const std::runtime_error&) {
  }
  REQUIRE(FrameProbe::alive == 0);  // the engine itself is still alive
  REQUIRE(engine.now() == seconds(1));
}

TEST_CASE("negative sleeps are rejected", "[engine]") {
  Engine engine;
  REQUIRE_THROWS_AS(engine.sleep(seconds(-1)), std::invalid_argument);
}
