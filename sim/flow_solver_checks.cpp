// FlowSolver's checks of an allocation: loads within capacity, every flow at its bound or
// bottlenecked (see sim/flow_solver.hpp), after any solve or after each one.
#include "sim/flow_solver.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace clustersim::sim {

// "" or why the constraint's load is above its capacity.
std::string FlowSolver::check_constraint_load(std::uint32_t index, double tolerance) const {
  const Constraint& c = constraints_[index];
  const double load = exact_load(c);
  if (load <= c.capacity * (1.0 + tolerance)) return "";
  return "constraint " + std::to_string(index) + " carries " + number(load) + " above its capacity " +
         number(c.capacity);
}

// "" or why the flow is outside [0, bound] or below its bound without a bottleneck: a saturated
// shared constraint on which no flow has a larger rate / weight.
std::string FlowSolver::check_flow_bottleneck(FlowIndex f, double tolerance) const {
  const Flow& flow = flows_[f];
  const double bound = effective_bound(f);
  if (!(flow.rate >= 0.0) || flow.rate > bound * (1.0 + tolerance)) {
    return "flow " + std::to_string(f) + " has rate " + number(flow.rate) + " outside [0, bound " + number(bound) + "]";
  }
  if (flow.rate >= bound * (1.0 - tolerance)) return "";
  const double share = flow.rate / flow.weight;
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < paths_[f].shared_edges; ++i) {
    const Constraint& c = constraints_[edges[i].constraint];
    double load = 0.0;
    double largest_share = 0.0;
    for (const Member& m : members_of(c)) {
      load += m.coefficient * flows_[m.flow].rate;
      largest_share = std::max(largest_share, flows_[m.flow].rate / flows_[m.flow].weight);
    }
    if (load >= c.capacity * (1.0 - tolerance) && largest_share <= share * (1.0 + tolerance)) return "";
  }
  return "flow " + std::to_string(f) + " (rate " + number(flow.rate) +
         ") crosses no saturated constraint on which it has the largest rate / weight";
}

std::string FlowSolver::verify_allocation(double tolerance) const {
  for (std::uint32_t c = 0; c < constraints_.size(); ++c) {
    if (constraints_[c].policy != SharingPolicy::shared) continue;
    std::string problem = check_constraint_load(c, tolerance);
    if (!problem.empty()) return problem;
  }
  for (FlowIndex f = 0; f < flows_.size(); ++f) {
    if (!flows_[f].alive || flows_[f].dirty) continue;
    std::string problem = check_flow_bottleneck(f, tolerance);
    if (!problem.empty()) return problem;
  }
  return "";
}

// The check after a solve: the perturbed constraints and the touched flows (solved_ has every
// flow given a new rate, unmoved_ every other flow fixed again, tracked_ every flow expected at its
// old level).
void FlowSolver::verify_solve() const {
  constexpr double kTolerance = 1e-9;
  std::string problem;
  for (std::size_t i = 0; i < perturbed_.size() && problem.empty(); ++i) {
    problem = check_constraint_load(perturbed_[i], kTolerance);
  }
  for (std::size_t i = 0; i < skipped_.size() && problem.empty(); ++i) {
    if (!constraints_[skipped_[i]].dirty) problem = check_constraint_load(skipped_[i], kTolerance);  // dirty: next pass
  }
  for (std::size_t i = 0; i < solved_.size() && problem.empty(); ++i) {
    problem = check_flow_bottleneck(solved_[i], kTolerance);
  }
  for (std::size_t i = 0; i < tracked_.size() && problem.empty(); ++i) {
    problem = check_flow_bottleneck(tracked_[i], kTolerance);
  }
  for (std::size_t i = 0; i < unmoved_.size() && problem.empty(); ++i) {
    problem = check_flow_bottleneck(unmoved_[i], kTolerance);
  }
  if (!problem.empty()) throw std::logic_error("FlowSolver::solve: allocation check failed: " + problem);
}

}  // namespace clustersim::sim
