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
// Every change (a flow added or removed, a capacity changed) marks where it happened; solve()
// then re-solves only the connected components (shared constraints joined by the flows crossing
// them; fatpipe constraints do not join flows) that contain a marked item, in
// about O(E + K) for E (flow, constraint) pairs and K constraints in those components, using a
// monotone radix heap over constraints keyed by their saturation level. Fixing flows can only raise
// the levels of the other constraints, so keys are refreshed lazily, when a constraint reaches the top. Results depend
// only on the sequence of calls (no hashing, no pointer order).
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
  struct Flow {
    double weight = 1.0;
    double bound = kUnbounded;  // the caller's bound
    double rate = 0.0;
    double bound_eff = kUnbounded;   // scratch: min(bound, fatpipe limits)
    std::uint32_t stamp = 0;         // == solve stamp when visited by the current solve
    std::uint32_t shared_edges = 0;  // edges [0, shared_edges) are on shared constraints
    bool alive = false;
    bool fixed = false;
    bool dirty = false;
    std::vector<Edge> edges;
  };
  struct Constraint {
    double capacity = 0.0;
    SharingPolicy policy = SharingPolicy::shared;
    bool dirty = false;
    std::uint32_t stamp = 0;
    std::uint32_t unfixed = 0;
    double remaining = 0.0;   // scratch: capacity minus the rates of fixed flows
    double weight_sum = 0.0;  // scratch: sum of a*w over unfixed flows
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
  void fix_flow(FlowIndex f, double rate);
  bool settle_queue_top();
  double recompute_weight_sum(const Constraint& c) const;

  // Monotone priority queue of (level, constraint) for progressive filling: a radix heap (Ahuja,
  // Mehlhorn, Orlin & Tarjan 1990) over the bit patterns of non-negative doubles, which order like
  // the numbers. Keys pushed are never below the last key taken, which filling guarantees (levels
  // only rise). Entries equal to the last key sit in bucket 0; bucket i > 0 holds keys whose highest
  // bit differing from the last key is bit i - 1.
  struct QueueEntry {
    std::uint64_t key_bits;
    std::uint32_t constraint;
  };
  static std::uint64_t key_bits(double level);
  static double key_level(std::uint64_t bits);
  void queue_clear();
  void queue_push(double level, std::uint32_t constraint);
  bool queue_settle();  // moves the smallest keys into bucket 0; false when empty
  std::uint64_t queue_last_ = 0;
  std::size_t queue_size_ = 0;
  std::vector<QueueEntry> queue_buckets_[65];

  std::vector<Constraint> constraints_;
  std::vector<Flow> flows_;
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
};

}  // namespace clustersim::sim
