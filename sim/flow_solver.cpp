// FlowSolver::solve(): the incremental progressive filling, refills and skipped slack constraints
// described in sim/flow_solver.hpp, and the heaps it runs on.
#include "sim/flow_solver.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <utility>

namespace clustersim::sim {

namespace {

// Relative margin by which restart levels are lowered, so that rounding (levels are computed from
// sums of many rates) can only make a partial re-solve re-solve more flows, never fewer.
constexpr double kRestartSlack = 1e-9;
// Relative distance within which a flow fixed again counts as fixed at its old level (keeps its rate).
constexpr double kSameLevel = 1e-12;
// Relative margin below capacity that the final load of a skipped slack constraint must keep (see
// the header comment); its running load is recomputed from its members before it counts as over.
constexpr double kSlackMargin = 1e-9;
// Relative drift allowed to a constraint's running load (sums of rate changes) before it is recomputed.
constexpr double kLoadDrift = 1e-6;
// A skipping pass skips a slack constraint only if its load is below (1 - kSlackHeadroom) of its
// capacity: one nearer to saturation would likely go over and cost a second pass.
constexpr double kSlackHeadroom = 0.01;
// Passes of one solve() that may skip slack constraints; the pass after them skips none.
constexpr int kSkippingPasses = 2;
// A solve goes wide once it tracks more than max(wide_min_flows_, live flows / kWideFraction) flows:
// past that, per-flow events cost more than filling everything reachable. A solve refills
// everything when a moving average of the flows moved per solve (weight kMovedAverageWeight for the
// last one) exceeds max(wide_min_flows_, live flows / kRefillFraction): cascades that large go on.
constexpr std::size_t kWideFraction = 4;
constexpr std::size_t kRefillFraction = 8;
constexpr double kMovedAverageWeight = 0.25;
// Members ahead of the one being fixed whose edges saturate() prefetches (flows and paths: twice as
// far). BM_FlowChurn/10000 and /100000: 2.30 k -> 2.57 k and 117 -> 145-158 flows/s with 2-8.
constexpr std::size_t kSaturatePrefetch = 4;

// Heap order of the flow events: smallest level first, then kind, then index.
bool later_event(const auto& a, const auto& b) {
  if (a.level != b.level) return a.level > b.level;
  if (a.kind != b.kind) return a.kind > b.kind;
  return a.index > b.index;
}

}  // namespace

// ---- solve ----------------------------------------------------------------------------------

void FlowSolver::next_stamp() {
  if (++stamp_ != 0) return;
  for (Flow& flow : flows_) flow.stamp = 0;  // wrapped around: forget every old stamp
  for (Constraint& c : constraints_) {
    c.stamp = 0;
    c.touch_stamp = 0;
    c.skip_stamp = 0;
  }
  stamp_ = 1;
}

double FlowSolver::effective_bound(FlowIndex f) const {
  const FlowPath& path = paths_[f];
  double bound = path.bound;
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = path.shared_edges; i < path.edges.count; ++i) {
    const Edge& edge = edges[i];
    bound = std::min(bound, constraints_[edge.constraint].capacity / edge.coefficient);
  }
  return bound;
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
  for (const Member& m : members_of(c)) {
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

void FlowSolver::schedule_perturbation(std::uint32_t c, double level) {
  if (!(level < kUnbounded)) return;
  const double start = level * (1.0 - kRestartSlack);
  start_events_.push_back(Event{start > 0.0 ? start : 0.0, EventKind::perturb, c});  // -0 as +0 (radix order)
}

// Where the changes since the last solve start to show (see the header comment).
void FlowSolver::start_changes() {
  for (FlowIndex f : dirty_flows_) {
    Flow& flow = flows_[f];
    flow.dirty = false;
    if (!flow.alive) continue;
    const double old_level = flow.level;
    FlowPath& path = paths_[f];
    if (path.shared_edges == 0) {  // its rate is its bound (finite: add_flow demands a bound or a fatpipe)
      flow.stamp = stamp_;
      flow.fixed = true;
      flow.rate = effective_bound(f);
      flow.level = flow.rate / flow.weight;
      path.bottleneck = kByBound;
      solved_.push_back(f);
      continue;
    }
    if (refill_) continue;  // every flow is filled again
    touch_flow(f, true);
    const Edge* edges = edges_of(f);
    if (old_level < kUnbounded) {  // solved before: its fatpipe bound changed
      const double level = std::min(old_level, effective_bound(f) / flow.weight);
      for (std::uint32_t i = 0; i < path.shared_edges; ++i) schedule_perturbation(edges[i].constraint, level);
      continue;
    }
    for (std::uint32_t i = 0; i < path.shared_edges; ++i) {  // a new flow loads its constraints from level 0
      const std::uint32_t c = edges[i].constraint;
      if (constraints_[c].touch_stamp != stamp_) schedule_perturbation(c, constraint_restart_level(c));
    }
  }
  // The constraints of new flows have been scheduled above. Without a new flow and without a lower
  // capacity, a constraint's members load it no more than last time: it saturates no earlier than
  // s_c, so L_c = s_c without the walk.
  for (std::uint32_t index : dirty_constraints_) {
    Constraint& c = constraints_[index];
    c.dirty = false;
    if (!refill_ && c.touch_stamp != stamp_) {
      schedule_perturbation(index, c.capacity_dropped ? constraint_restart_level(index) : c.saturated_level);
    }
    c.capacity_dropped = false;
  }
  dirty_constraints_.clear();
  dirty_flows_.clear();
  if (refill_) {
    start_refill();
  } else {
    sort_start_events();
  }
}

// A refill fills everything again from level 0: every shared constraint with flows is perturbed at
// once with all its flows growing (untouched flows count as growing, so nothing is scanned but the
// members' a*w, in order), and every flow with a bound gets its bound event.
void FlowSolver::start_refill() {
  for (std::uint32_t index = 0; index < constraints_.size(); ++index) {
    Constraint& c = constraints_[index];
    if (c.policy != SharingPolicy::shared || c.members.count == 0) continue;
    c.stamp = stamp_;
    c.saturated_level = kUnbounded;
    perturbed_.push_back(index);
    double weight_sum = 0.0;
    for (const Member& m : members_of(c)) weight_sum += m.weighted;
    c.remaining = c.capacity;
    c.weight_sum = weight_sum;
    c.unfixed = c.members.count;
    queue_push(QueueEntry{key_bits(constraint_level(c)), index});
  }
  if (bounded_flows_ == 0) return;
  for (FlowIndex f = 0; f < flows_.size(); ++f) {
    const Flow& flow = flows_[f];
    if (flow.alive && flow.stamp != stamp_ && is_bounded(f)) touch_flow(f, true);
  }
}

// Sorts start_events_ (all perturbations) into the event heap's order: by level, then index. Large
// batches (a burst of new flows) use a least-significant-digit radix sort over the 96-bit key
// (level, index), one byte per pass, skipping the passes in which all keys share the byte: O(events)
// instead of O(events log events) comparisons. Levels are >= +0 (schedule_perturbation()), whose
// bit patterns order like the numbers.
void FlowSolver::sort_start_events() {
  constexpr std::size_t kRadixFrom = 64;
  std::vector<Event>& events = start_events_;
  const std::size_t n = events.size();
  if (n < kRadixFrom) {
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return later_event(b, a); });
    return;
  }
  static_assert(std::endian::native == std::endian::little && sizeof(double) == 8 && sizeof(std::uint32_t) == 4);
  // Byte offsets in an Event, least significant first: the index, then the level's bits.
  constexpr std::array<std::size_t, 12> kByte = {
      offsetof(Event, index),     offsetof(Event, index) + 1, offsetof(Event, index) + 2, offsetof(Event, index) + 3,
      offsetof(Event, level),     offsetof(Event, level) + 1, offsetof(Event, level) + 2, offsetof(Event, level) + 3,
      offsetof(Event, level) + 4, offsetof(Event, level) + 5, offsetof(Event, level) + 6, offsetof(Event, level) + 7};
  const auto byte = [](const Event& e, std::size_t offset) {
    return static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(&e)[offset]);
  };
  std::vector<std::array<std::uint32_t, 256>>& counts = radix_counts_;
  counts.assign(kByte.size(), {});
  for (const Event& e : events) {
    for (std::size_t d = 0; d < kByte.size(); ++d) ++counts[d][byte(e, kByte[d])];
  }
  radix_scratch_.resize(n);
  for (std::size_t d = 0; d < kByte.size(); ++d) {
    std::array<std::uint32_t, 256>& count = counts[d];
    if (count[byte(events.front(), kByte[d])] == n) continue;  // every key has this byte
    std::uint32_t next = 0;
    for (std::uint32_t& c : count) next += std::exchange(c, next);  // counts -> first positions
    for (const Event& e : events) radix_scratch_[count[byte(e, kByte[d])]++] = e;
    events.swap(radix_scratch_);
  }
}

// A free flow grows until a constraint or its bound fixes it; a tracked one is expected at its old level.
void FlowSolver::touch_flow(FlowIndex f, bool free) {
  Flow& flow = flows_[f];
  flow.stamp = stamp_;
  flow.fixed = false;
  flow.free = free;
  if (free) {
    push_bound_event(f);
  } else {
    push_event(flow.level, EventKind::old_level, f);
  }
}

void FlowSolver::push_bound_event(FlowIndex f) {
  const double bound = effective_bound(f);
  if (bound < kUnbounded) push_event(std::max(level_, bound / flows_[f].weight), EventKind::bound, f);
}

// A tracked flow departs from the last filling at its old level: it grows on (up to its bound), and
// every constraint it crosses becomes perturbed.
void FlowSolver::make_free(FlowIndex f) {
  flows_[f].free = true;
  push_bound_event(f);
  reach_constraints(f);
}

// Wide mode: tracked flows are all made free, and so is every flow met from now on. Each free
// flow's constraints are perturbed at once (spread()), so the rest of the solve is plain
// progressive filling of everything reachable above level_, without per-flow events.
void FlowSolver::go_wide() {
  wide_ = true;
  for (FlowIndex f : tracked_) {
    Flow& flow = flows_[f];
    if (flow.fixed || flow.free) continue;
    flow.free = true;
    push_bound_event(f);
    spread_.push_back(f);
  }
}

void FlowSolver::spread() {
  while (!spread_.empty()) {
    const FlowIndex f = spread_.back();
    spread_.pop_back();
    reach_constraints(f);
  }
}

// A free flow's growth reaches its constraints: each becomes perturbed, unless it already is or
// is a slack constraint this pass skips.
void FlowSolver::reach_constraints(FlowIndex f) {
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < paths_[f].shared_edges; ++i) {
    const std::uint32_t c = edges[i].constraint;
    if (constraints_[c].stamp != stamp_ && !skips(c)) perturb(c);
  }
}

// A slack constraint: when the pass first reaches it, it saturated in no earlier filling since it was
// last perturbed, no change of its own is scheduled in this pass and its load is below (1 -
// kSlackHeadroom) of its capacity. Skipping passes track only its load (see the header comment).
bool FlowSolver::skips(std::uint32_t index) {
  Constraint& c = constraints_[index];
  if (c.skip_stamp == stamp_) return true;
  if (!skip_slack_pass_ || wide_ || c.saturated_level != kUnbounded || c.touch_stamp == stamp_ ||
      c.load > c.capacity * (1.0 - kSlackHeadroom)) {
    return false;
  }
  c.skip_stamp = stamp_;
  skipped_.push_back(index);
  ++slack_skip_count_;
  return true;
}

// From level_ on, the constraint is tracked exactly: members fixed below level_ are subtracted from
// its capacity, the others grow (untouched ones are expected at their old levels).
void FlowSolver::perturb(std::uint32_t index) {
  Constraint& c = constraints_[index];
  c.stamp = stamp_;
  c.saturated_level = kUnbounded;
  perturbed_.push_back(index);
  double remaining = c.capacity;
  double weight_sum = 0.0;
  double load = 0.0;
  std::uint32_t unfixed = 0;
  for (const Member& m : members_of(c)) {
    Flow& flow = flows_[m.flow];
    load += m.coefficient * flow.rate;
    if (flow.stamp == stamp_ ? flow.fixed : flow.level < level_) {
      remaining -= m.coefficient * flow.rate;
      continue;
    }
    if (flow.stamp != stamp_) {
      touch_flow(m.flow, wide_);
      (wide_ ? spread_ : tracked_).push_back(m.flow);
    }
    weight_sum += m.weighted;
    ++unfixed;
  }
  c.remaining = remaining;
  c.weight_sum = weight_sum;
  c.load = load;
  c.unfixed = unfixed;
  if (unfixed > 0) queue_push(QueueEntry{key_bits(constraint_level(c)), index});
}

// Fixes a flow at a rate that departs from the last filling (or is new): its constraints see it.
void FlowSolver::fix_flow(FlowIndex f, double rate, double level, std::uint32_t bottleneck) {
  Flow& flow = flows_[f];
  flow.fixed = true;
  if (flow.rate > 0.0 && !(std::abs(rate - flow.rate) <= kSameLevel * flow.rate))
    ++moved_count_;  // new flows do not count
  if (rate != flow.rate) {
    solved_.push_back(f);
  } else if (verify_each_solve_) {
    unmoved_.push_back(f);
  }
  const double rate_change = rate - flow.rate;
  flow.rate = rate;
  flow.level = level;
  paths_[f].bottleneck = bottleneck;
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < paths_[f].shared_edges; ++i) {
    const Edge& edge = edges[i];
    Constraint& c = constraints_[edge.constraint];
    if (c.stamp == stamp_) {
      c.remaining -= edge.coefficient * rate;
      c.weight_sum -= flow.weight * edge.coefficient;
      c.load += edge.coefficient * rate_change;
      --c.unfixed;
    } else if (skips(edge.constraint)) {
      c.load += edge.coefficient * rate_change;
    } else {
      perturb(edge.constraint);  // counts the flow as fixed, its load has the new rate
    }
  }
}

// A tracked flow fixed where the last filling fixed it: only the perturbed constraints notice.
void FlowSolver::keep_old_rate(FlowIndex f, std::uint32_t bottleneck) {
  Flow& flow = flows_[f];
  flow.fixed = true;
  paths_[f].bottleneck = bottleneck;
  const Edge* edges = edges_of(f);
  for (std::uint32_t i = 0; i < paths_[f].shared_edges; ++i) {
    const Edge& edge = edges[i];
    Constraint& c = constraints_[edge.constraint];
    if (c.stamp != stamp_) continue;
    c.remaining -= edge.coefficient * flow.rate;
    c.weight_sum -= flow.weight * edge.coefficient;
    --c.unfixed;
  }
}

void FlowSolver::on_old_level(FlowIndex f) {
  const Flow& flow = flows_[f];
  if (flow.fixed || flow.free) return;
  const std::uint32_t b = paths_[f].bottleneck;
  if (b == kByBound || constraints_[b].stamp != stamp_) {
    keep_old_rate(f, b);  // its bottleneck behaves as before
    return;
  }
  Constraint& c = constraints_[b];
  if (c.weight_sum <= 0.0) c.weight_sum = recompute_weight_sum(c);
  if (constraint_level(c) <= flow.level * (1.0 + kSameLevel)) {
    saturate(b, level_);  // its perturbed bottleneck saturates here all the same (up to rounding)
    return;
  }
  make_free(f);
}

void FlowSolver::saturate(std::uint32_t index, double level) {
  Constraint& c = constraints_[index];
  c.saturated_level = level;
  const std::span<const Member> members = members_of(c);
  for (std::size_t i = 0; i < members.size(); ++i) {
    // Fixing a member reads its flow, path and edges, scattered in memory: prefetch them ahead, the
    // path a step earlier than the edges (whose address it holds).
    if (i + 2 * kSaturatePrefetch < members.size()) {
      __builtin_prefetch(&flows_[members[i + 2 * kSaturatePrefetch].flow]);
      __builtin_prefetch(&paths_[members[i + 2 * kSaturatePrefetch].flow]);
    }
    if (i + kSaturatePrefetch < members.size()) __builtin_prefetch(edges_of(members[i + kSaturatePrefetch].flow));
    const Member& m = members[i];
    Flow& flow = flows_[m.flow];
    if (refill_ && flow.stamp != stamp_) {  // untouched members grow in a refill
      flow.stamp = stamp_;
      flow.fixed = false;
      flow.free = true;
    }
    if (flow.stamp != stamp_ || flow.fixed) continue;  // untouched members are fixed below
    if (!flow.free && std::abs(level - flow.level) <= kSameLevel * flow.level) {
      keep_old_rate(m.flow, index);
    } else {
      fix_flow(m.flow, flow.weight * level, level, index);
    }
  }
}

double FlowSolver::constraint_level(const Constraint& c) const {
  return std::max(c.remaining, 0.0) / c.weight_sum;
}

double FlowSolver::recompute_weight_sum(const Constraint& c) const {
  double sum = 0.0;
  for (const Member& m : members_of(c)) {
    const Flow& flow = flows_[m.flow];
    const bool growing = flow.stamp == stamp_ ? !flow.fixed : refill_;
    if (growing) sum += m.weighted;
  }
  return sum;
}

// Makes the top of the queue the perturbed constraint with the smallest level, refreshing stale
// keys (a key is a lower bound of its constraint's level); false when none with growing flows is left.
bool FlowSolver::settle_queue_top() {
  while (queue_.size() > 1) {
    QueueEntry& top = queue_.front();
    Constraint& c = constraints_[top.constraint];
    if (c.unfixed == 0) {  // every flow on it was fixed elsewhere
      queue_pop();
      continue;
    }
    if (c.weight_sum <= 0.0) c.weight_sum = recompute_weight_sum(c);  // cancellation ate the sum
    const std::uint64_t bits = key_bits(constraint_level(c));
    if (bits <= top.key_bits) return true;  // up to date (levels never fall); <= absorbs rounding
    top.key_bits = bits;
    queue_sift_down(0);
  }
  return false;
}

void FlowSolver::solve() {
  solved_.clear();
  if (!needs_solve()) return;
  // After a large cascade (many rates moved), the next one is likely large too: fill everything again.
  const std::size_t large_cascade = std::max(wide_min_flows_, live_flows_ / kRefillFraction);
  const bool refill = refill_enabled_ && moved_average_ > static_cast<double>(large_cascade);
  moved_count_ = 0;
  refill_count_ += refill ? 1 : 0;
  solve_pass(skip_slack_, refill);
  if (needs_solve()) {  // a skipped constraint went over: solve again with it (the last pass skips nothing)
    for (int pass = 1; pass <= kSkippingPasses && needs_solve(); ++pass) {
      ++slack_resolve_count_;
      solve_pass(pass < kSkippingPasses && skip_slack_, false);
    }
    std::sort(solved_.begin(), solved_.end());  // a flow moved by both passes is listed once
    solved_.erase(std::unique(solved_.begin(), solved_.end()), solved_.end());
  }
  ++solve_count_;
  flows_solved_total_ += solved_.size();
  moved_average_ += (static_cast<double>(moved_count_) - moved_average_) * kMovedAverageWeight;
}

// The final load of every skipped constraint must stay below (1 - kSlackMargin) of its capacity; one
// that does not is marked as if its capacity had dropped from infinity, so the next pass brings it
// in (see the header comment).
void FlowSolver::check_skipped() {
  for (const std::uint32_t index : skipped_) {
    Constraint& c = constraints_[index];
    const double limit = c.capacity * (1.0 - kSlackMargin);
    if (c.load <= limit * (1.0 - kLoadDrift)) continue;
    c.load = exact_load(c);
    if (c.load <= limit) continue;
    c.capacity_dropped = true;
    mark_constraint(index);
  }
}

double FlowSolver::exact_load(const Constraint& c) const {
  double total = 0.0;
  for (const Member& m : members_of(c)) total += m.coefficient * flows_[m.flow].rate;
  return total;
}

// One replay of the filling (see the header comment); skip_slack: skip slack constraints.
void FlowSolver::solve_pass(bool skip_slack, bool refill) {
  next_stamp();
  refill_ = refill;
  skip_slack_pass_ = skip_slack && !refill;
  skipped_.clear();
  events_.clear();
  start_events_.clear();
  start_next_ = 0;
  queue_.assign(1, QueueEntry{~std::uint64_t{0}, 0});  // the sentinel, above every key
  level_ = 0.0;
  wide_ = false;
  const std::size_t wide_threshold = std::max(wide_min_flows_, live_flows_ / kWideFraction);
  tracked_.clear();
  unmoved_.clear();
  perturbed_.clear();
  start_changes();
  // Replay the filling in level order. At equal levels a constraint saturates before an old-level
  // event (which then finds its flow fixed), after perturbations and bounds (either order gives
  // the same rates there).
  for (;;) {
    spread();
    if (!wide_ && tracked_.size() > wide_threshold) go_wide();
    const bool have_constraint = settle_queue_top();
    const bool from_starts = next_event_is_start();
    if (from_starts || !events_.empty()) {
      const Event event = from_starts ? start_events_[start_next_] : events_.front();
      const double constraint_level_now =
          have_constraint ? std::max(level_, key_level(queue_.front().key_bits)) : kUnbounded;
      if (event.level < constraint_level_now ||
          (event.level == constraint_level_now && event.kind != EventKind::old_level)) {
        if (from_starts) {
          ++start_next_;
        } else {
          pop_event();
        }
        level_ = std::max(level_, event.level);
        if (event.kind == EventKind::perturb) {
          const Constraint& c = constraints_[event.index];
          if (c.stamp != stamp_ && c.skip_stamp != stamp_) perturb(event.index);  // a skipped one stays out
        } else if (event.kind == EventKind::bound) {
          if (!flows_[event.index].fixed) fix_flow(event.index, effective_bound(event.index), level_, kByBound);
        } else {
          on_old_level(event.index);
        }
        continue;
      }
    } else if (!have_constraint) {
      break;
    }
    const std::uint32_t index = queue_.front().constraint;
    level_ = std::max(level_, key_level(queue_.front().key_bits));
    queue_pop();
    saturate(index, level_);
  }
  check_skipped();
  if (verify_each_solve_) verify_solve();
}

// ---- heaps ----------------------------------------------------------------------------------

void FlowSolver::push_event(double level, EventKind kind, std::uint32_t index) {
  events_.push_back(Event{level, kind, index});
  std::push_heap(events_.begin(), events_.end(), [](const Event& a, const Event& b) { return later_event(a, b); });
}

// True when the next flow event is the next one of start_events_ (sorted, consumed in order)
// rather than the top of the heap: together they come out in the heap's order.
bool FlowSolver::next_event_is_start() const {
  if (start_next_ == start_events_.size()) return false;
  return events_.empty() || later_event(events_.front(), start_events_[start_next_]);
}

void FlowSolver::pop_event() {
  std::pop_heap(events_.begin(), events_.end(), [](const Event& a, const Event& b) { return later_event(a, b); });
  events_.pop_back();
}

std::uint64_t FlowSolver::key_bits(double level) {
  if (!(level > 0.0)) return 0;  // +0, -0 (rounding) and NaN guard: level 0
  return std::bit_cast<std::uint64_t>(level);
}

double FlowSolver::key_level(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}

// queue_ holds the heap, then a sentinel with the largest key.
void FlowSolver::queue_push(QueueEntry entry) {
  std::size_t hole = queue_.size() - 1;
  queue_.push_back(queue_.back());  // the sentinel moves up one place
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / 2;
    if (queue_[parent].key_bits <= entry.key_bits) break;
    queue_[hole] = queue_[parent];
    hole = parent;
  }
  queue_[hole] = entry;
}

void FlowSolver::queue_pop() {
  const std::size_t last = queue_.size() - 2;
  queue_[0] = queue_[last];
  queue_[last] = queue_.back();  // the sentinel moves down
  queue_.pop_back();
  if (last > 0) queue_sift_down(0);
}

// Branch-light sift-down: the sentinel (largest key) after the last entry lets the smaller child be
// chosen without a bounds test. Equal keys may come out in any (deterministic) order: equal levels
// give equal rates.
void FlowSolver::queue_sift_down(std::size_t hole) {
  const QueueEntry moving = queue_[hole];
  const std::size_t size = queue_.size() - 1;
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
