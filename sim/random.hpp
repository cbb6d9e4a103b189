// Random streams: a portable pseudo-random generator and the distributions the models draw from.
//
// Generator: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021), 256 bits of state, period 2^256 - 1. The state is filled from the seed with
// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), which never yields the forbidden all-zero state
// in practice. Every formula below uses only integer arithmetic, IEEE-754 +,-,*,/,sqrt and the
// C library's log/log1p/exp/pow/cos, so a seed gives the same sequence on every platform with a
// correctly-rounded libm (glibc) and differs at most in the last bits elsewhere. std::
// distributions are never used: their algorithms are implementation-defined.
//
// Per-entity streams: for_entity(master, name) seeds with
//   seed = splitmix64_mix(splitmix64_mix(master) ^ fnv1a64(name))
// so an entity's stream depends only on the master seed and its own name, never on which other
// entities exist or the order in which they were created.
//
// Formulas (u is uniform01() in [0,1), -log1p(-u) is an Exp(1) draw in [0, ~36.7]):
//   uniform01          = (next_u64() >> 11) * 2^-53              (53 random bits)
//   uniform(a, b)      = a + (b - a) * u
//   exponential(rate)  = -ln(1 - u) / rate                         mean 1/rate
//   weibull(k, lambda) = lambda * (-ln(1 - u))^(1/k)               mean lambda * Gamma(1 + 1/k)
//   normal(m, s)       = m + s * sqrt(-2 ln(1 - u1)) * cos(2 pi u2)   (Box-Muller, no cached spare)
//   lognormal(mu, s)   = exp(normal(mu, s))                        mean exp(mu + s^2 / 2)
//   bernoulli(p)       = u < p
//   uniform_int(lo,hi) = lo + r mod n, n = hi - lo + 1, rejecting r < 2^64 mod n (unbiased)
//   discrete(w)        = first i with w_0 + ... + w_i > u * sum(w)
// Bad parameters (non-finite, out of range, empty or all-zero weights) throw std::invalid_argument
// naming the parameter and its value.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::sim {

// SplitMix64 finaliser: a bijective 64-bit mixing function.
std::uint64_t splitmix64_mix(std::uint64_t x);
// FNV-1a 64-bit hash of the bytes of `text` (stable across platforms and runs).
std::uint64_t fnv1a64(std::string_view text);

class RandomStream {
 public:
  explicit RandomStream(std::uint64_t seed);
  // An independent stream for one named entity (see header comment).
  static RandomStream for_entity(std::uint64_t master_seed, std::string_view entity_name);

  std::uint64_t next_u64();
  double uniform01();                                          // [0, 1), 53-bit resolution
  double uniform(double a, double b);                          // [a, b); requires finite a <= b
  double exponential(double rate);                             // rate > 0, mean 1/rate
  SimTime exponential_mean(SimTime mean);                      // mean > 0, rounded to the nearest nanosecond
  double weibull(double shape, double scale);                  // shape > 0, scale > 0
  double lognormal(double mu, double sigma);                   // sigma >= 0 (parameters of the underlying normal)
  double normal(double mean, double sd);                       // sd >= 0
  bool bernoulli(double p);                                    // 0 <= p <= 1
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);  // inclusive, lo <= hi
  std::size_t discrete(std::span<const double> weights);       // O(n); index i with prob w_i / sum(w)

 private:
  std::array<std::uint64_t, 4> state_{};
};

// Checks weights (non-empty, finite, >= 0, positive sum) and returns their sum; throws
// std::invalid_argument naming `what` and the offending index/value otherwise.
double validate_weights(std::span<const double> weights, std::string_view what);

// Categorical distribution with precomputed cumulative weights: O(log n) per draw by binary search.
class DiscreteDistribution {
 public:
  explicit DiscreteDistribution(std::span<const double> weights);
  std::size_t sample(RandomStream& rng) const;
  std::size_t size() const { return cumulative_.size(); }
  double probability(std::size_t index) const;  // w_i / sum(w); throws std::out_of_range

 private:
  std::vector<double> cumulative_;  // cumulative_[i] = w_0 + ... + w_i
  std::size_t last_positive_ = 0;   // fallback when rounding puts u * total at the very top
};

// Distribution given by observed samples: the inverse of the piecewise-linear empirical CDF.
//   quantile(q) = x_(i) + f * (x_(i+1) - x_(i)), with position q * (n - 1) = i + f over the sorted
//   samples x_(0) <= ... <= x_(n-1) (Hyndman & Fan type 7); sample() = quantile(uniform01()).
// Draws therefore lie in [min, max]; a single sample gives a constant.
class EmpiricalDistribution {
 public:
  explicit EmpiricalDistribution(std::vector<double> samples);  // non-empty, all finite
  double sample(RandomStream& rng) const;
  double quantile(double q) const;  // 0 <= q <= 1
  double min() const { return sorted_.front(); }
  double max() const { return sorted_.back(); }
  std::size_t size() const { return sorted_.size(); }

 private:
  std::vector<double> sorted_;
};

}  // namespace clustersim::sim
