// Reference solver for the flow tests: weighted max-min fairness by progressive filling,
// recomputed from scratch in every round (quadratic, deliberately simple, no incremental state).
//
// Each round computes, for every shared constraint with unfixed flows, its saturation level
//   (C_c - sum over fixed flows of a_fc r_f) / (sum over unfixed flows of a_fc w_f),
// and for every unfixed flow its bound level b_f / w_f, where b_f = min(B_f, C_c / a_fc over its
// fatpipe constraints). The smallest level wins (a bound on ties): a bound fixes its flow at b_f,
// a constraint fixes all its unfixed flows at w_f times the level. A flow crossing no shared
// constraint gets b_f. Repeated constraints in a flow's list add their coefficients.
// Also a tiny SplitMix64 generator (Steele, Lea & Flood 2014) for seeded, portable test inputs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/flow_solver.hpp"

namespace clustersim::sim::reference {

struct Constraint {
  double capacity = 0.0;
  SharingPolicy policy = SharingPolicy::shared;
};

struct Flow {
  double weight = 1.0;
  double bound = std::numeric_limits<double>::infinity();
  std::vector<FlowUse> uses;
};

inline std::vector<double> max_min_rates(const std::vector<Constraint>& constraints, const std::vector<Flow>& flows) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t n = flows.size();
  std::vector<double> rate(n, 0.0);
  std::vector<bool> fixed(n, false);
  std::vector<double> bound(n, inf);
  std::vector<bool> has_shared(n, false);
  for (std::size_t f = 0; f < n; ++f) {
    bound[f] = flows[f].bound;
    std::vector<double> fatpipe_coefficient(constraints.size(), 0.0);
    for (const FlowUse& use : flows[f].uses) {
      if (constraints[use.constraint.value].policy == SharingPolicy::shared) {
        has_shared[f] = true;
      } else {
        fatpipe_coefficient[use.constraint.value] += use.coefficient;
      }
    }
    for (std::size_t c = 0; c < constraints.size(); ++c) {
      if (fatpipe_coefficient[c] > 0.0) bound[f] = std::min(bound[f], constraints[c].capacity / fatpipe_coefficient[c]);
    }
    if (!has_shared[f]) {
      rate[f] = bound[f];
      fixed[f] = true;
    }
  }
  for (;;) {
    double best_constraint_level = inf;
    std::size_t best_constraint = constraints.size();
    for (std::size_t c = 0; c < constraints.size(); ++c) {
      if (constraints[c].policy != SharingPolicy::shared) continue;
      double used = 0.0;
      double weights = 0.0;
      for (std::size_t f = 0; f < n; ++f) {
        for (const FlowUse& use : flows[f].uses) {
          if (use.constraint.value != c) continue;
          if (fixed[f]) {
            used += use.coefficient * rate[f];
          } else {
            weights += use.coefficient * flows[f].weight;
          }
        }
      }
      if (weights <= 0.0) continue;
      const double level = std::max(0.0, constraints[c].capacity - used) / weights;
      if (level < best_constraint_level) {
        best_constraint_level = level;
        best_constraint = c;
      }
    }
    double best_bound_level = inf;
    std::size_t best_bound = n;
    for (std::size_t f = 0; f < n; ++f) {
      if (fixed[f] || bound[f] == inf) continue;
      const double level = bound[f] / flows[f].weight;
      if (level < best_bound_level) {
        best_bound_level = level;
        best_bound = f;
      }
    }
    if (best_bound == n && best_constraint == constraints.size()) break;
    if (best_bound != n && best_bound_level <= best_constraint_level) {
      rate[best_bound] = bound[best_bound];
      fixed[best_bound] = true;
      continue;
    }
    for (std::size_t f = 0; f < n; ++f) {
      if (fixed[f]) continue;
      for (const FlowUse& use : flows[f].uses) {
        if (use.constraint.value == best_constraint) {
          rate[f] = flows[f].weight * best_constraint_level;
          fixed[f] = true;
          break;
        }
      }
    }
  }
  return rate;
}

// SplitMix64: a tiny portable generator for test inputs.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform01(); }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }  // slight bias is fine here
  bool chance(double p) { return uniform01() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace clustersim::sim::reference
