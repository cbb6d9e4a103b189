#include "bench/compare/clustersim_run.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>
#include <string>

#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

namespace clustersim::bench {

namespace {

constexpr double kCrossTrafficCoefficient = 0.05;

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Worker {
  std::vector<sim::FlowSpec> specs;
  std::vector<std::size_t> flow_indices;
};

sim::Task<> run_worker(sim::Engine* engine, sim::FlowNetwork* network, Worker* worker, std::vector<double>* ends) {
  for (std::size_t i = 0; i < worker->specs.size(); ++i) {
    co_await network->transfer(std::move(worker->specs[i]));
    (*ends)[worker->flow_indices[i]] = engine->now().to_seconds();
  }
}

}  // namespace

Semantics parse_semantics(std::string_view text) {
  if (text == "plain") return Semantics::plain;
  if (text == "cm02") return Semantics::cm02;
  throw std::invalid_argument("unknown semantics '" + std::string(text) + "' (known: plain, cm02)");
}

RunResult run_clustersim(const FlowScenario& scenario, Semantics semantics, std::optional<double> until_s) {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  std::vector<sim::ConstraintId> link_constraint;
  for (const ScenarioLink& link : scenario.links)
    link_constraint.push_back(network.add_constraint("link", link.bytes_per_s));
  std::vector<Worker> workers(scenario.workers);
  for (std::size_t i = 0; i < scenario.flows.size(); ++i) {
    const PlannedFlow& flow = scenario.flows[i];
    sim::FlowSpec spec;
    spec.work = flow.bytes;
    spec.latency = route_latency(scenario, flow.route);
    for (const auto d : flow.route) spec.constraints.push_back(sim::FlowUse{link_constraint[d], 1.0});
    if (semantics == Semantics::cm02) {
      if (spec.latency <= sim::SimTime::zero()) {
        throw std::invalid_argument(scenario.name + ": cm02 weighs flows by 1 / route latency; flow " +
                                    std::to_string(i) + " has a route without latency (use plain)");
      }
      spec.weight = 1.0 / spec.latency.to_seconds();
      for (const auto d : flow.reverse) {
        spec.constraints.push_back(sim::FlowUse{link_constraint[d], kCrossTrafficCoefficient});
      }
    }
    workers[flow.worker].specs.push_back(std::move(spec));
    workers[flow.worker].flow_indices.push_back(i);
  }
  RunResult result;
  result.completion_s.assign(scenario.flows.size(), -1.0);
  for (Worker& worker : workers) {
    engine.spawn("worker", run_worker(&engine, &network, &worker, &result.completion_s));
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  if (until_s) {
    engine.run_until(sim::SimTime::from_seconds(*until_s));
  } else {
    engine.run();
  }
  result.run_cpu_s = cpu_seconds() - cpu_start;
  result.run_wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.solves = network.solver().solve_count();
  result.flows_resolved = network.solver().flows_solved_total();
  result.second_passes = network.solver().slack_resolve_count();
  result.refills = network.solver().refill_count();
  engine.shutdown();  // unfinished workers (bounded run) hold flows of the network
  if (!until_s && network.flows_completed() != scenario.flows.size()) {
    throw std::runtime_error("clustersim run of " + scenario.name + ": " + std::to_string(network.flows_completed()) +
                             " of " + std::to_string(scenario.flows.size()) + " flows completed");
  }
  return result;
}

std::vector<double> finished_only(const std::vector<double>& completion_s) {
  std::vector<double> out;
  for (const double end : completion_s) {
    if (end >= 0.0) out.push_back(end);
  }
  return out;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

double max_of(const std::vector<double>& values) {
  return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

}  // namespace clustersim::bench
