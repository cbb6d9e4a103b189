#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/channel.hpp"
#include "sim/engine.hpp"
#include "sim/resource.hpp"
#include "sim/signal.hpp"

using namespace clustersim::sim;

TEST_CASE("a signal wakes every waiter in order, once", "[sync]") {
  Engine engine;
  Signal ready;
  std::vector<std::string> log;
  auto waiter = [&](Engine& e, std::string name) -> Task<> {
    co_await ready.wait();
    log.push_back(name + "@" + to_string(e.now()));
  };
  engine.spawn("w1", waiter(engine, "w1"));
  engine.spawn("w2", waiter(engine, "w2"));
  engine.schedule_at(seconds(4), [&] { ready.trigger(); });
  engine.schedule_at(seconds(5), [&] { engine.spawn("late", waiter(engine, "late")); });
  engine.run();
  REQUIRE(log == std::vector<std::string>{"w1@4 s", "w2@4 s", "late@5 s"});
}

TEST_CASE("channel delivers items in FIFO order and hands them to waiting receivers", "[sync]") {
  Engine engine;
  Channel<int> channel;
  std::vector<std::string> log;
  auto receiver = [&](Engine& e, std::string name) -> Task<> {
    for (int i = 0; i < 2; ++i) {
      const int item = co_await channel.receive();
      log.push_back(name + ":" + std::to_string(item) + "@" + to_string(e.now()));
    }
  };
  engine.spawn("r1", receiver(engine, "r1"));
  engine.spawn("r2", receiver(engine, "r2"));
  engine.schedule_at(seconds(1), [&] {
    channel.send(10);
    channel.send(20);
    channel.send(30);
  });
  engine.schedule_at(seconds(2), [&] { channel.send(40); });
  engine.run();
  // r1 takes 30 from the queue as soon as it resumes, before r2 (already handed 20) runs.
  REQUIRE(log == std::vector<std::string>{"r1:10@1 s", "r1:30@1 s", "r2:20@1 s", "r2:40@2 s"});
  REQUIRE(channel.queued() == 0);
}

TEST_CASE("an item handed to an interrupted receiver is not lost", "[sync]") {
  Engine engine;
  Channel<int> channel;
  int received = 0;
  auto victim = [&](Engine&) -> Task<> { (void)co_await channel.receive(); };
  ProcessRef process = engine.spawn("victim", victim(engine));
  engine.schedule_at(seconds(1), [&] {
    channel.send(7);                // handed to the victim ...
    process->interrupt("crashed");  // ... which dies before it resumes
  });
  auto survivor = [&](Engine&) -> Task<> { received = co_await channel.receive(); };
  engine.schedule_at(seconds(2), [&] { engine.spawn("survivor", survivor(engine)); });
  engine.run();
  REQUIRE(received == 7);
}

TEST_CASE("resource grants units in strict FIFO order", "[sync]") {
  Engine engine;
  Resource servers(2);
  std::vector<std::string> log;
  auto job = [&](Engine& e, std::string name, std::int64_t units, SimTime hold) -> Task<> {
    Resource::Lease lease = co_await servers.acquire(units);
    log.push_back(name + "+" + to_string(e.now()));
    co_await e.sleep(hold);
  };
  engine.spawn("a", job(engine, "a", 1, seconds(10)));
  engine.spawn("big", job(engine, "big", 2, seconds(1)));
  engine.spawn("small", job(engine, "small", 1, seconds(1)));  // must not overtake "big"
  engine.run();
  REQUIRE(log == std::vector<std::string>{"a+0 s", "big+10 s", "small+11 s"});
  REQUIRE(servers.available() == 2);
  REQUIRE_THROWS_AS(servers.acquire(3), std::invalid_argument);
  REQUIRE_THROWS_AS(Resource(0), std::invalid_argument);
}

TEST_CASE("an interrupted resource waiter leaves the queue and returns granted units", "[sync]") {
  Engine engine;
  Resource slot(1);
  std::vector<std::string> log;
  auto holder = [&](Engine& e) -> Task<> {
    Resource::Lease lease = co_await slot.acquire();
    co_await e.sleep(seconds(5));
  };
  auto waiter = [&](Engine& e, std::string name) -> Task<> {
    Resource::Lease lease = co_await slot.acquire();
    log.push_back(name + "@" + to_string(e.now()));
  };
  engine.spawn("holder", holder(engine));
  ProcessRef victim = engine.spawn("victim", waiter(engine, "victim"));
  engine.spawn("next", waiter(engine, "next"));
  engine.schedule_at(seconds(1), [&] { victim->interrupt("gone"); });
  engine.run();
  REQUIRE(log == std::vector<std::string>{"next@5 s"});
  REQUIRE(slot.available() == 1);
}
