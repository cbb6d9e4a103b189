#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "tests/sim/reference_max_min.hpp"

using namespace clustersim::sim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

FlowSpec spec(double work, std::vector<ConstraintId> path, std::string name = "flow") {
  FlowSpec s;
  s.work = work;
  for (const ConstraintId c : path) s.constraints.push_back(FlowUse{c, 1.0});
  s.name = std::move(name);
  return s;
}

struct Outcome {
  std::optional<SimTime> done;
  std::optional<SimTime> interrupted;
};

// Waits until `start`, then runs the transfer and records when it ended and how.
Task<> send(FlowNetwork* net, FlowSpec flow, SimTime start, Outcome* outcome) {
  Engine& engine = net->engine();
  try {
    if (start > engine.now()) co_await engine.sleep_until(start);
    co_await net->transfer(std::move(flow));
    outcome->done = engine.now();
  } catch (const Interrupted&) {
    outcome->interrupted = engine.now();
  }
}

double rate_of(const FlowNetwork& net, const std::string& name) {
  for (const FlowSnapshot& flow : net.snapshot()) {
    if (flow.name == name) return flow.rate_per_s;
  }
  return -1.0;
}

}  // namespace

TEST_CASE("network: two equal flows share a link and finish together at 2S/C", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 100.0, SharingPolicy::shared);
  Outcome a, b;
  engine.spawn("a", send(&net, spec(300.0, {link}, "a"), SimTime::zero(), &a));
  engine.spawn("b", send(&net, spec(300.0, {link}, "b"), SimTime::zero(), &b));
  double rate_a = 0, rate_b = 0, utilisation = 0;
  engine.schedule_at(seconds(1), [&] {
    rate_a = rate_of(net, "a");
    rate_b = rate_of(net, "b");
    utilisation = net.utilisation(link);
  });
  engine.run();
  REQUIRE(rate_a == 50.0);
  REQUIRE(rate_b == 50.0);
  REQUIRE(utilisation == 1.0);
  REQUIRE(a.done == seconds(6));
  REQUIRE(b.done == seconds(6));
  REQUIRE(net.flows_completed() == 2);
  REQUIRE(net.flows_in_flight() == 0);
  REQUIRE(net.solve_count() == 2);  // one at the start, one at the common completion
  REQUIRE(net.load_per_s(link) == 0.0);
}

TEST_CASE("network: parking lot gives every flow one half", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  std::vector<ConstraintId> links;
  for (int i = 0; i < 3; ++i) links.push_back(net.add_constraint(std::string("link") + std::to_string(i), 1.0));
  Outcome long_flow;
  std::vector<Outcome> short_flows(3);
  engine.spawn("long", send(&net, spec(1.0, links, "long"), SimTime::zero(), &long_flow));
  for (int i = 0; i < 3; ++i) {
    engine.spawn("short", send(&net, spec(1.0, {links[i]}, std::string("short") + std::to_string(i)), SimTime::zero(),
                               &short_flows[i]));
  }
  std::vector<double> rates;
  engine.schedule_at(seconds(1), [&] {
    for (const FlowSnapshot& flow : net.snapshot()) rates.push_back(flow.rate_per_s);
  });
  engine.run();
  REQUIRE(rates == std::vector<double>{0.5, 0.5, 0.5, 0.5});
  REQUIRE(long_flow.done == seconds(2));
  for (const Outcome& o : short_flows) REQUIRE(o.done == seconds(2));
}

TEST_CASE("network: weights 1 and 3 get 1/4 and 3/4 of the link", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 8.0);
  FlowSpec light = spec(8.0, {link}, "light");
  FlowSpec heavy = spec(24.0, {link}, "heavy");
  heavy.weight = 3.0;
  Outcome l, h;
  engine.spawn("light", send(&net, light, SimTime::zero(), &l));
  engine.spawn("heavy", send(&net, heavy, SimTime::zero(), &h));
  double rate_light = 0, rate_heavy = 0;
  engine.schedule_at(seconds(1), [&] {
    rate_light = rate_of(net, "light");
    rate_heavy = rate_of(net, "heavy");
  });
  engine.run();
  REQUIRE(rate_light == 2.0);
  REQUIRE(rate_heavy == 6.0);
  REQUIRE(l.done == seconds(4));
  REQUIRE(h.done == seconds(4));
}

TEST_CASE("network: a bounded flow gets its bound and the other the rest", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 10.0);
  FlowSpec bounded = spec(20.0, {link}, "bounded");
  bounded.rate_bound_per_s = 2.0;
  Outcome b, f;
  engine.spawn("bounded", send(&net, bounded, SimTime::zero(), &b));
  engine.spawn("free", send(&net, spec(40.0, {link}, "free"), SimTime::zero(), &f));
  engine.run();
  REQUIRE(f.done == seconds(5));   // 8/s
  REQUIRE(b.done == seconds(10));  // 2/s throughout: the bound still holds once alone
}

TEST_CASE("network: a fatpipe gives every flow its full capacity", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId backplane = net.add_constraint("backplane", 10.0, SharingPolicy::fatpipe);
  std::vector<Outcome> outcomes(3);
  for (auto& o : outcomes) engine.spawn("f", send(&net, spec(30.0, {backplane}), SimTime::zero(), &o));
  engine.run();
  for (const Outcome& o : outcomes) REQUIRE(o.done == seconds(3));
}

TEST_CASE("network: latency comes first, then size over capacity", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 5.0);
  FlowSpec delayed = spec(10.0, {link});
  delayed.latency = milliseconds(500);
  Outcome o;
  engine.spawn("delayed", send(&net, delayed, SimTime::zero(), &o));
  double rate_in_latency = -1;
  engine.schedule_at(milliseconds(100), [&] { rate_in_latency = net.snapshot().at(0).rate_per_s; });
  engine.run();
  REQUIRE(rate_in_latency == 0.0);
  REQUIRE(o.done == milliseconds(2500));
}

TEST_CASE("network: zero-work flows complete after their latency", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 0.0);  // even on a dead link
  FlowSpec ping = spec(0.0, {link});
  ping.latency = seconds(3);
  Outcome delayed, instant;
  engine.spawn("ping", send(&net, ping, SimTime::zero(), &delayed));
  engine.spawn("noop", send(&net, spec(0.0, {}), seconds(1), &instant));
  engine.run();
  REQUIRE(delayed.done == seconds(3));
  REQUIRE(instant.done == seconds(1));
}

TEST_CASE("network: a capacity change mid-flight moves the completion", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 2.0);
  Outcome o;
  engine.spawn("f", send(&net, spec(10.0, {link}), SimTime::zero(), &o));
  SECTION("degraded: 2/s for 2 s, then 6 left at 1/s") {
    engine.schedule_at(seconds(2), [&] { net.set_capacity(link, 1.0); });
    engine.run();
    REQUIRE(o.done == seconds(8));
  }
  SECTION("failed: 2/s for 1 s, stalled 4 s, then 8 left at 4/s") {
    double stalled_rate = -1;
    engine.schedule_at(seconds(1), [&] { net.set_capacity(link, 0.0); });
    engine.schedule_at(seconds(3), [&] { stalled_rate = rate_of(net, "flow"); });
    engine.schedule_at(seconds(5), [&] { net.set_capacity(link, 4.0); });
    engine.run();
    REQUIRE(stalled_rate == 0.0);
    REQUIRE(o.done == seconds(7));
  }
}

TEST_CASE("network: a flow added and removed at the same instant changes nothing", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 1.0);
  Outcome a, b;
  engine.spawn("a", send(&net, spec(10.0, {link}, "a"), SimTime::zero(), &a));
  ProcessRef intruder = engine.spawn("b", send(&net, spec(10.0, {link}, "b"), seconds(3), &b));
  // Scheduled from inside the 3 s instant so that it runs after b has started its transfer.
  engine.schedule_at(seconds(3), [&] { engine.schedule_at(seconds(3), [&] { intruder->interrupt("cancelled"); }); });
  engine.run();
  REQUIRE(a.done == seconds(10));
  REQUIRE(b.interrupted == seconds(3));
  REQUIRE_FALSE(b.done);
  REQUIRE(net.flows_interrupted() == 1);
  REQUIRE(net.flows_completed() == 1);
}

TEST_CASE("network: the first flow to finish frees bandwidth for the other", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const double capacity = 10.0, s1 = 10.0, s2 = 30.0;
  const ConstraintId link = net.add_constraint("link", capacity);
  Outcome first, second;
  engine.spawn("first", send(&net, spec(s1, {link}), SimTime::zero(), &first));
  engine.spawn("second", send(&net, spec(s2, {link}), SimTime::zero(), &second));
  engine.run();
  const double t1 = 2 * s1 / capacity;
  REQUIRE(first.done == seconds(t1));
  REQUIRE(second.done == seconds(t1 + (s2 - s1) / capacity));
}

TEST_CASE("network: interrupting a process mid-transfer frees its bandwidth at once", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 2.0);
  Outcome victim, survivor;
  ProcessRef process = engine.spawn("victim", send(&net, spec(10.0, {link}, "victim"), SimTime::zero(), &victim));
  engine.spawn("survivor", send(&net, spec(10.0, {link}, "survivor"), SimTime::zero(), &survivor));
  double survivor_rate = 0;
  std::size_t in_flight = 0;
  engine.schedule_at(seconds(2), [&] { process->interrupt("node failed"); });
  engine.schedule_at(seconds(3), [&] {
    survivor_rate = rate_of(net, "survivor");
    in_flight = net.flows_in_flight();
  });
  engine.run();
  REQUIRE(victim.interrupted == seconds(2));
  REQUIRE(survivor_rate == 2.0);
  REQUIRE(in_flight == 1);
  REQUIRE(survivor.done == seconds(6));  // 8 left at t = 2 s, at 2/s
}

TEST_CASE("network: interrupts during the latency and a bounded flow without links", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  FlowSpec lone = spec(10.0, {});
  lone.rate_bound_per_s = 5.0;
  lone.latency = seconds(1);
  Outcome a, b;
  engine.spawn("lone", send(&net, lone, SimTime::zero(), &a));
  ProcessRef waiting = engine.spawn("waiting", send(&net, lone, SimTime::zero(), &b));
  engine.schedule_at(milliseconds(500), [&] { waiting->interrupt("stop"); });
  engine.run();
  REQUIRE(a.done == seconds(3));
  REQUIRE(b.interrupted == milliseconds(500));
  REQUIRE(engine.now() == seconds(3));  // the cancelled latency left no event behind
}

TEST_CASE("network: rate and remaining work of a flow by id", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 4.0);
  FlowNetwork::TransferAwaiter* in_flight = nullptr;
  auto body = [](FlowNetwork* network, ConstraintId l, FlowNetwork::TransferAwaiter** out) -> Task<> {
    auto transfer = network->transfer(spec(16.0, {l}));
    REQUIRE_FALSE(transfer.id().valid());
    *out = &transfer;
    co_await transfer;
  };
  engine.spawn("f", body(&net, link, &in_flight));
  FlowId id;
  double rate = 0, remaining = 0;
  bool valid_once_started = false;
  engine.schedule_at(SimTime::zero(), [&] { valid_once_started = in_flight->id().valid(); });
  engine.schedule_at(seconds(1), [&] {
    id = in_flight->id();
    rate = net.rate(id);
    remaining = net.remaining_work(id);
  });
  engine.run();
  REQUIRE(valid_once_started);
  REQUIRE(rate == 4.0);
  REQUIRE(remaining == 12.0);
  REQUIRE_FALSE(net.in_flight(id));
  REQUIRE_THROWS_WITH(net.rate(id), Catch::Contains("not in flight"));
  REQUIRE(engine.now() == seconds(4));
}

TEST_CASE("network: bad specs are rejected naming the flow and the field", "[flow]") {
  Engine engine;
  FlowNetwork net(engine);
  const ConstraintId link = net.add_constraint("link", 1.0);
  FlowSpec s = spec(-1.0, {link}, "ckpt");
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("'ckpt'") && Catch::Contains("work") && Catch::Contains("-1"));
  s = spec(1.0, {link}, "ckpt");
  s.weight = 0.0;
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("weight"));
  s = spec(1.0, {link}, "ckpt");
  s.rate_bound_per_s = -3.0;
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("rate_bound_per_s"));
  s = spec(1.0, {link}, "ckpt");
  s.latency = -seconds(1);
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("latency"));
  s = spec(1.0, {link, ConstraintId{9}}, "ckpt");
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("constraints[1].constraint"));
  s = spec(1.0, {link}, "ckpt");
  s.constraints[0].coefficient = kInf;
  REQUIRE_THROWS_WITH(net.transfer(s), Catch::Contains("constraints[0].coefficient"));
  REQUIRE_THROWS_WITH(net.transfer(spec(1.0, {}, "ckpt")), Catch::Contains("rate_bound_per_s"));
  REQUIRE_THROWS_WITH(net.add_constraint("nic", -5.0), Catch::Contains("'nic'") && Catch::Contains("-5"));
  REQUIRE_THROWS_WITH(net.set_capacity(link, std::nan("")), Catch::Contains("'link'"));
  REQUIRE_THROWS_AS(net.set_capacity(ConstraintId{4}, 1.0), std::invalid_argument);
}

TEST_CASE("network: shutting down with transfers in flight is clean in either order", "[flow]") {
  SECTION("engine shut down first") {
    Engine engine;
    FlowNetwork net(engine);
    const ConstraintId link = net.add_constraint("link", 1.0);
    Outcome o;
    engine.spawn("f", send(&net, spec(100.0, {link}), SimTime::zero(), &o));
    engine.run_until(seconds(1));
    engine.shutdown();
    REQUIRE(net.flows_in_flight() == 0);
    REQUIRE(net.solver().flow_count() == 0);
  }
  SECTION("network destroyed first") {
    Engine engine;
    Outcome o;
    {
      FlowNetwork net(engine);
      const ConstraintId link = net.add_constraint("link", 1.0);
      FlowSpec delayed = spec(100.0, {link});
      delayed.latency = seconds(5);
      engine.spawn("f", send(&net, spec(100.0, {link}), SimTime::zero(), &o));
      engine.spawn("g", send(&net, delayed, SimTime::zero(), &o));
      engine.run_until(seconds(1));
    }
    engine.run();  // the network's timers were cancelled
    REQUIRE_FALSE(o.done);
  }
}

// ---- random scenarios against an event-by-event reference simulation ----------------------------

namespace {

struct Job {
  SimTime start;
  SimTime latency;
  double work = 0.0;
  double weight = 1.0;
  double bound = kInf;
  std::vector<FlowUse> uses;
  std::optional<SimTime> interrupt_at;
};

struct CapacityChange {
  SimTime at;
  std::uint32_t constraint = 0;
  double capacity = 0.0;
};

struct Scenario {
  std::vector<reference::Constraint> constraints;
  std::vector<Job> jobs;
  std::vector<CapacityChange> changes;
};

// Shapes of random scenarios: anything goes; flows that share nothing (each its own constraints);
// flows that all share constraint 0; and larger instances (many fill levels, partial re-solves).
enum class Shape { random, disjoint, all_shared, large };

Scenario random_scenario(reference::SplitMix64& rng, Shape shape) {
  Scenario s;
  const std::uint32_t n = shape == Shape::large ? 20 + rng.below(40) : 1 + rng.below(12);
  const std::uint32_t k = shape == Shape::disjoint ? 2 * n
                          : shape == Shape::large  ? 5 + rng.below(20)
                                                   : 1 + rng.below(6);
  for (std::uint32_t c = 0; c < k; ++c) {
    const bool fatpipe = (c > 0 || shape != Shape::all_shared) && rng.chance(0.15);
    s.constraints.push_back(
        reference::Constraint{rng.uniform(1.0, 10.0), fatpipe ? SharingPolicy::fatpipe : SharingPolicy::shared});
  }
  for (std::uint32_t j = 0; j < n; ++j) {
    Job job;
    job.start = rng.chance(0.3) ? SimTime::zero() : SimTime::from_ns(static_cast<std::int64_t>(rng.uniform(0, 5e9)));
    if (rng.chance(0.3)) job.latency = SimTime::from_ns(static_cast<std::int64_t>(rng.uniform(0, 1e9)));
    job.work = rng.chance(0.05) ? 0.0 : rng.uniform(0.5, 20.0);
    if (rng.chance(0.3)) job.weight = rng.uniform(0.5, 4.0);
    if (rng.chance(0.2)) job.bound = rng.uniform(0.5, 5.0);
    const std::uint32_t hops = 1 + rng.below(3);
    for (std::uint32_t h = 0; h < hops; ++h) {
      const std::uint32_t c = shape == Shape::disjoint ? 2 * j + rng.below(2) : rng.below(k);
      job.uses.push_back(FlowUse{ConstraintId{c}, rng.chance(0.7) ? 1.0 : rng.uniform(0.5, 2.0)});
    }
    if (shape == Shape::all_shared) job.uses.push_back(FlowUse{ConstraintId{0}, 1.0});
    if (rng.chance(0.15)) job.interrupt_at = SimTime::from_ns(static_cast<std::int64_t>(rng.uniform(0, 8e9)));
    s.jobs.push_back(job);
  }
  const std::uint32_t changes = rng.below(5);
  for (std::uint32_t i = 0; i < changes; ++i) {
    s.changes.push_back(CapacityChange{SimTime::from_ns(static_cast<std::int64_t>(rng.uniform(0, 8e9))), rng.below(k),
                                       rng.chance(0.3) ? 0.0 : rng.uniform(1.0, 10.0)});
  }
  // Bring every capacity back at the end so nothing stalls forever.
  for (std::uint32_t c = 0; c < k; ++c) s.changes.push_back(CapacityChange{seconds(9), c, s.constraints[c].capacity});
  return s;
}

// Rates between two consecutive events of the reference: -1 for a job not moving data then.
struct RateInterval {
  double from_s = 0.0;
  double to_s = 0.0;
  std::vector<double> rate;  // per job
};

struct ReferenceResult {
  std::vector<double> end_s;  // completion time, or -1 when interrupted
  int events = 0;
  std::vector<RateInterval> intervals;
};

// Event-by-event simulation in double seconds with from-scratch max-min solves.
ReferenceResult simulate_reference(const Scenario& s) {
  const std::size_t n = s.jobs.size();
  std::vector<reference::Constraint> constraints = s.constraints;
  std::vector<double> remaining(n, 0.0);
  std::vector<int> state(n, 0);  // 0 waiting, 1 active, 2 ended
  ReferenceResult result;
  result.end_s.assign(n, -2.0);
  struct External {
    std::int64_t ns;
    int kind;  // 0 capacity change, 1 activation, 2 interrupt
    std::size_t index;
  };
  std::vector<External> external;
  for (std::size_t i = 0; i < s.changes.size(); ++i) external.push_back({s.changes[i].at.ns(), 0, i});
  for (std::size_t j = 0; j < n; ++j) {
    external.push_back({(s.jobs[j].start + s.jobs[j].latency).ns(), 1, j});
    if (s.jobs[j].interrupt_at) external.push_back({s.jobs[j].interrupt_at->ns(), 2, j});
  }
  std::stable_sort(external.begin(), external.end(), [](const External& a, const External& b) { return a.ns < b.ns; });
  std::size_t next_external = 0;
  double now = 0.0;
  for (;;) {
    std::vector<std::size_t> active;
    std::vector<reference::Flow> flows;
    for (std::size_t j = 0; j < n; ++j) {
      if (state[j] != 1) continue;
      active.push_back(j);
      flows.push_back(reference::Flow{s.jobs[j].weight, s.jobs[j].bound, s.jobs[j].uses});
    }
    const std::vector<double> rates = reference::max_min_rates(constraints, flows);
    double next_done = kInf;
    for (std::size_t i = 0; i < active.size(); ++i) {
      if (rates[i] > 0.0) next_done = std::min(next_done, now + remaining[active[i]] / rates[i]);
    }
    const double next_ext = next_external < external.size() ? external[next_external].ns * 1e-9 : kInf;
    if (next_done == kInf && next_ext == kInf) break;
    const double t = std::min(next_done, next_ext);
    RateInterval interval{now, t, std::vector<double>(n, -1.0)};
    for (std::size_t i = 0; i < active.size(); ++i) interval.rate[active[i]] = rates[i];
    result.intervals.push_back(std::move(interval));
    for (std::size_t i = 0; i < active.size(); ++i) remaining[active[i]] -= rates[i] * (t - now);
    now = t;
    if (next_done <= next_ext) {
      ++result.events;
      for (std::size_t i = 0; i < active.size(); ++i) {
        const std::size_t j = active[i];
        if (remaining[j] <= 1e-9 * s.jobs[j].work) {
          state[j] = 2;
          result.end_s[j] = now;
        }
      }
    }
    while (next_external < external.size() && external[next_external].ns * 1e-9 <= now) {
      const External& e = external[next_external++];
      ++result.events;
      if (e.kind == 0) {
        constraints[s.changes[e.index].constraint].capacity = s.changes[e.index].capacity;
      } else if (e.kind == 1) {
        if (state[e.index] != 0) continue;
        if (s.jobs[e.index].work == 0.0) {
          state[e.index] = 2;
          result.end_s[e.index] = now;
        } else {
          state[e.index] = 1;
          remaining[e.index] = s.jobs[e.index].work;
        }
      } else if (state[e.index] != 2) {
        state[e.index] = 2;
        result.end_s[e.index] = -1.0;
      }
    }
  }
  return result;
}

}  // namespace

TEST_CASE("network: random staggered scenarios match an event-by-event reference", "[flow]") {
  reference::SplitMix64 rng(4242);
  int completions_compared = 0, interrupts_compared = 0;
  double worst_error_s = 0.0;
  int rates_compared = 0;
  for (int trial = 0; trial < 2400; ++trial) {
    const Scenario s = random_scenario(rng, static_cast<Shape>(trial % 4));
    const ReferenceResult expected = simulate_reference(s);
    Engine engine;
    FlowNetwork net(engine);
    net.set_verify_each_solve(true);
    for (std::size_t c = 0; c < s.constraints.size(); ++c) {
      std::string name = "constraint";
      name += std::to_string(c);
      net.add_constraint(name, s.constraints[c].capacity, s.constraints[c].policy);
    }
    std::vector<Outcome> outcomes(s.jobs.size());
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      const Job& job = s.jobs[j];
      FlowSpec flow;
      flow.work = job.work;
      flow.weight = job.weight;
      if (job.bound < kInf) flow.rate_bound_per_s = job.bound;
      flow.latency = job.latency;
      flow.constraints = job.uses;
      flow.name = std::string("job") + std::to_string(j);
      ProcessRef process = engine.spawn(flow.name, send(&net, flow, job.start, &outcomes[j]));
      if (job.interrupt_at) engine.schedule_at(*job.interrupt_at, [process] { process->interrupt("random"); });
    }
    for (const CapacityChange& change : s.changes) {
      engine.schedule_at(change.at,
                         [&net, change] { net.set_capacity(ConstraintId{change.constraint}, change.capacity); });
    }
    // Rates in the middle of every reference interval longer than 1 us (event times differ by the
    // ns rounding of completions): equal to the from-scratch rates to 1e-9 relative.
    std::string rate_mismatch;
    for (const RateInterval& interval : expected.intervals) {
      if (interval.to_s - interval.from_s < 1e-6 || interval.to_s > 1e6) continue;
      const auto probe_ns = static_cast<std::int64_t>(std::llround(0.5 * (interval.from_s + interval.to_s) * 1e9));
      engine.schedule_at(SimTime::from_ns(probe_ns), [&net, &interval, &rate_mismatch, &rates_compared] {
        std::vector<double> moving(interval.rate.size(), -1.0);
        for (const FlowSnapshot& flow : net.snapshot()) {
          if (!flow.in_latency) moving[std::stoul(flow.name.substr(3))] = flow.rate_per_s;
        }
        for (std::size_t j = 0; j < moving.size(); ++j) {
          const double want = interval.rate[j];
          if (std::abs(moving[j] - want) > 1e-9 * std::max(std::abs(want), 1e-3) && rate_mismatch.empty()) {
            rate_mismatch = "job " + std::to_string(j) + " at " + std::to_string(interval.from_s) + ".." +
                            std::to_string(interval.to_s) + " s: rate " + std::to_string(moving[j]) + " vs reference " +
                            std::to_string(want);
          }
          ++rates_compared;
        }
      });
    }
    engine.run();
    INFO("trial " << trial);
    REQUIRE(rate_mismatch == "");
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      INFO("job " << j);
      const double want = expected.end_s[j];
      const double tolerance = 1e-9 * std::abs(want) + (expected.events + 2) * 1e-9;
      if (s.jobs[j].interrupt_at && want >= 0 && std::abs(want - s.jobs[j].interrupt_at->to_seconds()) <= tolerance) {
        continue;  // finished right at its interrupt: either outcome is right
      }
      if (want == -1.0) {
        REQUIRE(outcomes[j].interrupted == s.jobs[j].interrupt_at);
        ++interrupts_compared;
      } else {
        REQUIRE(outcomes[j].done);
        INFO("network " << outcomes[j].done->to_seconds() << " s vs reference " << want << " s");
        REQUIRE(std::abs(outcomes[j].done->to_seconds() - want) <= tolerance);
        worst_error_s = std::max(worst_error_s, std::abs(outcomes[j].done->to_seconds() - want));
        ++completions_compared;
      }
    }
    REQUIRE(net.flows_in_flight() == 0);
  }
  INFO("worst completion-time error " << worst_error_s << " s");
  REQUIRE(worst_error_s < 1e-6);
  REQUIRE(completions_compared > 15000);
  REQUIRE(interrupts_compared > 1500);
  REQUIRE(rates_compared > 100000);
}
