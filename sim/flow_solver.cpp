#include "sim/flow_solver.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace clustersim::sim {

namespace {

// Relative margin by which restart levels are lowered, so that rounding (levels are computed from
// sums of many rates) can only make a partial re-solve re-solve more flows, never fewer.
constexpr double kRestartSlack = 1e-9;

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
  if (edges_.size() + 2 * built.size() + 4 >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("FlowSolver: too many (flow, constraint) pairs");
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
  flow.level = kUnbounded;
  flow.shared_edges = shared_edges;
  const auto count = static_cast<std::uint32_t>(built.size());
  if (count > flow.edge_capacity) {  // a new range at the end of the pool; the old one is left unused
    flow.edge_capacity = std::max<std::uint32_t>({count, 2 * flow.edge_capacity, 4});
    flow.edge_first = static_cast<std::uint32_t>(edges_.size());
    edges_.resize(edges_.size() + flow.edge_capacity);
  }
  flow.edge_count = count;
  Edge* edges = edges_of(flow);
  for (std::uint32_t i = 0; i < count; ++i) {
    edges[i] = built[i];
    Constraint& c = constraints_[edges[i].constraint];
    edges[i].slot = static_cast<std::uint32_t>(c.members.size());
    c.members.push_back(Member{f, i, edges[i].coefficient, edges[i].coefficient * weight});
  }
  ++live_flows_;
  mark_flow(f);
  return f;
}

void FlowSolver::remove_flow(FlowIndex f) {
  check_flow(f, "remove_flow");
  Flow& flow = flows_[f];
  const Edge* edges = edges_of(flow);
  for (std::uint32_t i = 0; i < flow.edge_count; ++i) {
    const Edge& edge = edges[i];
    Constraint& c = constraints_[edge.constraint];
    const Member last = c.members.back();
    c.members[edge.slot] = last;
    edges_of(flows_[last.flow])[last.edge].slot = edge.slot;
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
  c.saturated_level = kUnbounded;
  component_constraints_.push_back(index);
}

double FlowSolver::effective_bound(const Flow& flow) const {
  double bound = flow.bound;
  const Edge* edges = edges_of(flow);
  for (std::uint32_t i = flow.shared_edges; i < flow.edge_count; ++i) {
    const Edge& edge = edges[i];
    bound = std::min(bound, constraints_[edge.constraint].capacity / edge.coefficient);
  }
  return bound;
}

void FlowSolver::visit_flow(FlowIndex f) {
  Flow& flow = flows_[f];
  flow.stamp = stamp_;
  flow.fixed = false;
  solved_.push_back(f);
  const Edge* edges = edges_of(flow);
  for (std::uint32_t i = 0; i < flow.shared_edges; ++i) {
    const std::uint32_t c = edges[i].constraint;
    if (constraints_[c].stamp != stamp_) visit_constraint(c);
  }
  const double bound = effective_bound(flow);
  flow.bound_eff = bound;
  if (flow.shared_edges == 0) {
    flow.rate = bound;  // finite: add_flow demands a bound or a fatpipe
    flow.level = bound / flow.weight;
    flow.fixed = true;
    return;
  }
  ++unfixed_flows_;
  if (bound < kUnbounded) bound_events_.push_back(BoundEvent{bound / flow.weight, f});
}

void FlowSolver::fix_flow(FlowIndex f, double rate, double level) {
  Flow& flow = flows_[f];
  flow.fixed = true;
  flow.rate = rate;
  flow.level = level;
  --unfixed_flows_;
  const Edge* edges = edges_of(flow);
  for (std::uint32_t i = 0; i < flow.shared_edges; ++i) {
    const Edge& edge = edges[i];
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
  while (queue_size_ > 0) {
    QueueEntry& top = queue_.front();
    Constraint& c = constraints_[top.constraint];
    if (c.unfixed == 0) {  // every flow on it was fixed elsewhere
      queue_pop();
      continue;
    }
    if (c.weight_sum <= 0.0) c.weight_sum = recompute_weight_sum(c);  // cancellation ate the sum
    std::uint64_t bits = key_bits(std::max(c.remaining, 0.0) / c.weight_sum);
    if (bits <= top.key_bits) {  // up to date (levels never fall, see solve()); <= absorbs rounding
      queue_last_ = std::max(queue_last_, top.key_bits);
      return true;
    }
    top.key_bits = bits;
    queue_sift_down(0);
  }
  return false;
}

// The lowest level at which a shared constraint touched since the last solve (capacity changed, a
// flow added or removed) can make the new filling differ from the last one: the smaller of the
// level at which it saturated last time and the first level x at which its present members, each
// growing as w*x up to the level it was fixed at last time (new flows without limit), fill
// (1 - kRestartSlack) of its present capacity. See the header comment.
double FlowSolver::constraint_restart_level(std::uint32_t index) {
  Constraint& c = constraints_[index];
  c.touch_stamp = stamp_;
  const double target = c.capacity * (1.0 - kRestartSlack);
  if (!(target > 0.0)) return 0.0;
  level_scratch_.clear();
  double slope = 0.0;  // sum of a*w over members not fixed yet at the current x
  for (const Member& m : c.members) {
    slope += m.weighted;
    const double level = flows_[m.flow].level;
    if (level < kUnbounded) level_scratch_.push_back(LevelWeight{level, m.weighted});
  }
  std::sort(level_scratch_.begin(), level_scratch_.end(),
            [](const LevelWeight& a, const LevelWeight& b) { return a.level < b.level; });
  double fixed_load = 0.0;  // sum of a*w*level over members fixed below the current x
  double x = kUnbounded;
  for (const LevelWeight& item : level_scratch_) {
    if (fixed_load + slope * item.level >= target) {
      x = (target - fixed_load) / slope;
      break;
    }
    fixed_load += item.weighted * item.level;
    slope -= item.weighted;
  }
  if (x == kUnbounded && slope > 0.0) x = std::max(0.0, (target - fixed_load) / slope);
  return std::min(x, c.saturated_level);
}

// Flows fixed below the returned level keep their rates in the coming solve (see the header comment).
double FlowSolver::restart_level() {
  double level = kUnbounded;
  for (std::uint32_t c : dirty_constraints_) {
    if (constraints_[c].touch_stamp != stamp_) level = std::min(level, constraint_restart_level(c));
  }
  for (FlowIndex f : dirty_flows_) {
    const Flow& flow = flows_[f];
    if (!flow.alive) continue;
    if (flow.level < kUnbounded) {  // solved before: its fatpipe bound changed
      level = std::min({level, flow.level, effective_bound(flow) / flow.weight});
    }
    const Edge* edges = edges_of(flow);
    for (std::uint32_t i = 0; i < flow.shared_edges; ++i) {  // a new flow loads its constraints
      const std::uint32_t c = edges[i].constraint;
      if (constraints_[c].touch_stamp != stamp_) level = std::min(level, constraint_restart_level(c));
    }
  }
  return level * (1.0 - kRestartSlack);
}

void FlowSolver::solve() {
  solved_.clear();
  if (!needs_solve()) return;
  next_stamp();
  unfixed_flows_ = 0;
  component_constraints_.clear();
  bound_events_.clear();
  restart_ = restart_level();

  // Collect, breadth-first, the flows to re-solve: the changed flows and every flow fixed at or above
  // the restart level reachable from a change through such flows and shared constraints. Flows
  // fixed below it are frozen: their rates are subtracted from their constraints' capacities.
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
    double frozen = 0.0;
    std::uint32_t unfixed = 0;
    for (const Member& m : c.members) {
      const Flow& flow = flows_[m.flow];
      if (flow.stamp != stamp_) {
        if (flow.level < restart_) {
          frozen += m.coefficient * flow.rate;
          continue;
        }
        visit_flow(m.flow);
      }
      weight_sum += m.weighted;
      ++unfixed;
    }
    c.remaining = c.capacity - frozen;
    c.weight_sum = weight_sum;
    c.unfixed = unfixed;
  }

  // Progressive filling. Fixing a flow at level x <= every constraint's level can only raise the
  // levels of its other constraints: (R - a w x) / (S - a w) >= R / S when x <= R / S. So the
  // queued keys are lower bounds, refreshed lazily when a constraint reaches the front.
  queue_clear();
  for (std::uint32_t index : component_constraints_) {
    const Constraint& c = constraints_[index];
    if (c.unfixed > 0) queue_.push_back(QueueEntry{key_bits(c.remaining / c.weight_sum), index});
  }
  queue_size_ = queue_.size();
  queue_.push_back(QueueEntry{~std::uint64_t{0}, 0});                  // sentinel, above every key
  for (std::size_t i = queue_size_ / 2; i-- > 0;) queue_sift_down(i);  // heapify in O(K)
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
      const BoundEvent event = bound_events_[next_bound++];
      fix_flow(event.flow, flows_[event.flow].bound_eff, event.level);
      continue;
    }
    const double level = key_level(queue_last_);
    Constraint& c = constraints_[queue_.front().constraint];
    queue_pop();
    c.saturated_level = level;
    for (const Member& m : c.members) {
      const Flow& flow = flows_[m.flow];
      if (!flow.fixed) fix_flow(m.flow, flow.weight * level, level);
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
  queue_.clear();
  queue_size_ = 0;
  queue_last_ = 0;
}

void FlowSolver::queue_pop() {
  --queue_size_;
  queue_[0] = queue_[queue_size_];
  queue_[queue_size_] = queue_[queue_size_ + 1];  // the sentinel moves down
  queue_.pop_back();
  if (queue_size_ > 0) queue_sift_down(0);
}

// Branch-light sift-down: the sentinel (largest key) after the last entry lets the smaller child be
// chosen without a bounds test. Equal keys may come out in any (deterministic) order: equal levels
// give equal rates.
void FlowSolver::queue_sift_down(std::size_t hole) {
  const QueueEntry moving = queue_[hole];
  const std::size_t size = queue_size_;
  for (;;) {
    std::size_t child = 2 * hole + 1;
    if (child >= size) break;
    child += static_cast<std::size_t>(queue_[child + 1].key_bits < queue_[child].key_bits);
    if (queue_[child].key_bits >= moving.key_bits) break;
    queue_[hole] = queue_[child];
    hole = child;
  }
  queue_[hole] = moving;
}

}  // namespace clustersim::sim
