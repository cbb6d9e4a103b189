#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/flow_solver.hpp"
#include "tests/sim/reference_max_min.hpp"

using namespace clustersim::sim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A solver that checks what every solve changed (capacities, bottlenecks) even in release builds:
// a violation throws from solve(). `wide` makes every solve go wide after a few tracked
// flows, to cover that path on small instances; `skip_slack` false turns off the skipping of
// slack constraints and `refill` false the refills after large cascades.
FlowSolver verified_solver(bool wide = false, bool skip_slack = true, bool refill = true) {
  FlowSolver solver;
  solver.set_verify_each_solve(true);
  if (wide) solver.set_wide_min_flows(3);
  solver.set_skip_slack_constraints(skip_slack);
  solver.set_refill(refill);
  return solver;
}

bool close(double a, double b, double scale = 1.0) {
  return std::abs(a - b) <= 1e-9 * std::max({std::abs(a), std::abs(b), scale * 1e-6});
}

// Checks the max-min fairness conditions of `rates` and returns an empty string or what is wrong.
std::string check_fairness(const std::vector<reference::Constraint>& constraints,
                           const std::vector<reference::Flow>& flows, const std::vector<double>& rates) {
  const std::size_t k = constraints.size();
  std::vector<double> load(k, 0.0);
  for (std::size_t f = 0; f < flows.size(); ++f) {
    if (!(rates[f] >= 0.0) || !std::isfinite(rates[f]))
      return std::string("flow ") + std::to_string(f) + std::string(" has rate ") + std::to_string(rates[f]);
    std::vector<double> coefficient(k, 0.0);
    for (const FlowUse& use : flows[f].uses) coefficient[use.constraint.value] += use.coefficient;
    for (std::size_t c = 0; c < k; ++c) {
      if (coefficient[c] == 0.0) continue;
      const double used = coefficient[c] * rates[f];
      if (constraints[c].policy == SharingPolicy::shared) {
        load[c] += used;
      } else if (used > constraints[c].capacity * (1 + 1e-9) + 1e-12) {
        return std::string("flow ") + std::to_string(f) + std::string(" exceeds fatpipe ") + std::to_string(c);
      }
    }
    if (rates[f] > flows[f].bound * (1 + 1e-9)) return std::string("flow ") + std::to_string(f) + " exceeds its bound";
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (constraints[c].policy == SharingPolicy::shared && load[c] > constraints[c].capacity * (1 + 1e-9) + 1e-12) {
      return std::string("constraint ") + std::to_string(c) + " over capacity: " + std::to_string(load[c]);
    }
  }
  // Every flow below its effective bound has a saturated shared bottleneck on which nobody has a
  // larger weight-normalised rate.
  for (std::size_t f = 0; f < flows.size(); ++f) {
    double bound = flows[f].bound;
    std::vector<double> coefficient(k, 0.0);
    for (const FlowUse& use : flows[f].uses) coefficient[use.constraint.value] += use.coefficient;
    for (std::size_t c = 0; c < k; ++c) {
      if (coefficient[c] > 0.0 && constraints[c].policy == SharingPolicy::fatpipe) {
        bound = std::min(bound, constraints[c].capacity / coefficient[c]);
      }
    }
    if (rates[f] >= bound * (1 - 1e-9)) continue;
    const double normalised = rates[f] / flows[f].weight;
    bool has_bottleneck = false;
    for (std::size_t c = 0; c < k && !has_bottleneck; ++c) {
      if (coefficient[c] == 0.0 || constraints[c].policy != SharingPolicy::shared) continue;
      if (load[c] < constraints[c].capacity * (1 - 1e-9) - 1e-12) continue;
      bool largest = true;
      for (std::size_t g = 0; g < flows.size() && largest; ++g) {
        const bool on_c = std::any_of(flows[g].uses.begin(), flows[g].uses.end(),
                                      [&](const FlowUse& use) { return use.constraint.value == c; });
        if (on_c && rates[g] / flows[g].weight > normalised * (1 + 1e-9) + 1e-12) largest = false;
      }
      has_bottleneck = largest;
    }
    if (!has_bottleneck) return std::string("flow ") + std::to_string(f) + " has no bottleneck";
  }
  return "";
}

struct Instance {
  std::vector<reference::Constraint> constraints;
  std::vector<reference::Flow> flows;
};

// Random inputs; `ties` draws from small integer sets so that equal levels are common.
reference::Flow random_flow(reference::SplitMix64& rng, std::size_t constraint_count, bool ties) {
  reference::Flow flow;
  flow.weight = ties ? static_cast<double>(1 + rng.below(3)) : rng.uniform(0.2, 5.0);
  if (rng.chance(0.25)) flow.bound = ties ? static_cast<double>(1 + rng.below(4)) : rng.uniform(0.1, 10.0);
  const std::uint32_t hops = rng.below(5);  // 0..4, possibly repeating a constraint
  for (std::uint32_t h = 0; h < hops; ++h) {
    const double coefficient = rng.chance(0.6) ? 1.0 : (ties ? 2.0 : rng.uniform(0.5, 2.0));
    flow.uses.push_back(FlowUse{ConstraintId{rng.below(static_cast<std::uint32_t>(constraint_count))}, coefficient});
  }
  if (flow.uses.empty() && flow.bound == kInf) flow.bound = 1.5;
  return flow;
}

double random_capacity(reference::SplitMix64& rng, bool ties) {
  if (rng.chance(0.05)) return 0.0;
  return ties ? static_cast<double>(1 + rng.below(6)) : rng.uniform(0.5, 20.0);
}

Instance random_instance(reference::SplitMix64& rng) {
  const bool ties = rng.chance(0.5);
  Instance instance;
  const std::size_t k = 1 + rng.below(10);
  for (std::size_t c = 0; c < k; ++c) {
    instance.constraints.push_back(reference::Constraint{
        random_capacity(rng, ties), rng.chance(0.15) ? SharingPolicy::fatpipe : SharingPolicy::shared});
  }
  const std::size_t n = 1 + rng.below(16);
  for (std::size_t f = 0; f < n; ++f) instance.flows.push_back(random_flow(rng, k, ties));
  return instance;
}

}  // namespace

TEST_CASE("solver: equal flows on one link split it", "[flow]") {
  FlowSolver solver = verified_solver();
  const ConstraintId link = solver.add_constraint(10.0, SharingPolicy::shared);
  const FlowUse path[] = {{link, 1.0}};
  const auto a = solver.add_flow(1.0, FlowSolver::kUnbounded, path);
  const auto b = solver.add_flow(1.0, FlowSolver::kUnbounded, path);
  REQUIRE(solver.needs_solve());
  solver.solve();
  REQUIRE_FALSE(solver.needs_solve());
  REQUIRE(solver.rate(a) == 5.0);
  REQUIRE(solver.rate(b) == 5.0);
  REQUIRE(solver.load(link) == 10.0);
}

TEST_CASE("solver: parking lot gives every flow one half", "[flow]") {
  FlowSolver solver = verified_solver();
  std::vector<ConstraintId> links;
  for (int i = 0; i < 3; ++i) links.push_back(solver.add_constraint(1.0, SharingPolicy::shared));
  const FlowUse long_path[] = {{links[0], 1.0}, {links[1], 1.0}, {links[2], 1.0}};
  const auto long_flow = solver.add_flow(1.0, FlowSolver::kUnbounded, long_path);
  std::vector<FlowSolver::FlowIndex> short_flows;
  for (const ConstraintId link : links) {
    const FlowUse path[] = {{link, 1.0}};
    short_flows.push_back(solver.add_flow(1.0, FlowSolver::kUnbounded, path));
  }
  solver.solve();
  REQUIRE(solver.rate(long_flow) == 0.5);
  for (const auto f : short_flows) REQUIRE(solver.rate(f) == 0.5);
}

TEST_CASE("solver: weights, bounds, fatpipes and coefficients", "[flow]") {
  FlowSolver solver = verified_solver();
  SECTION("weights 1 and 3 get a quarter and three quarters") {
    const ConstraintId link = solver.add_constraint(8.0, SharingPolicy::shared);
    const FlowUse path[] = {{link, 1.0}};
    const auto light = solver.add_flow(1.0, FlowSolver::kUnbounded, path);
    const auto heavy = solver.add_flow(3.0, FlowSolver::kUnbounded, path);
    solver.solve();
    REQUIRE(solver.rate(light) == 2.0);
    REQUIRE(solver.rate(heavy) == 6.0);
  }
  SECTION("a bounded flow gets its bound, the other the rest") {
    const ConstraintId link = solver.add_constraint(10.0, SharingPolicy::shared);
    const FlowUse path[] = {{link, 1.0}};
    const auto bounded = solver.add_flow(1.0, 2.0, path);
    const auto free_flow = solver.add_flow(1.0, FlowSolver::kUnbounded, path);
    solver.solve();
    REQUIRE(solver.rate(bounded) == 2.0);
    REQUIRE(solver.rate(free_flow) == 8.0);
  }
  SECTION("a fatpipe gives every flow its full capacity") {
    const ConstraintId pipe = solver.add_constraint(10.0, SharingPolicy::fatpipe);
    const FlowUse path[] = {{pipe, 1.0}};
    std::vector<FlowSolver::FlowIndex> flows;
    for (int i = 0; i < 3; ++i) flows.push_back(solver.add_flow(1.0, FlowSolver::kUnbounded, path));
    solver.solve();
    for (const auto f : flows) REQUIRE(solver.rate(f) == 10.0);
    REQUIRE(solver.load(pipe) == 10.0);
    solver.set_capacity(pipe, 4.0);
    solver.solve();
    for (const auto f : flows) REQUIRE(solver.rate(f) == 4.0);
  }
  SECTION("a coefficient of 2 uses the link twice per unit") {
    const ConstraintId link = solver.add_constraint(9.0, SharingPolicy::shared);
    const FlowUse twice[] = {{link, 2.0}};
    const FlowUse once[] = {{link, 1.0}};
    const auto a = solver.add_flow(1.0, FlowSolver::kUnbounded, twice);
    const auto b = solver.add_flow(1.0, FlowSolver::kUnbounded, once);
    solver.solve();
    REQUIRE(solver.rate(a) == 3.0);  // 2*3 + 3 = 9
    REQUIRE(solver.rate(b) == 3.0);
  }
  SECTION("a flow without constraints runs at its bound") {
    const auto f = solver.add_flow(1.0, 7.0, {});
    solver.solve();
    REQUIRE(solver.rate(f) == 7.0);
  }
}

TEST_CASE("solver: capacity 0 stalls its flows and frees their other links", "[flow]") {
  FlowSolver solver = verified_solver();
  const ConstraintId a = solver.add_constraint(4.0, SharingPolicy::shared);
  const ConstraintId b = solver.add_constraint(4.0, SharingPolicy::shared);
  const FlowUse both[] = {{a, 1.0}, {b, 1.0}};
  const FlowUse only_b[] = {{b, 1.0}};
  const auto across = solver.add_flow(1.0, FlowSolver::kUnbounded, both);
  const auto local = solver.add_flow(1.0, FlowSolver::kUnbounded, only_b);
  solver.solve();
  REQUIRE(solver.rate(across) == 2.0);
  REQUIRE(solver.rate(local) == 2.0);
  solver.set_capacity(a, 0.0);
  solver.solve();
  REQUIRE(solver.rate(across) == 0.0);
  REQUIRE(solver.rate(local) == 4.0);
  solver.set_capacity(a, 1.0);
  solver.solve();
  REQUIRE(solver.rate(across) == 1.0);
  REQUIRE(solver.rate(local) == 3.0);
}

TEST_CASE("solver: only the touched component is re-solved", "[flow]") {
  FlowSolver solver = verified_solver();
  const ConstraintId left = solver.add_constraint(2.0, SharingPolicy::shared);
  const ConstraintId right = solver.add_constraint(6.0, SharingPolicy::shared);
  const ConstraintId backplane = solver.add_constraint(100.0, SharingPolicy::fatpipe);  // does not join them
  const FlowUse left_path[] = {{left, 1.0}, {backplane, 1.0}};
  const FlowUse right_path[] = {{right, 1.0}, {backplane, 1.0}};
  const auto l1 = solver.add_flow(1.0, FlowSolver::kUnbounded, left_path);
  const auto l2 = solver.add_flow(1.0, FlowSolver::kUnbounded, left_path);
  const auto r1 = solver.add_flow(1.0, FlowSolver::kUnbounded, right_path);
  solver.solve();
  REQUIRE(solver.solved_flows().size() == 3);
  solver.remove_flow(l2);
  solver.solve();
  REQUIRE(std::vector<FlowSolver::FlowIndex>(solver.solved_flows().begin(), solver.solved_flows().end()) ==
          std::vector<FlowSolver::FlowIndex>{l1});
  REQUIRE(solver.rate(l1) == 2.0);
  REQUIRE(solver.rate(r1) == 6.0);
  solver.set_capacity(right, 3.0);
  solver.solve();
  REQUIRE(solver.solved_flows().size() == 1);
  REQUIRE(solver.rate(r1) == 3.0);
  solver.solve();  // nothing changed
  REQUIRE(solver.solved_flows().empty());
}

TEST_CASE("solver: bad input is rejected with the offending value", "[flow]") {
  FlowSolver solver = verified_solver();
  const ConstraintId link = solver.add_constraint(1.0, SharingPolicy::shared);
  const FlowUse path[] = {{link, 1.0}};
  const FlowUse bad_coefficient[] = {{link, -1.0}};
  const FlowUse unknown[] = {{ConstraintId{7}, 1.0}};
  REQUIRE_THROWS_WITH(solver.add_constraint(-1.0, SharingPolicy::shared),
                      Catch::Contains("capacity_per_s") && Catch::Contains("-1"));
  REQUIRE_THROWS_AS(solver.add_constraint(kInf, SharingPolicy::shared), std::invalid_argument);
  REQUIRE_THROWS_WITH(solver.add_flow(0.0, FlowSolver::kUnbounded, path), Catch::Contains("weight"));
  REQUIRE_THROWS_WITH(solver.add_flow(1.0, 0.0, path), Catch::Contains("bound"));
  REQUIRE_THROWS_WITH(solver.add_flow(1.0, FlowSolver::kUnbounded, bad_coefficient), Catch::Contains("coefficient"));
  REQUIRE_THROWS_WITH(solver.add_flow(1.0, FlowSolver::kUnbounded, unknown),
                      Catch::Contains("unknown constraint id 7"));
  REQUIRE_THROWS_WITH(solver.add_flow(1.0, FlowSolver::kUnbounded, {}), Catch::Contains("finite rate bound"));
  REQUIRE_THROWS_AS(solver.set_capacity(link, std::nan("")), std::invalid_argument);
  REQUIRE_THROWS_AS(solver.remove_flow(3), std::invalid_argument);
  REQUIRE(solver.flow_count() == 0);
}

TEST_CASE("solver: random instances are max-min fair and match the reference", "[flow]") {
  reference::SplitMix64 rng(20240611);
  for (int trial = 0; trial < 4000; ++trial) {
    const Instance instance = random_instance(rng);
    FlowSolver solver = verified_solver();
    for (const auto& c : instance.constraints) solver.add_constraint(c.capacity, c.policy);
    std::vector<FlowSolver::FlowIndex> ids;
    for (const auto& f : instance.flows) ids.push_back(solver.add_flow(f.weight, f.bound, f.uses));
    solver.solve();
    std::vector<double> rates;
    for (const auto id : ids) rates.push_back(solver.rate(id));
    const std::vector<double> expected = reference::max_min_rates(instance.constraints, instance.flows);
    INFO("trial " << trial);
    REQUIRE(check_fairness(instance.constraints, instance.flows, rates) == "");
    for (std::size_t f = 0; f < rates.size(); ++f) {
      INFO("flow " << f << ": " << rates[f] << " vs reference " << expected[f]);
      REQUIRE(close(rates[f], expected[f]));
    }
  }
}

TEST_CASE("solver: incremental solves match from-scratch solves across random changes", "[flow]") {
  reference::SplitMix64 rng(77);
  std::uint64_t skips = 0;
  std::uint64_t second_passes = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const bool ties = rng.chance(0.5);
    FlowSolver solver = verified_solver(trial % 2 == 1, trial % 4 < 2, trial % 8 < 4);
    std::vector<reference::Constraint> constraints;
    const std::size_t k = 2 + rng.below(30);
    for (std::size_t c = 0; c < k; ++c) {
      constraints.push_back(reference::Constraint{random_capacity(rng, ties),
                                                  rng.chance(0.1) ? SharingPolicy::fatpipe : SharingPolicy::shared});
      solver.add_constraint(constraints.back().capacity, constraints.back().policy);
    }
    std::vector<reference::Flow> flows;  // live flows, parallel to ids
    std::vector<FlowSolver::FlowIndex> ids;
    for (int step = 0; step < 60; ++step) {
      const int changes = 1 + static_cast<int>(rng.below(4));
      for (int change = 0; change < changes; ++change) {
        const double dice = rng.uniform01();
        if (dice < 0.5 || flows.empty()) {
          flows.push_back(random_flow(rng, k, ties));
          ids.push_back(solver.add_flow(flows.back().weight, flows.back().bound, flows.back().uses));
        } else if (dice < 0.8) {
          const std::size_t victim = rng.below(static_cast<std::uint32_t>(flows.size()));
          solver.remove_flow(ids[victim]);
          flows.erase(flows.begin() + static_cast<std::ptrdiff_t>(victim));
          ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(victim));
        } else {
          const std::uint32_t c = rng.below(static_cast<std::uint32_t>(k));
          constraints[c].capacity = random_capacity(rng, ties);
          solver.set_capacity(ConstraintId{c}, constraints[c].capacity);
        }
      }
      INFO("trial " << trial << " step " << step);
      solver.solve();
      std::vector<double> rates;
      for (const auto id : ids) rates.push_back(solver.rate(id));
      const std::vector<double> expected = reference::max_min_rates(constraints, flows);
      REQUIRE(check_fairness(constraints, flows, rates) == "");
      REQUIRE(solver.verify_allocation() == "");
      for (std::size_t f = 0; f < rates.size(); ++f) {
        INFO("flow " << f << ": " << rates[f] << " vs reference " << expected[f]);
        REQUIRE(close(rates[f], expected[f]));
      }
    }
    skips += solver.slack_skip_count();
    second_passes += solver.slack_resolve_count();
  }
  // Both ways of skipping were taken: slack constraints that stayed below capacity, and ones that
  // went over and were brought in by a second pass.
  INFO(skips << " skipped constraints, " << second_passes << " second passes");
  REQUIRE(second_passes > 0);
  REQUIRE(skips > 10 * second_passes);
}

namespace {

// One connected-ish random instance, larger than random_instance(), so that flows sit at many fill
// levels and a partial re-solve has flows to freeze.
struct PartialCase {
  std::vector<reference::Constraint> constraints;
  std::vector<reference::Flow> flows;  // live flows, parallel to ids
  std::vector<FlowSolver::FlowIndex> ids;
  FlowSolver solver = verified_solver();
};

void check_against_reference(PartialCase& pc, const std::string& what) {
  pc.solver.solve();
  std::vector<double> rates;
  for (const auto id : pc.ids) rates.push_back(pc.solver.rate(id));
  const std::vector<double> expected = reference::max_min_rates(pc.constraints, pc.flows);
  INFO(what);
  REQUIRE(check_fairness(pc.constraints, pc.flows, rates) == "");
  REQUIRE(pc.solver.verify_allocation() == "");
  for (std::size_t f = 0; f < rates.size(); ++f) {
    INFO("flow " << f << ": " << rates[f] << " vs reference " << expected[f]);
    REQUIRE(close(rates[f], expected[f]));
  }
}

}  // namespace

// Batches of more than 64 changed constraints sort their starts of perturbation by radix (small ones
// by comparison): a burst of new flows, then a batch of removals, additions and capacity changes.
TEST_CASE("solver: large batches of changes match the reference", "[flow][flow_partial]") {
  reference::SplitMix64 rng(4096);
  for (int trial = 0; trial < 16; ++trial) {
    const bool ties = trial % 2 == 0;
    PartialCase pc;
    const std::size_t k = 100 + rng.below(50);
    for (std::size_t c = 0; c < k; ++c) {
      pc.constraints.push_back(reference::Constraint{random_capacity(rng, ties), SharingPolicy::shared});
      pc.solver.add_constraint(pc.constraints.back().capacity, SharingPolicy::shared);
    }
    const auto add_flows = [&](std::size_t count) {
      for (std::size_t f = 0; f < count; ++f) {
        pc.flows.push_back(random_flow(rng, k, ties));
        pc.ids.push_back(pc.solver.add_flow(pc.flows.back().weight, pc.flows.back().bound, pc.flows.back().uses));
      }
    };
    add_flows(250);
    check_against_reference(pc, "trial " + std::to_string(trial) + ": burst");
    for (int removal = 0; removal < 60; ++removal) {
      const std::size_t victim = rng.below(static_cast<std::uint32_t>(pc.flows.size()));
      pc.solver.remove_flow(pc.ids[victim]);
      pc.flows.erase(pc.flows.begin() + static_cast<std::ptrdiff_t>(victim));
      pc.ids.erase(pc.ids.begin() + static_cast<std::ptrdiff_t>(victim));
    }
    add_flows(60);
    for (int change = 0; change < 20; ++change) {
      const std::uint32_t c = rng.below(static_cast<std::uint32_t>(k));
      pc.constraints[c].capacity = random_capacity(rng, ties);
      pc.solver.set_capacity(ConstraintId{c}, pc.constraints[c].capacity);
    }
    check_against_reference(pc, "trial " + std::to_string(trial) + ": batch of changes");
  }
}

TEST_CASE("solver: partial re-solves after single changes at random levels match the reference",
          "[flow][flow_partial]") {
  reference::SplitMix64 rng(4242);
  std::uint64_t partial_solves = 0;  // solves that froze some flows
  std::uint64_t solves = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const bool ties = rng.chance(0.5);
    PartialCase pc;
    pc.solver = verified_solver(trial % 2 == 1, trial % 4 < 2, trial % 8 < 4);
    const std::size_t k = 3 + rng.below(25);
    for (std::size_t c = 0; c < k; ++c) {
      pc.constraints.push_back(reference::Constraint{
          random_capacity(rng, ties), rng.chance(0.12) ? SharingPolicy::fatpipe : SharingPolicy::shared});
      pc.solver.add_constraint(pc.constraints.back().capacity, pc.constraints.back().policy);
    }
    const std::size_t n = 10 + rng.below(50);
    for (std::size_t f = 0; f < n; ++f) {
      pc.flows.push_back(random_flow(rng, k, ties));
      pc.ids.push_back(pc.solver.add_flow(pc.flows.back().weight, pc.flows.back().bound, pc.flows.back().uses));
    }
    check_against_reference(pc, "initial solve");
    for (int step = 0; step < 40; ++step) {
      const std::uint32_t kind = rng.below(6);
      std::string what;
      if ((kind == 0 || kind == 1) && !pc.flows.empty()) {
        // Remove a flow picked by rank of its rate: low, middle or high fill levels alike.
        std::vector<std::size_t> order(pc.flows.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return pc.solver.rate(pc.ids[a]) / pc.flows[a].weight < pc.solver.rate(pc.ids[b]) / pc.flows[b].weight ||
                 (pc.solver.rate(pc.ids[a]) / pc.flows[a].weight == pc.solver.rate(pc.ids[b]) / pc.flows[b].weight &&
                  a < b);
        });
        const std::size_t victim = order[rng.below(static_cast<std::uint32_t>(order.size()))];
        pc.solver.remove_flow(pc.ids[victim]);
        pc.flows.erase(pc.flows.begin() + static_cast<std::ptrdiff_t>(victim));
        pc.ids.erase(pc.ids.begin() + static_cast<std::ptrdiff_t>(victim));
        what = "remove";
      } else if (kind == 2) {
        pc.flows.push_back(random_flow(rng, k, ties));
        pc.ids.push_back(pc.solver.add_flow(pc.flows.back().weight, pc.flows.back().bound, pc.flows.back().uses));
        what = "add";
      } else if (kind == 3 || kind == 4) {
        // Capacity up or down by a factor, on a shared or fatpipe constraint (sometimes to or from 0).
        const std::uint32_t c = rng.below(static_cast<std::uint32_t>(k));
        double& capacity = pc.constraints[c].capacity;
        if (rng.chance(0.1)) {
          capacity = capacity == 0.0 ? random_capacity(rng, ties) : 0.0;
        } else {
          capacity *= kind == 3 ? (ties ? 2.0 : rng.uniform(1.01, 3.0)) : (ties ? 0.5 : rng.uniform(0.3, 0.99));
        }
        pc.solver.set_capacity(ConstraintId{c}, capacity);
        what = kind == 3 ? "capacity up" : "capacity down";
      } else {
        // The solver's usual batch: a completion (remove) plus a start (add) at one instant.
        if (!pc.flows.empty()) {
          const std::size_t victim = rng.below(static_cast<std::uint32_t>(pc.flows.size()));
          pc.solver.remove_flow(pc.ids[victim]);
          pc.flows.erase(pc.flows.begin() + static_cast<std::ptrdiff_t>(victim));
          pc.ids.erase(pc.ids.begin() + static_cast<std::ptrdiff_t>(victim));
        }
        pc.flows.push_back(random_flow(rng, k, ties));
        pc.ids.push_back(pc.solver.add_flow(pc.flows.back().weight, pc.flows.back().bound, pc.flows.back().uses));
        what = "remove + add";
      }
      const std::size_t live = pc.solver.flow_count();
      INFO("trial " << trial << " step " << step << " " << what);
      check_against_reference(pc, what);
      ++solves;
      if (pc.solver.solved_flows().size() < live) ++partial_solves;
    }
  }
  INFO(partial_solves << " of " << solves << " solves froze some flows");
  REQUIRE(partial_solves > solves / 4);
}

TEST_CASE("solver: a removal frees bandwidth only above its level", "[flow][flow_partial]") {
  // Flow a crosses a slow link (its bottleneck, level 1) and a fast link shared with b and c (level 4).
  // Removing c frees bandwidth above level 1 only: a keeps its rate and is not even re-solved.
  FlowSolver solver = verified_solver();
  const ConstraintId slow = solver.add_constraint(1.0, SharingPolicy::shared);
  const ConstraintId fast = solver.add_constraint(9.0, SharingPolicy::shared);
  const FlowUse both[] = {{slow, 1.0}, {fast, 1.0}};
  const FlowUse only_fast[] = {{fast, 1.0}};
  const auto a = solver.add_flow(1.0, FlowSolver::kUnbounded, both);
  const auto b = solver.add_flow(1.0, FlowSolver::kUnbounded, only_fast);
  const auto c = solver.add_flow(1.0, FlowSolver::kUnbounded, only_fast);
  solver.solve();
  REQUIRE(solver.rate(a) == 1.0);
  REQUIRE(solver.rate(b) == 4.0);
  REQUIRE(solver.rate(c) == 4.0);
  solver.remove_flow(c);
  solver.solve();
  REQUIRE(std::vector<FlowSolver::FlowIndex>(solver.solved_flows().begin(), solver.solved_flows().end()) ==
          std::vector<FlowSolver::FlowIndex>{b});
  REQUIRE(solver.rate(a) == 1.0);
  REQUIRE(solver.rate(b) == 8.0);
  // Raising the slow link's capacity re-solves from a's level: both flows move.
  solver.set_capacity(slow, 3.0);
  solver.solve();
  REQUIRE(solver.solved_flows().size() == 2);
  REQUIRE(solver.rate(a) == 3.0);
  REQUIRE(solver.rate(b) == 6.0);
  // A bounded newcomer below every level: a keeps its rate only if the newcomer does not reach the slow link.
  const FlowUse fast_path[] = {{fast, 1.0}};
  const auto d = solver.add_flow(2.0, 1.0, fast_path);
  solver.solve();
  REQUIRE(solver.rate(d) == 1.0);
  REQUIRE(solver.rate(a) == 3.0);
  REQUIRE(solver.rate(b) == 5.0);
}

TEST_CASE("solver: partial re-solves after fatpipe and capacity changes", "[flow][flow_partial]") {
  // Link A (capacity 2) carries a and b; link B (capacity 10) carries b and c; c also crosses a
  // fatpipe P. Levels: a = b = 1 (A saturates), c = 9 (B's rest).
  FlowSolver solver = verified_solver();
  const ConstraintId link_a = solver.add_constraint(2.0, SharingPolicy::shared);
  const ConstraintId link_b = solver.add_constraint(10.0, SharingPolicy::shared);
  const ConstraintId pipe = solver.add_constraint(100.0, SharingPolicy::fatpipe);
  const FlowUse path_a[] = {{link_a, 1.0}};
  const FlowUse path_ab[] = {{link_a, 1.0}, {link_b, 1.0}};
  const FlowUse path_bp[] = {{link_b, 1.0}, {pipe, 1.0}};
  const auto a = solver.add_flow(1.0, FlowSolver::kUnbounded, path_a);
  const auto b = solver.add_flow(1.0, FlowSolver::kUnbounded, path_ab);
  const auto c = solver.add_flow(1.0, FlowSolver::kUnbounded, path_bp);
  solver.solve();
  REQUIRE(solver.rate(a) == 1.0);
  REQUIRE(solver.rate(b) == 1.0);
  REQUIRE(solver.rate(c) == 9.0);
  SECTION("a fatpipe below c's level re-solves c only") {
    solver.set_capacity(pipe, 4.0);
    solver.solve();
    REQUIRE(std::vector<FlowSolver::FlowIndex>(solver.solved_flows().begin(), solver.solved_flows().end()) ==
            std::vector<FlowSolver::FlowIndex>{c});
    REQUIRE(solver.rate(c) == 4.0);
    REQUIRE(solver.rate(b) == 1.0);
  }
  SECTION("a fatpipe below every level re-solves from its level") {
    solver.set_capacity(pipe, 0.5);
    solver.set_capacity(link_b, 1.0);  // now B (0.5 left for b) binds before A
    solver.solve();
    REQUIRE(solver.rate(c) == 0.5);
    REQUIRE(solver.rate(b) == 0.5);
    REQUIRE(solver.rate(a) == 1.5);
  }
  SECTION("lowering A's capacity moves a and b down and c up") {
    solver.set_capacity(link_a, 1.0);
    solver.solve();
    REQUIRE(solver.solved_flows().size() == 3);
    REQUIRE(solver.rate(a) == 0.5);
    REQUIRE(solver.rate(b) == 0.5);
    REQUIRE(solver.rate(c) == 9.5);
  }
  SECTION("raising B's capacity only moves c, which is above A's level") {
    solver.set_capacity(link_b, 20.0);
    solver.solve();
    REQUIRE(std::vector<FlowSolver::FlowIndex>(solver.solved_flows().begin(), solver.solved_flows().end()) ==
            std::vector<FlowSolver::FlowIndex>{c});
    REQUIRE(solver.rate(c) == 19.0);
  }
}

TEST_CASE("solver: verify_allocation reports an overloaded link and a flow without bottleneck", "[flow]") {
  FlowSolver solver = verified_solver();
  const ConstraintId link = solver.add_constraint(10.0, SharingPolicy::shared);
  const FlowUse path[] = {{link, 1.0}};
  const auto a = solver.add_flow(1.0, FlowSolver::kUnbounded, path);
  solver.add_flow(1.0, FlowSolver::kUnbounded, path);
  solver.solve();
  REQUIRE(solver.verify_allocation() == "");
  // Not re-solved yet: the allocation of the last solve no longer fits.
  solver.set_capacity(link, 4.0);
  REQUIRE(solver.verify_allocation() == "constraint 0 carries 10 above its capacity 4");
  solver.solve();
  REQUIRE(solver.verify_allocation() == "");
  solver.remove_flow(a);
  REQUIRE(solver.verify_allocation() ==
          "flow 1 (rate 2) crosses no saturated constraint on which it has the largest rate / weight");
  solver.solve();
  REQUIRE(solver.verify_allocation() == "");
  REQUIRE(solver.rate(1) == 4.0);
}
