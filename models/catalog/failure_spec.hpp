// Catalog failure data (data/failures.json): the observation the rates come from and one FailureCause per
// cause. The shipped file is Llama 3 405B's Table 5 (419 unexpected interruptions in 54 days on 16,384 H100
// GPUs = 2,048 8-GPU nodes).
//
//   rate_per_component_hour = count / (components x hours),  components = nodes x components_per_node
// e.g. faulty GPU: 148 / (16,384 x 54 d x 24 h) = 6.97e-6 per GPU-hour. components_per_node is an integer k
// (k components in every node) or 1/k (one component shared by k nodes, e.g. a leaf switch above 2 nodes: 0.5),
// with the same meaning as models/failure (failure_cause.hpp), whose component kind and blast radius names
// these entries use. The loader checks that every rate reproduces its count within 1% and that the counts
// add up to the observation's total, so sum(rate x components x hours) = total interruptions.
#pragma once

#include <cstdint>
#include <string>

#include "models/catalog/field_table.hpp"
#include "models/failure/failure_cause.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

struct FailureObservation {
  std::int64_t gpus = 0;
  std::int64_t nodes = 0;
  sim::SimTime window;
  std::int64_t unexpected_interruptions = 0;
  std::string notes;
  Sources sources;

  double hours() const { return window.to_seconds() / 3600.0; }
};

struct FailureCause {
  std::string name;
  std::string description;
  failure::ComponentKind component = failure::ComponentKind::gpu;
  std::int64_t count = 0;  // interruptions observed over the observation window
  double components_per_node = 1;
  double rate_per_component_hour = 0;
  failure::BlastRadius blast_radius = failure::BlastRadius::node;
  Sources sources;
};

const Table<FailureObservation>& failure_observation_table();
const Table<FailureCause>& failure_cause_table();

// count / (nodes x components_per_node x hours): the rate a cause's count implies under `observation`.
double rate_from_observation(const FailureCause& cause, const FailureObservation& observation);

// The catalog cause as models/failure runs it (repair time unset: the scenario's node repair time applies).
failure::FailureCause to_failure_cause(const FailureCause& cause);

}  // namespace clustersim::models::catalog
