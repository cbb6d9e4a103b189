// Run limits: caps on what a scenario may request and the budget of one run, so that a file written by
// someone else gives a clear error instead of exhausting memory or running for days.
//
// Caps a scenario may not exceed (bad input, ScenarioError, exit code 2), checked by resolve_scenario:
//   architecture.nodes, and nodes + spare_nodes   <= max_nodes     (memory and fabric planning grow with it)
//   links of architecture.fabric (from its shape)  <= max_links     (two-tier fabrics grow as leaves x spines)
//   run.seeds (scenario or sweep)                 <= max_seeds
//   run.horizon                                   <= max_horizon
//   run.horizon / run.sample_period               <= max_events    (one stored sample per period)
// and for `clustersim flows` (the command passes them to models/fabric/flows_tool.hpp's FlowsLimits): rows of
// the CSV <= max_flows, hosts and count keys of the topology spec <= max_nodes, its links <= max_links.
// Budget of one run (one seed of a Monte Carlo study; one flows simulation), carried into the campaign as a
// sim::RunBudget and enforced by the engine: at most max_events events and at most time_limit of wall-clock
// time. Exceeding it is a runtime failure (exit code 1) naming the simulated time reached and the limit;
// run_study adds the seed and the flag that raises it. In a sweep such a point is recorded as failed (its
// "error" field) and the sweep goes on.
// The defaults fit every reference scenario with a wide margin (at most 2,048 nodes and 323,906 events per
// seed); 99,840 nodes on a fat tree resolve in 2.4 s and 0.7 GB, 100,000 flows simulate in 64 MB
// (docs/hardening.md). time_limit is off by default because a wall-clock limit makes the outcome depend on
// the machine, while the event cap gives the same answer everywhere.
// Every message names the field, its value, the limit and the command-line flag that raises it:
//   architecture.nodes: 1000000 is above the limit of 100000 nodes; raise it with --max-nodes
#pragma once

#include <cstdint>
#include <string>

#include "sim/engine.hpp"
#include "sim/time.hpp"

namespace clustersim::models::study {

struct RunLimits {
  std::int64_t max_nodes = 100'000;
  std::int64_t max_links = 10'000'000;  // of the planned back-end fabric, host links included
  std::int64_t max_seeds = 10'000;
  sim::SimTime max_horizon = sim::days(3650);      // 10 years
  std::int64_t max_flows = 1'000'000;              // rows of a `clustersim flows` CSV
  std::uint64_t max_events = 100'000'000;          // per run
  sim::SimTime time_limit = sim::SimTime::zero();  // wall clock per run; zero: none

  sim::RunBudget budget() const;
};

// The command-line flags that raise each limit (cli/main.cpp defines them with these names).
inline constexpr const char* max_nodes_flag = "--max-nodes";
inline constexpr const char* max_links_flag = "--max-links";
inline constexpr const char* max_seeds_flag = "--max-seeds";
inline constexpr const char* max_horizon_flag = "--max-horizon";
inline constexpr const char* max_flows_flag = "--max-flows";
inline constexpr const char* max_events_flag = "--max-events";
inline constexpr const char* time_limit_flag = "--time-limit";

// "<field>: <value> is above the limit of <limit> <unit>; raise it with <flag>".
std::string limit_message(const std::string& field, const std::string& value, const std::string& limit,
                          const std::string& flag);
// Throws ScenarioError with limit_message when value > limit (`unit` follows the limit, e.g. "nodes").
void check_count_limit(const std::string& field, std::int64_t value, std::int64_t limit, const std::string& unit,
                       const std::string& flag);

// A limit flag's duration ("10 min", as a scenario writes durations), positive; throws sim::UnitError (bad input)
// prefixed with the flag for a malformed or non-positive duration.
sim::SimTime parse_limit_duration(const std::string& flag, const std::string& text);

// The engine's message with the flag that raises the limit, e.g. "run stopped at simulated time 2.5 d after
// 100000000 events: reached the limit of 100000000 events per run; raise it with --max-events".
std::string run_limit_message(const sim::RunLimitExceeded& error);

}  // namespace clustersim::models::study
