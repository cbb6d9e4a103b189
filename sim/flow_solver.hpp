// FlowSolver: weighted max-min fair sharing of constraints (links, ports, servers) among flows.
//
// Model. A constraint c has a capacity C_c (units/s, finite, >= 0) and a sharing policy:
//   shared:  sum over flows f on c of a_fc * r_f <= C_c      (a link direction, a disk channel)
//   fatpipe: a_fc * r_f <= C_c for every flow f on c alone  (a backplane nobody saturates together)
// A flow f has a weight w_f > 0, an optional rate bound B_f and a list of (constraint, a_fc > 0)
// pairs; a constraint listed twice is merged by adding its coefficients. A fatpipe constraint is a
// per-flow bound C_c / a_fc, so flow f is effectively bounded by b_f = min(B_f, min_fatpipe C_c/a_fc).
//
// Allocation: weighted max-min fairness by progressive filling. Every unfixed flow's rate grows as
// w_f * x with a common level x. A shared constraint saturates at
//   x_c = (C_c - sum of a_fc * r_f over fixed flows) / (sum of a_fc * w_f over unfixed flows),
// a flow meets its bound at x_f = b_f / w_f. Repeatedly take the smallest of these levels (bounds
// first on ties); a saturated constraint fixes all its unfixed flows at w_f * x_c, a bound fixes
// its flow at b_f; subtract the fixed rates from the other constraints and continue until every
// flow is fixed. Capacity 0 gives its flows rate 0 (they stall). The result is the unique weighted
// max-min fair allocation: every flow is at its bound or crosses a saturated constraint on which
// no other flow has a larger r/w. This follows the progressive-filling description of SimGrid's
// LMM solver (Casanova, Giersch, Legrand, Quinson, Suter, JPDC 2014; Bertsekas & Gallager, "Data
// Networks", 6.5.2); the code here is our own.
//
// Cost and incrementality. Flows and constraints live in dense vectors indexed by small integers.
// Every change (a flow added or removed, a capacity changed) marks where it happened; solve() then
// re-solves only what a change can affect, in two ways.
//
// (1) Components: shared constraints joined by the flows crossing them (fatpipe constraints do not
// join flows). A component without a change keeps its rates.
//
// (2) Partial re-solve from a restart level L. Progressive filling is a sequence of events in level
// order; at level x a shared constraint's load is F_c(x) = sum over its flows of a_fc * w_f *
// min(x, l_f), where l_f is the level at which f is fixed (its rate over its weight). Every solve
// records l_f for each flow and, for each shared constraint, the level s_c at which it saturated
// and fixed flows (inf if it never did). Claim: if no event below L differs between the last
// filling and the new one, every flow with l_f < L keeps its rate, and filling the other flows from
// level L, with the frozen flows' rates subtracted from their constraints, gives the new allocation
// (it is exactly the state the full filling reaches at L). Below L, which events can differ?
//  - A shared constraint c whose flows or capacity changed: in the new instance it saturates at
//    the first x with F'_c(x) >= C'_c, where F'_c sums over its present flows with their old
//    levels and new flows as never fixed (inf) -- valid while no other event differed; in the old
//    one it saturated at s_c. Below L_c = min(s_c, that x) it neither saturated in the old filling
//    nor does in the new one, so it fixes nobody in either. This covers a removed flow (its
//    constraints saturate no earlier), an added one (its load w*x starts at level 0, so its
//    constraints may saturate earlier, found by the walk over F'_c), a capacity increase (c
//    saturates no earlier than s_c) and a decrease (the walk finds the earlier level), and a
//    capacity of 0 (L_c = 0: everything touching it re-solves). A removed flow's only influence
//    on others is through its constraints, so L <= the levels of its bottlenecks.
//  - A flow whose effective bound b_f = min(B_f, fatpipe limits) changed (a fatpipe capacity
//    change): below min(l_f, b'_f / w_f) it is unfixed in both fillings and loads its constraints
//    identically. A new flow's own bound can only lower its load, so it never lowers L.
//  - Constraints and flows not touched see the same loads below L by induction over the events,
//    and weights enter only through a_fc * w_f, the same in both fillings.
// So L = min over the touched items, lowered by a relative 1e-9 so that rounding in the levels can
// only re-solve more flows, never fewer. The re-solved set is further cut to the flows with
// l_f >= L reachable from a change through such flows and shared constraints: filling from L
// decomposes into the components of the graph of unfrozen flows, and a component without a
// change has the same frozen loads and flows as before, so the same result. In churn (a flow
// completes, another starts) this re-solves about half of the flows of the component.
//
// The re-solve costs about O(E' + K' log K') for E' (flow, constraint) pairs of the visited
// constraints and K' visited constraints, using a binary heap over constraints keyed by their
// saturation level. Fixing flows can only raise the levels of the other constraints, so keys are
// refreshed lazily, when a constraint reaches the top. Results depend only on the sequence of calls
// (no hashing, no pointer order); a partial re-solve agrees with a full one up to rounding (the
// frozen rates are subtracted in another order), checked against a from-scratch reference by the
// property tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace clustersim::sim {

enum class SharingPolicy { shared, fatpipe };

// Dense index of a constraint in its solver (or flow network). Default-constructed: none.
struct ConstraintId {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t value = kNone;
  bool valid() const { return value != kNone; }
  friend bool operator==(ConstraintId, ConstraintId) = default;
};

// One constraint a flow crosses, with the units of that constraint one unit of the flow uses.
struct FlowUse {
  ConstraintId constraint;
  double coefficient = 1.0;
};

class FlowSolver {
 public:
  using FlowIndex = std::uint32_t;
  static constexpr double kUnbounded = std::numeric_limits<double>::infinity();

  // Constraints are never removed (set the capacity to 0 to take one out of service).
  ConstraintId add_constraint(double capacity_per_s, SharingPolicy policy);
  void set_capacity(ConstraintId id, double capacity_per_s);
  double capacity(ConstraintId id) const;
  SharingPolicy policy(ConstraintId id) const;
  std::size_t constraint_count() const { return constraints_.size(); }
  // Rate in use on the constraint after the last solve: sum of a*r (shared) or max a*r (fatpipe).
  double load(ConstraintId id) const;
  std::size_t flow_count_on(ConstraintId id) const;

  // rate_bound_per_s = kUnbounded for none. Needs a shared constraint, a fatpipe or a finite bound,
  // otherwise the rate would be infinite. The rate is 0 until the next solve().
  FlowIndex add_flow(double weight, double rate_bound_per_s, std::span<const FlowUse> uses);
  void remove_flow(FlowIndex flow);
  bool contains(FlowIndex flow) const { return flow < flows_.size() && flows_[flow].alive; }
  std::size_t flow_count() const { return live_flows_; }
  double rate(FlowIndex flow) const {
    if (!contains(flow)) throw_no_flow(flow, "rate");
    return flows_[flow].rate;
  }
  double weight(FlowIndex flow) const;

  // True when a change since the last solve() has not been solved yet.
  bool needs_solve() const { return !dirty_constraints_.empty() || !dirty_flows_.empty(); }
  // Re-solve every component touched since the last call. No-op when nothing changed.
  void solve();
  // The flows whose rates the last solve() recomputed (unchanged or not), in a deterministic order.
  std::span<const FlowIndex> solved_flows() const { return solved_; }
  std::uint64_t solve_count() const { return solve_count_; }                // solve() calls that did work
  std::uint64_t flows_solved_total() const { return flows_solved_total_; }  // sum of solved_flows() sizes

 private:
  struct Edge {  // a flow's use of a constraint
    std::uint32_t constraint;
    std::uint32_t slot;  // index of the matching Member in the constraint's members
    double coefficient;
  };
  struct Member {  // a constraint's view of a flow crossing it
    std::uint32_t flow;
    std::uint32_t edge;  // index of the matching Edge in the flow's edges
    double coefficient;
    double weighted;  // coefficient * the flow's weight
  };
  struct Flow {                 // the fields read when scanning a constraint's members come first
    double level = kUnbounded;  // fill level at which the last solve fixed it (inf: never solved)
    double rate = 0.0;
    std::uint32_t stamp = 0;  // == solve stamp when visited by the current solve
    bool fixed = false;
    bool alive = false;
    bool dirty = false;
    double weight = 1.0;
    double bound = kUnbounded;      // the caller's bound
    double bound_eff = kUnbounded;  // scratch: min(bound, fatpipe limits)
    std::uint32_t edge_first = 0;   // its edges are edges_[edge_first, edge_first + edge_count)
    std::uint32_t edge_count = 0;
    std::uint32_t edge_capacity = 0;  // room reserved at edge_first for this slot's flows
    std::uint32_t shared_edges = 0;   // edges [0, shared_edges) are on shared constraints
  };
  Edge* edges_of(const Flow& flow) { return edges_.data() + flow.edge_first; }
  const Edge* edges_of(const Flow& flow) const { return edges_.data() + flow.edge_first; }
  struct Constraint {
    double capacity = 0.0;
    SharingPolicy policy = SharingPolicy::shared;
    bool dirty = false;
    std::uint32_t stamp = 0;
    std::uint32_t touch_stamp = 0;  // == solve stamp when its restart level was taken
    std::uint32_t unfixed = 0;
    double saturated_level = kUnbounded;  // level at which the last solve saturated it (inf: never)
    double remaining = 0.0;               // scratch: capacity minus the rates of fixed flows
    double weight_sum = 0.0;              // scratch: sum of a*w over unfixed flows
    std::vector<Member> members;
  };
  struct BoundEvent {
    double level;
    FlowIndex flow;
  };

  void check_constraint(ConstraintId id, const char* what) const;
  void check_flow(FlowIndex flow, const char* what) const;
  [[noreturn]] static void throw_no_flow(FlowIndex flow, const char* what);
  void mark_constraint(std::uint32_t c);
  void mark_flow(FlowIndex f);
  void next_stamp();
  void visit_constraint(std::uint32_t c);
  void visit_flow(FlowIndex f);
  void fix_flow(FlowIndex f, double rate, double level);
  double restart_level();
  double constraint_restart_level(std::uint32_t c);
  double effective_bound(const Flow& flow) const;
  bool settle_queue_top();
  double recompute_weight_sum(const Constraint& c) const;

  // Priority queue of (level, constraint) for progressive filling: a binary min-heap keyed by the bit
  // patterns of non-negative doubles (which order like the numbers).
  // Built bottom-up at the start of filling; a stale key (a lower bound) at the top is raised in place
  // and sifted down. queue_last_ is the largest key taken so far (filling levels only rise).
  struct QueueEntry {
    std::uint64_t key_bits;
    std::uint32_t constraint;
  };
  static std::uint64_t key_bits(double level);
  static double key_level(std::uint64_t bits);
  void queue_clear();
  void queue_pop();
  void queue_sift_down(std::size_t hole);
  std::uint64_t queue_last_ = 0;
  std::size_t queue_size_ = 0;
  std::vector<QueueEntry> queue_;  // queue_size_ entries, then a sentinel

  std::vector<Constraint> constraints_;
  std::vector<Flow> flows_;
  std::vector<Edge> edges_;  // every flow's edges, pooled; a slot's range is reused by its next flow
  std::vector<Edge> edge_scratch_;
  std::vector<FlowIndex> free_flows_;
  std::size_t live_flows_ = 0;
  std::vector<std::uint32_t> dirty_constraints_;
  std::vector<FlowIndex> dirty_flows_;
  std::uint32_t stamp_ = 0;
  std::size_t unfixed_flows_ = 0;  // scratch: flows of the current solve not fixed yet
  std::uint64_t solve_count_ = 0;
  std::uint64_t flows_solved_total_ = 0;
  // Scratch of one solve, kept to reuse their storage.
  std::vector<FlowIndex> solved_;
  std::vector<std::uint32_t> component_constraints_;
  std::vector<BoundEvent> bound_events_;
  struct LevelWeight {
    double level;
    double weighted;
  };
  std::vector<LevelWeight> level_scratch_;  // (level, a*w) of one constraint's members
  double restart_ = 0.0;                    // scratch: flows fixed below this level stay frozen
};

}  // namespace clustersim::sim
