// Tests for sim/random.hpp: determinism, per-entity independence, pinned outputs, and sample
// moments of every distribution within 4 standard errors of their closed forms.
#include "sim/random.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace clustersim::sim;
using Catch::Matchers::Contains;

namespace {

constexpr int kDraws = 1'000'000;

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

template <typename Draw>
Moments moments_of(Draw draw, int n = kDraws) {
  double mean = 0.0, m2 = 0.0;
  for (int i = 1; i <= n; ++i) {
    const double x = draw();
    const double delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
  }
  return {mean, m2 / (n - 1)};
}

// |sample mean - mean| within 4 standard errors sqrt(variance / n).
void require_mean_near(const Moments& m, double mean, double variance, int n = kDraws) {
  INFO("sample mean " << m.mean << " expected " << mean);
  REQUIRE(std::abs(m.mean - mean) < 4.0 * std::sqrt(variance / n));
}

// |sample variance - variance| within 4 standard errors sqrt((mu4 - variance^2) / n).
void require_variance_near(const Moments& m, double variance, double fourth_central_moment, int n = kDraws) {
  INFO("sample variance " << m.variance << " expected " << variance);
  REQUIRE(std::abs(m.variance - variance) < 4.0 * std::sqrt((fourth_central_moment - variance * variance) / n));
}

// Frequency of each outcome within 4 binomial standard errors of its probability.
void require_frequencies(const std::vector<int>& counts, const std::vector<double>& probabilities, int n) {
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double p = probabilities[i];
    INFO("outcome " << i << " count " << counts[i] << " expected probability " << p);
    if (p == 0.0) {
      REQUIRE(counts[i] == 0);
    } else {
      REQUIRE(std::abs(static_cast<double>(counts[i]) / n - p) < 4.0 * std::sqrt(p * (1 - p) / n));
    }
  }
}

}  // namespace

TEST_CASE("Hash and mixing functions match their published test vectors", "[random]") {
  REQUIRE(fnv1a64("") == 0xcbf29ce484222325ULL);
  REQUIRE(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  // First SplitMix64 output for seed 0 is mix(0 + golden ratio increment).
  REQUIRE(splitmix64_mix(0x9e3779b97f4a7c15ULL) == 0xe220a8397b1dcdafULL);
}

TEST_CASE("Known first outputs are pinned", "[random]") {
  RandomStream rng(42);
  REQUIRE(rng.next_u64() == 0x15780b2e0c2ec716ULL);
  REQUIRE(rng.next_u64() == 0x6104d9866d113a7eULL);
  REQUIRE(rng.next_u64() == 0xae17533239e499a1ULL);

  RandomStream zero(0);
  REQUIRE(zero.next_u64() == 0x99ec5f36cb75f2b4ULL);

  RandomStream entity = RandomStream::for_entity(7, "node-0");
  REQUIRE(entity.next_u64() == 0x992bb27fc66d0d88ULL);
  REQUIRE(entity.next_u64() == 0x029a1f6a6065fd28ULL);

  RandomStream unit(42);
  REQUIRE(unit.uniform01() == static_cast<double>(0x15780b2e0c2ec716ULL >> 11) * 0x1.0p-53);
}

TEST_CASE("Same seed gives the same sequence, different seeds differ", "[random]") {
  RandomStream a(123), b(123), c(124);
  bool any_difference = false;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.next_u64();
    REQUIRE(x == b.next_u64());
    any_difference |= x != c.next_u64();
  }
  REQUIRE(any_difference);
}

TEST_CASE("Entity streams depend only on the master seed and the entity name", "[random]") {
  RandomStream alone = RandomStream::for_entity(99, "a");
  RandomStream other = RandomStream::for_entity(99, "b");
  for (int i = 0; i < 10; ++i) other.next_u64();  // creating and using "b" must not affect "a"
  RandomStream after = RandomStream::for_entity(99, "a");
  RandomStream other_master = RandomStream::for_entity(100, "a");
  RandomStream b_again = RandomStream::for_entity(99, "b");
  bool differs_from_b = false, differs_from_master = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = alone.next_u64();
    REQUIRE(x == after.next_u64());
    differs_from_b |= x != b_again.next_u64();
    differs_from_master |= x != other_master.next_u64();
  }
  REQUIRE(differs_from_b);
  REQUIRE(differs_from_master);
}

TEST_CASE("uniform01 and uniform match the uniform distribution", "[random]") {
  RandomStream rng(1);
  double lowest = 1.0, highest = 0.0;
  const Moments u = moments_of([&] {
    const double x = rng.uniform01();
    lowest = std::min(lowest, x);
    highest = std::max(highest, x);
    return x;
  });
  REQUIRE(lowest >= 0.0);
  REQUIRE(highest < 1.0);
  require_mean_near(u, 0.5, 1.0 / 12.0);
  require_variance_near(u, 1.0 / 12.0, 1.0 / 80.0);

  const double a = -2.0, b = 6.0, width = b - a;
  const Moments ab = moments_of([&] { return rng.uniform(a, b); });
  require_mean_near(ab, (a + b) / 2, width * width / 12);
  require_variance_near(ab, width * width / 12, std::pow(width, 4) / 80);
  REQUIRE(rng.uniform(3.0, 3.0) == 3.0);
}

TEST_CASE("exponential has mean 1/rate and variance 1/rate^2", "[random]") {
  RandomStream rng(2);
  const double rate = 2.0;
  const Moments m = moments_of([&] { return rng.exponential(rate); });
  require_mean_near(m, 1 / rate, 1 / (rate * rate));
  require_variance_near(m, 1 / (rate * rate), 9 / std::pow(rate, 4));

  const SimTime mean = seconds(10);
  const Moments t = moments_of([&] { return rng.exponential_mean(mean).to_seconds(); }, 200'000);
  require_mean_near(t, 10.0, 100.0, 200'000);
}

TEST_CASE("weibull mean is scale * Gamma(1 + 1/shape)", "[random]") {
  RandomStream rng(3);
  for (const double shape : {0.7, 1.5, 3.0}) {
    const double scale = 2.0;
    const double g1 = std::tgamma(1 + 1 / shape), g2 = std::tgamma(1 + 2 / shape);
    const double variance = scale * scale * (g2 - g1 * g1);
    const Moments m = moments_of([&] { return rng.weibull(shape, scale); }, 400'000);
    INFO("shape " << shape);
    require_mean_near(m, scale * g1, variance, 400'000);
  }
}

TEST_CASE("normal and lognormal moments", "[random]") {
  RandomStream rng(4);
  const Moments n = moments_of([&] { return rng.normal(3.0, 2.0); });
  require_mean_near(n, 3.0, 4.0);
  require_variance_near(n, 4.0, 3 * 16.0);  // normal fourth central moment 3 sd^4
  REQUIRE(rng.normal(5.0, 0.0) == 5.0);

  const double mu = 0.1, sigma = 0.5;
  const double mean = std::exp(mu + sigma * sigma / 2);
  const double variance = (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma);
  const Moments l = moments_of([&] { return rng.lognormal(mu, sigma); });
  require_mean_near(l, mean, variance);
}

TEST_CASE("bernoulli frequency matches p", "[random]") {
  RandomStream rng(5);
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += rng.bernoulli(0.3);
  require_frequencies({hits}, {0.3}, kDraws);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(rng.bernoulli(0.0));
    REQUIRE(rng.bernoulli(1.0));
  }
}

TEST_CASE("uniform_int is unbiased and inclusive on small ranges", "[random]") {
  RandomStream rng(6);
  for (const auto& [lo, hi] : std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 1}, {0, 2}, {-3, 3}, {10, 16}}) {
    const auto size = static_cast<std::size_t>(hi - lo + 1);
    std::vector<int> counts(size, 0);
    const int n = 300'000;
    for (int i = 0; i < n; ++i) {
      const std::int64_t x = rng.uniform_int(lo, hi);
      REQUIRE(x >= lo);
      REQUIRE(x <= hi);
      ++counts[static_cast<std::size_t>(x - lo)];
    }
    INFO("range [" << lo << ", " << hi << "]");
    require_frequencies(counts, std::vector<double>(size, 1.0 / static_cast<double>(size)), n);
  }
  REQUIRE(rng.uniform_int(5, 5) == 5);
  const auto lowest = std::numeric_limits<std::int64_t>::min(), highest = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < 100; ++i) (void)rng.uniform_int(lowest, highest);  // full range does not hang
  const auto near_top = rng.uniform_int(highest - 1, highest);
  REQUIRE(near_top >= highest - 1);
}

TEST_CASE("discrete draws follow the weights, zero weights never drawn", "[random]") {
  const std::vector<double> weights = {1.0, 0.0, 3.0, 6.0};
  const std::vector<double> probabilities = {0.1, 0.0, 0.3, 0.6};

  SECTION("RandomStream::discrete") {
    RandomStream rng(7);
    std::vector<int> counts(weights.size(), 0);
    for (int i = 0; i < kDraws; ++i) ++counts[rng.discrete(weights)];
    require_frequencies(counts, probabilities, kDraws);
  }
  SECTION("DiscreteDistribution") {
    RandomStream rng(8);
    const DiscreteDistribution dist(weights);
    REQUIRE(dist.size() == 4);
    REQUIRE(dist.probability(2) == Approx(0.3));
    REQUIRE(dist.probability(1) == 0.0);
    std::vector<int> counts(weights.size(), 0);
    for (int i = 0; i < kDraws; ++i) ++counts[dist.sample(rng)];
    require_frequencies(counts, probabilities, kDraws);
    REQUIRE_THROWS_AS(dist.probability(4), std::out_of_range);
  }
  SECTION("a single positive weight is always drawn") {
    RandomStream rng(9);
    const std::vector<double> only_last = {0.0, 0.0, 2.5};
    const DiscreteDistribution dist(only_last);
    for (int i = 0; i < 1000; ++i) {
      REQUIRE(rng.discrete(only_last) == 2);
      REQUIRE(dist.sample(rng) == 2);
    }
  }
}

TEST_CASE("EmpiricalDistribution interpolates the inverse CDF", "[random]") {
  const EmpiricalDistribution five({5.0, 1.0, 4.0, 2.0, 3.0});  // unsorted on purpose
  REQUIRE(five.min() == 1.0);
  REQUIRE(five.max() == 5.0);
  REQUIRE(five.quantile(0.0) == 1.0);
  REQUIRE(five.quantile(0.5) == 3.0);
  REQUIRE(five.quantile(0.1) == Approx(1.4));  // position 0.4 between 1 and 2
  REQUIRE(five.quantile(1.0) == 5.0);

  // Samples 0..100 make the interpolated distribution Uniform(0, 100).
  std::vector<double> grid;
  for (int i = 0; i <= 100; ++i) grid.push_back(i);
  const EmpiricalDistribution uniform(grid);
  RandomStream rng(10);
  const int n = 400'000;
  std::array<int, 3> below = {0, 0, 0};  // below 10, 50, 90
  double lowest = 100, highest = 0, sum = 0;
  for (int i = 0; i < n; ++i) {
    const double x = uniform.sample(rng);
    lowest = std::min(lowest, x);
    highest = std::max(highest, x);
    sum += x;
    below[0] += x < 10;
    below[1] += x < 50;
    below[2] += x < 90;
  }
  REQUIRE(lowest >= 0.0);
  REQUIRE(highest <= 100.0);
  require_mean_near({sum / n, 0}, 50.0, 100.0 * 100.0 / 12, n);
  require_frequencies({below[0], below[1], below[2]}, {0.1, 0.5, 0.9}, n);

  RandomStream one_rng(11);
  REQUIRE(EmpiricalDistribution({7.0}).sample(one_rng) == 7.0);
}

TEST_CASE("Bad parameters throw std::invalid_argument naming the parameter and value", "[random]") {
  RandomStream rng(12);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(rng.exponential(0.0), std::invalid_argument);
  REQUIRE_THROWS_WITH(rng.exponential(-1.0), Contains("rate") && Contains("-1"));
  REQUIRE_THROWS_WITH(rng.exponential(nan), Contains("rate") && Contains("nan"));
  REQUIRE_THROWS_WITH(rng.exponential_mean(SimTime::zero()), Contains("mean") && Contains("0"));
  REQUIRE_THROWS_WITH(rng.weibull(0.0, 1.0), Contains("shape") && Contains("0"));
  REQUIRE_THROWS_WITH(rng.weibull(1.0, -2.0), Contains("scale") && Contains("-2"));
  REQUIRE_THROWS_WITH(rng.lognormal(0.0, -0.5), Contains("sigma") && Contains("-0.5"));
  REQUIRE_THROWS_WITH(rng.normal(nan, 1.0), Contains("mean"));
  REQUIRE_THROWS_WITH(rng.normal(0.0, -1.0), Contains("sd"));
  REQUIRE_THROWS_WITH(rng.bernoulli(1.5), Contains("p must be in [0, 1]") && Contains("1.5"));
  REQUIRE_THROWS_WITH(rng.uniform(2.0, 1.0), Contains("a must be <= b"));
  REQUIRE_THROWS_WITH(rng.uniform_int(3, 2), Contains("lo = 3") && Contains("hi = 2"));

  const std::vector<double> empty, negative = {1.0, -0.5}, zeros = {0.0, 0.0}, with_nan = {1.0, nan};
  REQUIRE_THROWS_WITH(rng.discrete(empty), Contains("empty"));
  REQUIRE_THROWS_WITH(rng.discrete(negative), Contains("weights[1]") && Contains("-0.5"));
  REQUIRE_THROWS_WITH(rng.discrete(zeros), Contains("positive sum"));
  REQUIRE_THROWS_WITH(rng.discrete(with_nan), Contains("weights[1]") && Contains("nan"));
  REQUIRE_THROWS_AS(DiscreteDistribution(zeros), std::invalid_argument);
  REQUIRE_THROWS_AS(DiscreteDistribution(empty), std::invalid_argument);

  REQUIRE_THROWS_WITH(EmpiricalDistribution({}), Contains("empty"));
  REQUIRE_THROWS_WITH(EmpiricalDistribution({1.0, nan}), Contains("samples[1]"));
  REQUIRE_THROWS_WITH(EmpiricalDistribution({1.0}).quantile(1.5), Contains("q") && Contains("1.5"));
}
