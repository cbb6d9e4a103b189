#include "sim/flow_solver.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace clustersim::sim {

namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

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
  c.capacity = capacity_per_s;
  if (c.policy == SharingPolicy::shared) {
    mark_constraint(id.value);
  } else {
    for (const Member& m : c.members) mark_flow(m.flow);  // a fatpipe is a bound of each of its flows
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
  return constraints_[id.value].members.size();
}

double FlowSolver::load(ConstraintId id) const {
  check_constraint(id, "load");
  const Constraint& c = constraints_[id.value];
  double total = 0.0;
  for (const Member& m : c.members) {
    const double used = m.coefficient * flows_[m.flow].rate;
    total = c.policy == SharingPolicy::shared ? total + used : std::max(total, used);
  }
  return total;
}

// ---- flows ----------------------------------------------------------------------------------

void FlowSolver::throw_no_flow(FlowIndex flow, const char* what) {
  throw std::invalid_argument(std::string("FlowSolver::") + what + ": no flow with index " + std::to_string(flow));
}

void FlowSolver::check_flow(FlowIndex flow, const char* what) const {
  if (!contains(flow)) throw_no_flow(flow, what);
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

  FlowIndex f = 0;
  if (free_flows_.empty()) {
    if (flows_.size() >= std::numeric_limits<FlowIndex>::max()) throw std::length_error("FlowSolver: too many flows");
    f = static_cast<FlowIndex>(flows_.size());
    flows_.emplace_back();
  } else {
    f = free_flows_.back();
    free_flows_.pop_back();
  }
  Flow& flow = flows_[f];
  flow.weight = weight;
  flow.bound = rate_bound_per_s;
  flow.rate = 0.0;
  flow.alive = true;
  flow.fixed = false;
  flow.edges.clear();  // keeps its storage from an earlier flow in this slot
  // Merge repeated constraints; shared edges first, then fatpipe edges.
  for (int pass = 0; pass < 2; ++pass) {
    const SharingPolicy wanted = pass == 0 ? SharingPolicy::shared : SharingPolicy::fatpipe;
    const std::size_t first = flow.edges.size();
    for (const FlowUse& use : uses) {
      if (constraints_[use.constraint.value].policy != wanted) continue;
      auto same = std::find_if(flow.edges.begin() + static_cast<std::ptrdiff_t>(first), flow.edges.end(),
                               [&](const Edge& e) { return e.constraint == use.constraint.value; });
      if (same != flow.edges.end()) {
        same->coefficient += use.coefficient;
      } else {
        flow.edges.push_back(Edge{use.constraint.value, 0, use.coefficient});
      }
    }
    if (pass == 0) flow.shared_edges = static_cast<std::uint32_t>(flow.edges.size());
  }
  for (std::uint32_t i = 0; i < flow.edges.size(); ++i) {
    Edge& edge = flow.edges[i];
    Constraint& c = constraints_[edge.constraint];
    edge.slot = static_cast<std::uint32_t>(c.members.size());
    c.members.push_back(Member{f, i, edge.coefficient, edge.coefficient * weight});
  }
  ++live_flows_;
  mark_flow(f);
  return f;
}

void FlowSolver::remove_flow(FlowIndex f) {
  check_flow(f, "remove_flow");
  Flow& flow = flows_[f];
  for (std::uint32_t i = 0; i < flow.edges.size(); ++i) {
    const Edge& edge = flow.edges[i];
    Constraint& c = constraints_[edge.constraint];
    const Member last = c.members.back();
    c.members[edge.slot] = last;
    flows_[last.flow].edges[last.edge].slot = edge.slot;
    c.members.pop_back();
    if (i < flow.shared_edges) mark_constraint(edge.constraint);
  }
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

// ---- solve ----------------------------------------------------------------------------------

void FlowSolver::next_stamp() {
  if (++stamp_ != 0) return;
  for (Flow& flow : flows_) flow.stamp = 0;  // wrapped around: forget every old stamp
  for (Constraint& c : constraints_) c.stamp = 0;
  stamp_ = 1;
}

void FlowSolver::visit_constraint(std::uint32_t index) {
  Constraint& c = constraints_[index];
  c.stamp = stamp_;
  c.remaining = c.capacity;
  c.weight_sum = 0.0;
  c.unfixed = 0;
  component_constraints_.push_back(index);
}

void FlowSolver::visit_flow(FlowIndex f) {
  Flow& flow = flows_[f];
  flow.stamp = stamp_;
  flow.fixed = false;
  solved_.push_back(f);
  double bound = flow.bound;
  const auto edge_count = static_cast<std::uint32_t>(flow.edges.size());
  for (std::uint32_t i = 0; i < flow.shared_edges; ++i) {
    const std::uint32_t c = flow.edges[i].constraint;
    if (constraints_[c].stamp != stamp_) visit_constraint(c);
  }
  for (std::uint32_t i = flow.shared_edges; i < edge_count; ++i) {
    const Edge& edge = flow.edges[i];
    bound = std::min(bound, constraints_[edge.constraint].capacity / edge.coefficient);
  }
  flow.bound_eff = bound;
  if (flow.shared_edges == 0) {
    flow.rate = bound;  // finite: add_flow demands a bound or a fatpipe
    flow.fixed = true;
    return;
  }
  ++unfixed_flows_;
  if (bound < kUnbounded) bound_events_.push_back(BoundEvent{bound / flow.weight, f});
}

void FlowSolver::fix_flow(FlowIndex f, double rate) {
  Flow& flow = flows_[f];
  flow.fixed = true;
  flow.rate = rate;
  --unfixed_flows_;
  for (std::uint32_t i = 0; i < flow.shared_edges; ++i) {
    const Edge& edge = flow.edges[i];
    Constraint& c = constraints_[edge.constraint];
    c.remaining -= edge.coefficient * rate;
    c.weight_sum -= flow.weight * edge.coefficient;
    --c.unfixed;
  }
}

double FlowSolver::recompute_weight_sum(const Constraint& c) const {
  double sum = 0.0;
  for (const Member& m : c.members) {
    const Flow& flow = flows_[m.flow];
    if (!flow.fixed) sum += m.coefficient * flow.weight;
  }
  return sum;
}

// Makes the front of bucket 0 the constraint with the smallest level, refreshing stale keys (a key
// is a lower bound of its constraint's level); false when no constraint with unfixed flows is left.
bool FlowSolver::settle_queue_top() {
  while (queue_settle()) {
    std::vector<QueueEntry>& ready = queue_buckets_[0];
    const std::uint32_t index = ready.back().constraint;
    Constraint& c = constraints_[index];
    if (c.unfixed == 0) {  // every flow on it was fixed elsewhere
      ready.pop_back();
      --queue_size_;
      continue;
    }
    if (c.weight_sum <= 0.0) c.weight_sum = recompute_weight_sum(c);  // cancellation ate the sum
    const std::uint64_t bits = key_bits(std::max(c.remaining, 0.0) / c.weight_sum);
    if (bits <= queue_last_) return true;  // up to date (levels never fall, see solve()); <= absorbs rounding
    ready.pop_back();
    --queue_size_;
    queue_push(key_level(bits), index);
  }
  return false;
}

void FlowSolver::solve() {
  solved_.clear();
  if (!needs_solve()) return;
  next_stamp();
  unfixed_flows_ = 0;
  component_constraints_.clear();
  bound_events_.clear();

  // Collect the touched components breadth-first, initialising the scratch state on the way.
  for (std::uint32_t c : dirty_constraints_) {
    constraints_[c].dirty = false;
    if (constraints_[c].stamp != stamp_) visit_constraint(c);
  }
  for (FlowIndex f : dirty_flows_) {
    flows_[f].dirty = false;
    if (flows_[f].alive && flows_[f].stamp != stamp_) visit_flow(f);
  }
  dirty_constraints_.clear();
  dirty_flows_.clear();
  for (std::size_t next = 0; next < component_constraints_.size(); ++next) {
    Constraint& c = constraints_[component_constraints_[next]];
    double weight_sum = 0.0;
    for (const Member& m : c.members) {
      weight_sum += m.weighted;
      if (flows_[m.flow].stamp != stamp_) visit_flow(m.flow);
    }
    c.weight_sum = weight_sum;
    c.unfixed = static_cast<std::uint32_t>(c.members.size());
  }

  // Progressive filling. Fixing a flow at level x <= every constraint's level can only raise the
  // levels of its other constraints: (R - a w x) / (S - a w) >= R / S when x <= R / S. So the
  // queued keys are lower bounds, refreshed lazily when a constraint reaches the front.
  queue_clear();
  for (std::uint32_t index : component_constraints_) {
    const Constraint& c = constraints_[index];
    if (c.unfixed > 0) queue_push(c.remaining / c.weight_sum, index);
  }
  std::sort(bound_events_.begin(), bound_events_.end(), [](const BoundEvent& a, const BoundEvent& b) {
    return a.level < b.level || (a.level == b.level && a.flow < b.flow);
  });
  std::size_t next_bound = 0;
  while (unfixed_flows_ > 0) {
    while (next_bound < bound_events_.size() && flows_[bound_events_[next_bound].flow].fixed) ++next_bound;
    const bool have_bound = next_bound < bound_events_.size();
    const bool have_constraint = settle_queue_top();
    if (!have_constraint && !have_bound) break;
    if (have_bound && (!have_constraint || bound_events_[next_bound].level <= key_level(queue_last_))) {
      const FlowIndex f = bound_events_[next_bound++].flow;
      fix_flow(f, flows_[f].bound_eff);
      continue;
    }
    const double level = key_level(queue_last_);
    const Constraint& c = constraints_[queue_buckets_[0].back().constraint];
    queue_buckets_[0].pop_back();
    --queue_size_;
    for (const Member& m : c.members) {
      const Flow& flow = flows_[m.flow];
      if (!flow.fixed) fix_flow(m.flow, flow.weight * level);
    }
  }
  ++solve_count_;
  flows_solved_total_ += solved_.size();
}

// ---- monotone queue of constraints ---------------------------------------------------------------

std::uint64_t FlowSolver::key_bits(double level) {
  if (!(level > 0.0)) return 0;  // +0, -0 (rounding) and NaN guard: level 0
  return std::bit_cast<std::uint64_t>(level);
}

double FlowSolver::key_level(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}

void FlowSolver::queue_clear() {
  for (auto& bucket : queue_buckets_) bucket.clear();
  queue_last_ = 0;
  queue_size_ = 0;
}

void FlowSolver::queue_push(double level, std::uint32_t constraint) {
  std::uint64_t bits = key_bits(level);
  if (bits < queue_last_) bits = queue_last_;  // rounding below the current level: take it as equal
  const int bucket = bits == queue_last_ ? 0 : 64 - __builtin_clzll(bits ^ queue_last_);
  queue_buckets_[bucket].push_back(QueueEntry{bits, constraint});
  ++queue_size_;
}

bool FlowSolver::queue_settle() {
  if (!queue_buckets_[0].empty()) return true;
  if (queue_size_ == 0) return false;
  int i = 1;
  while (queue_buckets_[i].empty()) ++i;
  std::vector<QueueEntry>& from = queue_buckets_[i];
  std::uint64_t smallest = from.front().key_bits;
  for (const QueueEntry& entry : from) smallest = std::min(smallest, entry.key_bits);
  queue_last_ = smallest;
  for (const QueueEntry& entry : from) {
    const int bucket = entry.key_bits == smallest ? 0 : 64 - __builtin_clzll(entry.key_bits ^ smallest);
    queue_buckets_[bucket].push_back(entry);  // bucket < i: the highest differing bit moved down
  }
  from.clear();
  return true;
}

}  // namespace clustersim::sim
