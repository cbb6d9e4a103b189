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
// Incremental re-solve. Every solve records, for each flow, the level l_f at which it was fixed and
// its bottleneck (the shared constraint that fixed it, or its bound), and for each shared constraint
// the level s_c at which it saturated (inf if it never did). A change (a flow added or removed, a
// capacity changed) marks where it happened; solve() then replays progressive filling in level
// order, but only for the constraints whose load may differ from the last filling ("perturbed") and
// the flows on them:
//  - A perturbed constraint c is tracked exactly from the level x at which it becomes perturbed:
//    its members fixed below x (untouched flows with l_f < x, or flows already fixed by this
//    solve) are subtracted from its capacity, the others count as growing. Every growing member
//    that is not yet known to deviate gets an "old level" event at l_f.
//  - An unperturbed constraint saturates at s_c as before, fixing the same flows at the same rates:
//    nothing needs to be done for it. A flow all of whose constraints stay unperturbed keeps its
//    rate and is never visited.
//  - At its old level a tracked flow is fixed at its old rate if its bottleneck is unperturbed (or
//    is its bound, unchanged) or is perturbed but saturates there (relative 1e-12); otherwise it
//    deviates: it keeps growing, and its constraints become perturbed (their load now differs).
//  - A perturbed constraint that saturates at x fixes its growing members at w_f * x; a member
//    fixed at a level other than l_f deviates (its constraints become perturbed at x).
//  - Where changes start: a shared constraint whose flows or capacity changed becomes perturbed at
//    L_c = min(s_c, x'), x' the first level at which its present members, each growing as w*x up
//    to its old level (new flows without limit), fill its present capacity: below L_c it
//    saturates in neither filling, so it fixes nobody in either and its change cannot be seen
//    there. This covers a removed flow (its constraints saturate no earlier), an added one (its
//    load w*x starts at level 0), capacity increases and decreases, and capacity 0 (L_c = 0). A
//    flow whose effective bound b_f = min(B_f, fatpipe limits) changed loads its constraints as
//    before below min(l_f, b'_f / w_f), where they become perturbed. A new flow is growing from
//    level 0 and its constraints become perturbed at their own L_c. Levels L_c are lowered by a
//    relative 1e-9 so that rounding can only perturb more, never less.
// By induction over the events in level order, every unperturbed constraint and untouched flow
// sees the same loads as in the last filling, so the result is the new max-min allocation.
// solved_flows() lists the flows given a new rate: in churn (a flow completes, another starts),
// the flows whose rates move and the members of their constraints, not the whole component.
//
// Large cascades. Where a change moves most of a large component, per-flow events cost more than
// plain filling; two exact ways out:
//  - Going wide: a solve that has tracked a quarter of the flows makes every tracked flow and every
//    flow met from then on free, and perturbs their constraints at once (filling everything
//    reachable above the present level).
//  - Refill: when a moving average of the flows moved per solve (rates above 0 that changed, weight
//    1/4 for the last solve) exceeds an eighth of the flows, the next solve fills everything again
//    from level 0. Every shared constraint with flows starts perturbed with all its flows growing,
//    so setting it up reads only its members' a*w, in order; no flow is touched before a
//    constraint fixes it.
//
// Slack constraints are skipped. A constraint that did not saturate in the last filling fixes no
// flow; if it does not saturate in the new one either, it does not matter to the allocation.
// Formally: let E be the constraints a pass skips. The last filling of P (the old problem) is also
// the filling of P without E, since no constraint of E ever saturated in it; the pass computes the
// filling of P' without E (P' the new problem) incrementally from it, exactly as above. If the
// final rates keep every constraint of E below its capacity, that allocation is feasible for P' and
// every flow keeps its bottleneck, so it is the max-min allocation of P' (and the filling of P',
// E saturating nowhere). A pass therefore skips, when it first reaches it through a flow, a shared
// constraint that did not saturate last time (s_c = inf), has no start of perturbation scheduled
// from a change of its own (capacity dropped, flow added) and is loaded below 99% of its
// capacity; it only sums the rate changes of its flows into its load (sum of a*r, kept up to date
// by every rate change and recomputed exactly whenever a constraint is perturbed). At the end of
// the pass, a skipped constraint above (1 - 1e-9) of its capacity (load recomputed exactly first)
// is marked as if its capacity had dropped from infinity, and a second pass brings it in from the
// level at which it starts to fill (the restart level above). A second pass may skip again; a third
// skips nothing. A wide solve skips no constraint it meets after going wide.
//
// Data structures. Flows and constraints live in dense vectors indexed by small integers (a flow's
// fields read by member scans in their own 32-byte array); a flow's edges and a constraint's members
// are ranges of two shared pools, so adding and removing flows allocates nothing once warm. The
// perturbed constraints sit in a binary heap keyed by their saturation level; fixing flows can only
// raise the levels of the other constraints, so keys are refreshed lazily, when a constraint reaches
// the top. Flow events (old levels, bounds) sit in a second heap ordered by (level, kind, index);
// the starts of perturbation, all known before the replay, are sorted once (a radix sort for large
// batches such as a burst of new flows) and merged with that heap in the same order.
// bench/RESULTS.md ("Why the flow solver is built this way") has the measurements behind these
// choices and the alternatives that were tried.
//
// Determinism and checks. Results depend only on the sequence of calls (no hashing, no pointer
// order); a re-solve agrees with a from-scratch one up to rounding, checked against a from-scratch
// reference by the property tests. verify_allocation() checks that no shared constraint is above
// capacity and that every flow is bottlenecked, over all flows. Debug builds (and tests, with
// set_verify_each_solve) check the same after every solve, on what the solve changed: the
// constraints it perturbed (their loads) and the flows it touched (bound and bottleneck). That
// suffices when the previous allocation passed: an untouched flow's rate and the loads and
// rate/weight maxima of unperturbed constraints did not change.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
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
  // Re-solve what the changes since the last call affect. No-op when nothing changed.
  void solve();
  // The flows whose rates the last solve() changed (new flows given a rate above 0 included), in a
  // deterministic order, each once. A flow fixed again at exactly its previous rate is not listed,
  // except after a second pass (see the header comment), which may list a flow that a first pass
  // moved and the second moved back.
  std::span<const FlowIndex> solved_flows() const { return solved_; }
  std::uint64_t solve_count() const { return solve_count_; }                // solve() calls that did work
  std::uint64_t flows_solved_total() const { return flows_solved_total_; }  // sum of solved_flows() sizes

  // Checks the allocation of the last solve: no shared constraint above its capacity, no flow
  // above its effective bound, and every other flow crosses a saturated shared constraint on which
  // no flow has a larger rate / weight (all relative `tolerance`). Returns "" or what is wrong.
  // O(flow, constraint pairs).
  std::string verify_allocation(double tolerance = 1e-9) const;
  // Check what every solve() changed (see the header comment) and throw std::logic_error naming the
  // violation. On by default in debug (non-NDEBUG) builds; tests turn it on in release builds.
  // Cost: the members of the constraints of the touched flows.
  void set_verify_each_solve(bool on) { verify_each_solve_ = on; }
  // A solve that has tracked more than max(min_flows, live flows / 4) flows goes wide (fills
  // everything it reaches, see go_wide()); when the moving average of the flows moved per solve
  // exceeds max(min_flows, live flows / 8), the next solve refills everything (see the header
  // comment). Only speed depends on it; tests lower it to cover every way.
  void set_wide_min_flows(std::size_t min_flows) { wide_min_flows_ = min_flows; }
  // Skip slack constraints, and refill after large cascades (both on by default; see the header
  // comment). Only speed depends on them; tests turn them off to cover the other ways.
  void set_skip_slack_constraints(bool on) { skip_slack_ = on; }
  void set_refill(bool on) { refill_enabled_ = on; }
  std::uint64_t refill_count() const { return refill_count_; }          // solves that filled everything again
  std::uint64_t slack_skip_count() const { return slack_skip_count_; }  // constraints skipped, over all passes
  // Passes run again because a skipped constraint went over its capacity.
  std::uint64_t slack_resolve_count() const { return slack_resolve_count_; }

 private:
  struct Edge {  // a flow's use of a constraint
    std::uint32_t constraint;
    std::uint32_t slot;  // index of the matching Member in the constraint's members
    double coefficient;
  };
  struct Member {  // a constraint's view of a flow crossing it
    std::uint32_t flow;
    std::uint32_t edge;  // index of the matching Edge in edges_ (a flow's edges stay put while it lives)
    double coefficient;
    double weighted;  // coefficient * the flow's weight
  };
  static constexpr std::uint32_t kByBound = std::numeric_limits<std::uint32_t>::max();
  // A flow's edges and a constraint's members are ranges [first, first + count) of two pools, with
  // room for `capacity` items at first. A range that outgrows its room moves to the end of its pool
  // (room doubled; the old room is left unused), so there is no allocation per flow or constraint
  // and a pool holds at most twice the room of its ranges. Freed flow slots keep their room.
  struct Range {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::uint32_t capacity = 0;
  };
  template <class Item>
  static void reserve(std::vector<Item>& pool, Range& range, std::uint32_t count);
  // A flow is split in two structures of arrays indexed by flow: what scanning a constraint's
  // members reads (32 bytes, two flows per cache line) and the rest.
  struct Flow {
    double level = kUnbounded;  // fill level at which the last solve fixed it (inf: never solved)
    double rate = 0.0;
    double weight = 1.0;
    std::uint32_t stamp = 0;  // == solve stamp when touched by the current solve
    bool fixed = false;       // touched and fixed by the current solve
    bool free = false;        // touched and known to depart from the last filling (or new)
    bool alive = false;
    bool dirty = false;
  };
  struct FlowPath {
    Range edges;                          // in edges_
    std::uint32_t shared_edges = 0;       // edges [0, shared_edges) are on shared constraints
    std::uint32_t bottleneck = kByBound;  // constraint that fixed it last time, or kByBound
    double bound = kUnbounded;            // the caller's bound
  };
  Edge* edges_of(FlowIndex f) { return edges_.data() + paths_[f].edges.first; }
  const Edge* edges_of(FlowIndex f) const { return edges_.data() + paths_[f].edges.first; }
  struct Constraint {
    double capacity = 0.0;
    SharingPolicy policy = SharingPolicy::shared;
    bool dirty = false;
    bool capacity_dropped = false;  // lowered since the last solve
    std::uint32_t stamp = 0;        // == solve stamp when perturbed in the current solve
    std::uint32_t touch_stamp = 0;  // == solve stamp when its start of perturbation was scheduled
    std::uint32_t skip_stamp = 0;   // == solve stamp when listed in skipped_
    std::uint32_t unfixed = 0;
    double saturated_level = kUnbounded;  // level at which the last solve saturated it (inf: never)
    double remaining = 0.0;               // scratch: capacity minus the rates of fixed flows
    double weight_sum = 0.0;              // scratch: sum of a*w over growing flows
    double load = 0.0;                    // sum of a*r over members, kept up to date by rate changes
    Range members;                        // in members_
  };
  std::span<Member> members_of(const Constraint& c) { return {members_.data() + c.members.first, c.members.count}; }
  std::span<const Member> members_of(const Constraint& c) const {
    return {members_.data() + c.members.first, c.members.count};
  }
  // Events of the flow heap; at equal levels perturbations come first, then bounds, then old levels.
  enum class EventKind : std::uint8_t { perturb, bound, old_level };
  struct Event {
    double level;
    EventKind kind;
    std::uint32_t index;  // constraint (perturb) or flow
  };

  void check_constraint(ConstraintId id, const char* what) const;
  void check_flow(FlowIndex flow, const char* what) const;
  [[noreturn]] static void throw_no_flow(FlowIndex flow, const char* what);
  static std::string number(double value);  // all 17 digits, for messages
  void mark_constraint(std::uint32_t c);
  void mark_flow(FlowIndex f);
  void next_stamp();
  double effective_bound(FlowIndex f) const;
  double constraint_restart_level(std::uint32_t c);
  void schedule_perturbation(std::uint32_t c, double level);
  void start_changes();
  void touch_flow(FlowIndex f, bool free);
  void make_free(FlowIndex f);
  void perturb(std::uint32_t c);
  void fix_flow(FlowIndex f, double rate, double level, std::uint32_t bottleneck);
  void keep_old_rate(FlowIndex f, std::uint32_t bottleneck);
  void push_bound_event(FlowIndex f);
  std::string check_constraint_load(std::uint32_t c, double tolerance) const;
  std::string check_flow_bottleneck(FlowIndex f, double tolerance) const;
  void verify_solve() const;
  void go_wide();
  void spread();
  void reach_constraints(FlowIndex f);
  bool skips(std::uint32_t c);
  void solve_pass(bool skip_slack, bool refill);
  void start_refill();
  bool is_bounded(FlowIndex f) const;
  void check_skipped();
  double exact_load(const Constraint& c) const;
  void on_old_level(FlowIndex f);
  void saturate(std::uint32_t c, double level);
  double constraint_level(const Constraint& c) const;
  bool settle_queue_top();
  double recompute_weight_sum(const Constraint& c) const;
  void push_event(double level, EventKind kind, std::uint32_t index);
  void pop_event();
  bool next_event_is_start() const;
  void sort_start_events();

  // Binary min-heap of (level, constraint) over perturbed constraints, keyed by the bit patterns of
  // non-negative doubles (which order like the numbers). A stale key (a lower bound) at the top is
  // raised in place and sifted down.
  struct QueueEntry {
    std::uint64_t key_bits;
    std::uint32_t constraint;
  };
  static std::uint64_t key_bits(double level);
  static double key_level(std::uint64_t bits);
  void queue_push(QueueEntry entry);
  void queue_pop();
  void queue_sift_down(std::size_t hole);
  std::vector<QueueEntry> queue_;

  std::vector<Constraint> constraints_;
  std::vector<Flow> flows_;
  std::vector<FlowPath> paths_;  // indexed like flows_
  std::vector<Edge> edges_;      // every flow's edges, pooled; a slot's range is reused by its next flow
  std::vector<Member> members_;  // every constraint's members, pooled
  std::vector<Edge> edge_scratch_;
  std::vector<FlowIndex> free_flows_;
  std::size_t live_flows_ = 0;
  std::vector<std::uint32_t> dirty_constraints_;
  std::vector<FlowIndex> dirty_flows_;
  std::uint32_t stamp_ = 0;
  double level_ = 0.0;  // scratch: the filling level reached by the current solve
  std::size_t wide_min_flows_ = 1024;
  std::size_t moved_count_ = 0;  // scratch: flows with a rate above 0 that the current solve moved
  double moved_average_ = 0.0;   // moving average of moved_count_ over the last solves
  bool wide_ = false;            // scratch: the current solve fills everything it reaches (see go_wide())
  bool skip_slack_ = true;
  bool refill_enabled_ = true;
  bool refill_ = false;                 // scratch: the current pass fills everything again (see start_refill())
  std::size_t bounded_flows_ = 0;       // live flows for which is_bounded()
  bool skip_slack_pass_ = false;        // scratch: the current pass skips slack constraints
  std::vector<std::uint32_t> skipped_;  // scratch: constraints the current pass skips
  std::uint64_t slack_skip_count_ = 0;
  std::uint64_t refill_count_ = 0;
  std::uint64_t slack_resolve_count_ = 0;
  std::vector<FlowIndex> tracked_;        // scratch: flows tracked by the current solve
  std::vector<FlowIndex> unmoved_;        // scratch: flows fixed again at their old rate (kept for the check)
  std::vector<FlowIndex> spread_;         // scratch: free flows whose constraints are not all perturbed yet
  std::vector<std::uint32_t> perturbed_;  // scratch: constraints perturbed by the current solve
  std::uint64_t solve_count_ = 0;
  std::uint64_t flows_solved_total_ = 0;
#ifdef NDEBUG
  bool verify_each_solve_ = false;
#else
  bool verify_each_solve_ = true;
#endif
  // Scratch of one solve, kept to reuse their storage.
  std::vector<FlowIndex> solved_;
  std::vector<Event> events_;        // binary min-heap
  std::vector<Event> start_events_;  // where the changes start, sorted once by start_changes()
  std::size_t start_next_ = 0;       // the first of start_events_ not consumed yet
  std::vector<Event> radix_scratch_;
  std::vector<std::array<std::uint32_t, 256>> radix_counts_;
  struct LevelWeight {
    double level;
    double weighted;
  };
  std::vector<LevelWeight> level_scratch_;  // (level, a*w) of one constraint's members
};

}  // namespace clustersim::sim
