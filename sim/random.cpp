#include "sim/random.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "sim/number_text.hpp"

namespace clustersim::sim {
namespace {

[[noreturn]] void throw_bad(std::string_view function, std::string_view requirement, double value) {
  throw std::invalid_argument("RandomStream::" + std::string(function) + ": " + std::string(requirement) + " (got " +
                              number_text(value) + ")");
}

void require_positive(std::string_view function, std::string_view name, double value) {
  if (!(std::isfinite(value) && value > 0.0)) throw_bad(function, std::string(name) + " must be finite and > 0", value);
}

void require_non_negative(std::string_view function, std::string_view name, double value) {
  if (!(std::isfinite(value) && value >= 0.0)) {
    throw_bad(function, std::string(name) + " must be finite and >= 0", value);
  }
}

void require_finite(std::string_view function, std::string_view name, double value) {
  if (!std::isfinite(value)) throw_bad(function, std::string(name) + " must be finite", value);
}

// An Exp(1) draw: -ln(1 - u) for u in [0, 1), so the argument of log1p is in (-1, 0].
double standard_exponential(RandomStream& rng) {
  return -std::log1p(-rng.uniform01());
}

}  // namespace

std::uint64_t splitmix64_mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  return hash;
}

RandomStream::RandomStream(std::uint64_t seed) {
  // SplitMix64 sequence: add the golden-ratio increment, then mix.
  for (auto& word : state_) {
    seed += 0x9e3779b97f4a7c15ULL;
    word = splitmix64_mix(seed);
  }
}

RandomStream RandomStream::for_entity(std::uint64_t master_seed, std::string_view entity_name) {
  return RandomStream(splitmix64_mix(splitmix64_mix(master_seed) ^ fnv1a64(entity_name)));
}

std::uint64_t RandomStream::next_u64() {
  // xoshiro256**: scramble word 1, then advance the linear engine.
  const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = std::rotl(state_[3], 45);
  return result;
}

double RandomStream::uniform01() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double RandomStream::uniform(double a, double b) {
  require_finite("uniform", "a", a);
  require_finite("uniform", "b", b);
  if (a > b) throw_bad("uniform", "a must be <= b = " + number_text(b), a);
  return a + (b - a) * uniform01();
}

double RandomStream::exponential(double rate) {
  require_positive("exponential", "rate", rate);
  return standard_exponential(*this) / rate;
}

SimTime RandomStream::exponential_mean(SimTime mean) {
  if (mean <= SimTime::zero()) {
    throw std::invalid_argument("RandomStream::exponential_mean: mean must be > 0 (got " + to_string(mean) + ")");
  }
  return mean * standard_exponential(*this);
}

double RandomStream::weibull(double shape, double scale) {
  require_positive("weibull", "shape", shape);
  require_positive("weibull", "scale", scale);
  return scale * std::pow(standard_exponential(*this), 1.0 / shape);
}

double RandomStream::normal(double mean, double sd) {
  require_finite("normal", "mean", mean);
  require_non_negative("normal", "sd", sd);
  const double radius = std::sqrt(2.0 * standard_exponential(*this));
  const double angle = 2.0 * std::numbers::pi * uniform01();
  return mean + sd * radius * std::cos(angle);
}

double RandomStream::lognormal(double mu, double sigma) {
  require_finite("lognormal", "mu", mu);
  require_non_negative("lognormal", "sigma", sigma);
  return std::exp(normal(mu, sigma));
}

bool RandomStream::bernoulli(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw_bad("bernoulli", "p must be in [0, 1]", p);
  return uniform01() < p;
}

std::int64_t RandomStream::uniform_int(std::int64_t lo, std::int64_t hi) {
  if (lo > hi) {
    throw std::invalid_argument("RandomStream::uniform_int: lo must be <= hi (got lo = " + std::to_string(lo) +
                                ", hi = " + std::to_string(hi) + ")");
  }
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == std::numeric_limits<std::uint64_t>::max()) return static_cast<std::int64_t>(next_u64());
  const std::uint64_t n = span + 1;
  // Reject the lowest 2^64 mod n values so every residue appears equally often.
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t r = next_u64();
  while (r < threshold) r = next_u64();
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + r % n);
}

std::size_t RandomStream::discrete(std::span<const double> weights) {
  const double total = validate_weights(weights, "RandomStream::discrete");
  const double target = uniform01() * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    cumulative += weights[i];
    if (cumulative > target) return i;
    last_positive = i;
  }
  return last_positive;  // only reached when rounding puts target at the very top
}

double validate_weights(std::span<const double> weights, std::string_view what) {
  if (weights.empty()) throw std::invalid_argument(std::string(what) + ": weights must not be empty");
  double total = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(std::isfinite(weights[i]) && weights[i] >= 0.0)) {
      throw std::invalid_argument(std::string(what) + ": weights[" + std::to_string(i) +
                                  "] must be finite and >= 0 (got " + number_text(weights[i]) + ")");
    }
    total += weights[i];
  }
  if (!(total > 0.0 && std::isfinite(total))) {
    throw std::invalid_argument(std::string(what) + ": weights must have a finite positive sum (got " +
                                number_text(total) + ")");
  }
  return total;
}

DiscreteDistribution::DiscreteDistribution(std::span<const double> weights) {
  validate_weights(weights, "DiscreteDistribution");
  cumulative_.reserve(weights.size());
  double running = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    running += weights[i];
    cumulative_.push_back(running);
    if (weights[i] > 0.0) last_positive_ = i;
  }
}

std::size_t DiscreteDistribution::sample(RandomStream& rng) const {
  const double target = rng.uniform01() * cumulative_.back();
  // First index whose cumulative weight exceeds the target; zero weights never qualify.
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  if (it == cumulative_.end()) return last_positive_;
  return static_cast<std::size_t>(it - cumulative_.begin());
}

double DiscreteDistribution::probability(std::size_t index) const {
  if (index >= cumulative_.size()) {
    throw std::out_of_range("DiscreteDistribution::probability: index " + std::to_string(index) + " >= size " +
                            std::to_string(cumulative_.size()));
  }
  const double below = index == 0 ? 0.0 : cumulative_[index - 1];
  return (cumulative_[index] - below) / cumulative_.back();
}

EmpiricalDistribution::EmpiricalDistribution(std::vector<double> samples) : sorted_(std::move(samples)) {
  if (sorted_.empty()) throw std::invalid_argument("EmpiricalDistribution: samples must not be empty");
  for (std::size_t i = 0; i < sorted_.size(); ++i) {
    if (!std::isfinite(sorted_[i])) {
      throw std::invalid_argument("EmpiricalDistribution: samples[" + std::to_string(i) + "] must be finite (got " +
                                  number_text(sorted_[i]) + ")");
    }
  }
  std::sort(sorted_.begin(), sorted_.end());
}

double EmpiricalDistribution::quantile(double q) const {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument("EmpiricalDistribution::quantile: q must be in [0, 1] (got " + number_text(q) + ")");
  }
  const double position = q * static_cast<double>(sorted_.size() - 1);
  const auto index = static_cast<std::size_t>(position);
  if (index + 1 >= sorted_.size()) return sorted_.back();
  const double fraction = position - static_cast<double>(index);
  return sorted_[index] + fraction * (sorted_[index + 1] - sorted_[index]);
}

double EmpiricalDistribution::sample(RandomStream& rng) const {
  return quantile(rng.uniform01());
}

}  // namespace clustersim::sim
