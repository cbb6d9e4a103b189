// Path: the constraints of a FlowNetwork that a byte stream crosses, with the units of each
// constraint that one byte uses (its coefficient). A transfer of B bytes over a path is
// `co_await network.transfer({.work = B, .constraints = path})`, so every transfer that lists a
// constraint shares it by weighted max-min fairness (sim/flow_solver.hpp).
//
// Striping: a stream spread evenly over n equal constraints (8 GPUs' PCIe links, 4 NIC ports, the
// stripes of a file) uses coefficient 1/n on each, so alone it reaches n x capacity and it shares
// each member fairly with whatever else crosses it. Equal split is the assumption (RAID-0 and
// NCCL-style even striping); uneven placement is expressed with a different path.
#pragma once

#include <initializer_list>
#include <span>
#include <vector>

#include "sim/flow_solver.hpp"

namespace clustersim::models::hardware {

using Path = std::vector<sim::FlowUse>;

// The concatenation of `parts` in order (a constraint listed twice is merged by the solver,
// adding the coefficients).
Path join(std::initializer_list<Path> parts);
// Even striping over `members`: coefficient total_coefficient / members.size() on each.
// Throws std::invalid_argument for no members or a coefficient that is not positive and finite.
Path striped(std::span<const sim::ConstraintId> members, double total_coefficient = 1.0);

}  // namespace clustersim::models::hardware
