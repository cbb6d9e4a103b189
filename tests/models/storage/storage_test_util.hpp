// Helpers for the storage tests: run a task as a process and record when it ended.
#pragma once

#include <optional>

#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/task.hpp"

namespace clustersim::models::storage::testing {

inline sim::Task<> timed(sim::Engine* engine, sim::Task<> body, std::optional<sim::SimTime>* done) {
  co_await std::move(body);
  *done = engine->now();
}

inline sim::Task<> plain_transfer(sim::FlowNetwork* network, sim::FlowSpec flow, std::optional<sim::SimTime>* done) {
  co_await network->transfer(std::move(flow));
  *done = network->engine().now();
}

inline double secs(const std::optional<sim::SimTime>& t) {
  return t ? t->to_seconds() : -1.0;
}

}  // namespace clustersim::models::storage::testing
