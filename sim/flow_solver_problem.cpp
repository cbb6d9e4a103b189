// FlowSolver's problem: the constraints and flows added, changed and removed between solves, and
// what they are now (see sim/flow_solver.hpp). A change marks what it touched for the next solve()
// (sim/flow_solver.cpp).
#include "sim/flow_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace clustersim::sim {

std::string FlowSolver::number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// ---- constraints ----------------------------------------------------------------------------

ConstraintId FlowSolver::add_constraint(double capacity_per_s, SharingPolicy policy) {
  if (!std::isfinite(capacity_per_s) || capacity_per_s < 0.0) {
    throw std::invalid_argument("FlowSolver::add_constraint: capacity_per_s must be finite and >= 0, got " +
                                number(capacity_per_s));
  }
  if (constraints_.size() >= ConstraintId::kNone) throw std::length_error("FlowSolver: too many constraints");
  Constraint& c = constraints_.emplace_back();
  c.capacity = capacity_per_s;
  c.policy = policy;
  return ConstraintId{static_cast<std::uint32_t>(constraints_.size() - 1)};
}

void FlowSolver::check_constraint(ConstraintId id, const char* what) const {
  if (id.value >= constraints_.size()) {
    throw std::invalid_argument(std::string("FlowSolver::") + what + ": unknown constraint id " +
                                (id.valid() ? std::to_string(id.value) : std::string("<none>")) + " (have " +
                                std::to_string(constraints_.size()) + ")");
  }
}

void FlowSolver::set_capacity(ConstraintId id, double capacity_per_s) {
  check_constraint(id, "set_capacity");
  if (!std::isfinite(capacity_per_s) || capacity_per_s < 0.0) {
    throw std::invalid_argument("FlowSolver::set_capacity: capacity_per_s must be finite and >= 0, got " +
                                number(capacity_per_s));
  }
  Constraint& c = constraints_[id.value];
  if (c.capacity == capacity_per_s) return;
  const bool dropped = capacity_per_s < c.capacity;
  c.capacity = capacity_per_s;
  if (c.policy == SharingPolicy::shared) {
    c.capacity_dropped = c.capacity_dropped || dropped;
    mark_constraint(id.value);
  } else {
    for (const Member& m : members_of(c)) mark_flow(m.flow);  // a fatpipe is a bound of each of its flows
  }
}

double FlowSolver::capacity(ConstraintId id) const {
  check_constraint(id, "capacity");
  return constraints_[id.value].capacity;
}

SharingPolicy FlowSolver::policy(ConstraintId id) const {
  check_constraint(id, "policy");
  return constraints_[id.value].policy;
}

std::size_t FlowSolver::flow_count_on(ConstraintId id) const {
  check_constraint(id, "flow_count_on");
  return constraints_[id.value].members.count;
}

double FlowSolver::load(ConstraintId id) const {
  check_constraint(id, "load");
  const Constraint& c = constraints_[id.value];
  if (c.policy == SharingPolicy::shared) return exact_load(c);
  double largest = 0.0;
  for (const Member& m : members_of(c)) largest = std::max(largest, m.coefficient * flows_[m.flow].rate);
  return largest;
}

// ---- flows ----------------------------------------------------------------------------------

void FlowSolver::throw_no_flow(FlowIndex flow, const char* what) {
  throw std::invalid_argument(std::string("FlowSolver::") + what + ": no flow with index " + std::to_string(flow));
}

void FlowSolver::check_flow(FlowIndex flow, const char* what) const {
  if (!contains(flow)) throw_no_flow(flow, what);
}

template <class Item>
void FlowSolver::reserve(std::vector<Item>& pool, Range& range, std::uint32_t count) {
  if (count <= range.capacity) return;
  constexpr std::uint32_t kMinRoom = 2;
  const std::uint32_t capacity = std::max({count, 2 * range.capacity, kMinRoom});
  const std::size_t first = pool.size();  // add_flow() checked that it fits in 32 bits
  pool.resize(first + capacity);
  std::copy_n(pool.begin() + range.first, range.count, pool.begin() + static_cast<std::ptrdiff_t>(first));
  range.first = static_cast<std::uint32_t>(first);
  range.capacity = capacity;
}

FlowSolver::FlowIndex FlowSolver::add_flow(double weight, double rate_bound_per_s, std::span<const FlowUse> uses) {
  if (!std::isfinite(weight) || weight <= 0.0) {
    throw std::invalid_argument("FlowSolver::add_flow: weight must be finite and > 0, got " + number(weight));
  }
  if (std::isnan(rate_bound_per_s) || rate_bound_per_s <= 0.0) {
    throw std::invalid_argument("FlowSolver::add_flow: rate bound must be > 0 (or kUnbounded), got " +
                                number(rate_bound_per_s));
  }
  for (std::size_t i = 0; i < uses.size(); ++i) {
    check_constraint(uses[i].constraint, "add_flow");
    const double a = uses[i].coefficient;
    if (!std::isfinite(a) || a <= 0.0) {
      throw std::invalid_argument(std::string("FlowSolver::add_flow: uses[") + std::to_string(i) +
                                  "].coefficient must be finite and > 0, got " + number(a));
    }
  }
  const bool limited = std::isfinite(rate_bound_per_s) || !uses.empty();  // any constraint limits the rate
  if (!limited) {
    throw std::invalid_argument("FlowSolver::add_flow: a flow without constraints needs a finite rate bound");
  }

  // Merge repeated constraints; shared edges first, then fatpipe edges.
  std::vector<Edge>& built = edge_scratch_;
  built.clear();
  std::uint32_t shared_edges = 0;
  for (int pass = 0; pass < 2; ++pass) {
    const SharingPolicy wanted = pass == 0 ? SharingPolicy::shared : SharingPolicy::fatpipe;
    const std::size_t first = built.size();
    for (const FlowUse& use : uses) {
      if (constraints_[use.constraint.value].policy != wanted) continue;
      auto same = std::find_if(built.begin() + static_cast<std::ptrdiff_t>(first), built.end(),
                               [&](const Edge& e) { return e.constraint == use.constraint.value; });
      if (same != built.end()) {
        same->coefficient += use.coefficient;
      } else {
        built.push_back(Edge{use.constraint.value, 0, use.coefficient});
      }
    }
    if (pass == 0) shared_edges = static_cast<std::uint32_t>(built.size());
  }
  // Room the pools may need (checked before anything changes, so a throw leaves the solver as it was).
  std::size_t member_room = 0;
  for (const Edge& edge : built) member_room += 2 * (std::size_t{constraints_[edge.constraint].members.capacity} + 1);
  constexpr std::size_t kPoolLimit = std::numeric_limits<std::uint32_t>::max();
  if (edges_.size() + 2 * built.size() + 2 >= kPoolLimit || members_.size() + member_room >= kPoolLimit) {
    throw std::length_error("FlowSolver: too many (flow, constraint) pairs");
  }

  FlowIndex f = 0;
  if (free_flows_.empty()) {
    if (flows_.size() >= std::numeric_limits<FlowIndex>::max()) throw std::length_error("FlowSolver: too many flows");
    f = static_cast<FlowIndex>(flows_.size());
    flows_.emplace_back();
    paths_.emplace_back();
  } else {
    f = free_flows_.back();
    free_flows_.pop_back();
  }
  Flow& flow = flows_[f];
  flow.weight = weight;
  flow.rate = 0.0;
  flow.alive = true;
  flow.fixed = false;
  flow.free = false;
  flow.level = kUnbounded;
  FlowPath& path = paths_[f];
  path.bound = rate_bound_per_s;
  path.bottleneck = kByBound;
  path.shared_edges = shared_edges;
  const auto count = static_cast<std::uint32_t>(built.size());
  path.edges.count = 0;  // the slot's previous flow is gone: nothing to keep
  reserve(edges_, path.edges, count);
  path.edges.count = count;
  Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < count; ++i) {
    edges[i] = built[i];
    Constraint& c = constraints_[edges[i].constraint];
    reserve(members_, c.members, c.members.count + 1);
    edges[i].slot = c.members.count++;
    members_[c.members.first + edges[i].slot] =
        Member{f, path.edges.first + i, edges[i].coefficient, edges[i].coefficient * weight};
  }
  ++live_flows_;
  if (is_bounded(f)) ++bounded_flows_;
  mark_flow(f);
  return f;
}

void FlowSolver::remove_flow(FlowIndex f) {
  check_flow(f, "remove_flow");
  Flow& flow = flows_[f];
  const FlowPath& path = paths_[f];
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < path.edges.count; ++i) {
    const Edge& edge = edges[i];
    Constraint& c = constraints_[edge.constraint];
    Member* members = members_.data() + c.members.first;
    const Member last = members[--c.members.count];
    members[edge.slot] = last;
    edges_[last.edge].slot = edge.slot;
    if (i < path.shared_edges) {
      c.load -= edge.coefficient * flow.rate;
      mark_constraint(edge.constraint);
    }
  }
  if (is_bounded(f)) --bounded_flows_;
  flow.alive = false;
  flow.rate = 0.0;
  free_flows_.push_back(f);
  --live_flows_;
}

double FlowSolver::weight(FlowIndex flow) const {
  check_flow(flow, "weight");
  return flows_[flow].weight;
}

void FlowSolver::mark_constraint(std::uint32_t c) {
  if (constraints_[c].dirty) return;
  constraints_[c].dirty = true;
  dirty_constraints_.push_back(c);
}

void FlowSolver::mark_flow(FlowIndex f) {
  if (flows_[f].dirty) return;
  flows_[f].dirty = true;
  dirty_flows_.push_back(f);
}

// A flow with shared constraints that a bound or a fatpipe may stop below them.
bool FlowSolver::is_bounded(FlowIndex f) const {
  const FlowPath& path = paths_[f];
  return path.shared_edges > 0 && (path.bound < kUnbounded || path.shared_edges < path.edges.count);
}

}  // namespace clustersim::sim
