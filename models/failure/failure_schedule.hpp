// FailureSchedule: the time-ordered failures of a cluster over [0, horizon), drawn lazily.
//
// Model. Causes are independent. Each cause's components fail and are replaced at once by new ones
// (a renewal process per component): repair time and whether a job is running do not delay the
// replacement's lifetime, which starts at the failure instant. For exponential causes this changes
// nothing (memoryless); for Weibull causes it is the usual renewal assumption and slightly overstates
// the failures of a component that spends long in repair (repair_time << mean lifetime in practice).
// The schedule does not model repairs or spares: the campaign model applies repair_time and the
// blast radius (failure_cause.hpp) to each event.
//
// Sampling, per cause i with population P_i and rate r_i per component-hour:
//   exponential: superposition. The P_i Poisson processes merge into one of rate r_i P_i, so the gap
//     to the next failure is Exp(r_i P_i) and the failed component is uniform on [0, P_i).
//     O(1) time per failure and O(1) memory.
//   weibull(k): one renewal process per component, scale s = 1 / (r_i Gamma(1 + 1/k)) so the mean
//     lifetime is 1 / r_i; a min-heap holds each component's next failure time.
//     O(log P_i) time per failure and O(P_i) memory.
// Causes are merged by a min-heap of their next failure times: O(log C) per failure for C causes.
// Ties (same nanosecond) go to the lower cause index, then the lower component index.
//
// Start of a Weibull fleet (FleetAge):
//   stationary (default): the fleet has been running long enough to be in renewal equilibrium, so
//     E[failures in [0, H]] = r_i P_i H exactly, as for exponential causes. The lifetime covering
//     time 0 is length-biased, L = s G^(1/k) with G ~ Gamma(1 + 1/k) (gamma_sample.hpp), and the
//     first failure comes after the residual U x L, U ~ U[0, 1) (Cox, "Renewal Theory", 1962).
//   new_at_start: every component is new at time 0; its first failure is a plain Weibull(k, s) draw.
//     With k > 1 (wear-out) a new fleet fails less than r_i P_i H early on, with k < 1 more.
//
// Determinism and independence. Cause i draws only from
//   RandomStream::for_entity(master_seed, "failure/" + name_i),
// in a fixed order (exponential: gap then component for each failure; Weibull: the initial draws for
// components 0..P_i-1, then one lifetime per failure in time order). So the same inputs and seed give
// the same sequence, adding or removing a cause leaves the other causes' failures unchanged, and a
// longer horizon extends the sequence without changing its prefix. Times are rounded to the nearest
// nanosecond; a failure at or after the horizon is never returned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

#include "models/failure/failure_cause.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace clustersim::models::failure {

enum class FleetAge { stationary, new_at_start };

struct FailureEvent {
  sim::SimTime time;
  std::size_t cause = 0;       // index into the cause list
  std::int64_t component = 0;  // index within the cause's population (a GPU, a leaf switch)
  NodeRange nodes;             // the nodes the component serves: one node, or every node below a leaf

  friend bool operator==(const FailureEvent&, const FailureEvent&) = default;
};

class FailureSchedule {
 public:
  // Validates everything first (validate_causes with path "failure.causes", nodes >= 1, horizon >= 0)
  // and throws std::invalid_argument naming the field.
  FailureSchedule(std::vector<FailureCause> causes, std::int64_t nodes, std::uint64_t master_seed, sim::SimTime horizon,
                  FleetAge fleet_age = FleetAge::stationary);

  // The next failure in time order, or nullopt once the next one would be at or after the horizon.
  std::optional<FailureEvent> next();

  const std::vector<FailureCause>& causes() const { return causes_; }
  const ComponentLayout& layout(std::size_t cause) const { return cause_state_.at(cause).layout; }
  std::int64_t nodes() const { return nodes_; }
  sim::SimTime horizon() const { return horizon_; }

 private:
  using TimedIndex = std::pair<sim::SimTime, std::int64_t>;  // (next failure time, component or cause)
  using MinHeap = std::priority_queue<TimedIndex, std::vector<TimedIndex>, std::greater<>>;

  struct CauseState {
    CauseState(sim::RandomStream stream, ComponentLayout cause_layout) : rng(stream), layout(cause_layout) {}
    sim::RandomStream rng;
    ComponentLayout layout;
    double events_per_s = 0;            // exponential: r P / 3600
    double weibull_shape = 1;           // weibull: k
    double weibull_scale_s = 0;         // weibull: s in seconds
    std::optional<TimedIndex> pending;  // exponential: the next (time, component)
    MinHeap components;                 // weibull: next failure time of each component
  };

  void start_cause(std::size_t index);
  // Exponential causes: draws the failure after the one at `now` into state.pending (nullopt past the horizon).
  void draw_exponential(CauseState& state, sim::SimTime now) const;
  // now + gap_s when it falls before the horizon (gap_s >= 0, possibly infinite).
  std::optional<sim::SimTime> before_horizon(sim::SimTime now, double gap_s) const;
  std::optional<sim::SimTime> next_time(const CauseState& state) const;

  std::vector<FailureCause> causes_;
  std::int64_t nodes_;
  sim::SimTime horizon_;
  FleetAge fleet_age_;
  std::vector<CauseState> cause_state_;
  MinHeap causes_by_time_;  // (next failure time, cause index) of every cause with one before the horizon
};

}  // namespace clustersim::models::failure
