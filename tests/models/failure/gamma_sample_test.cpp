#include "models/failure/gamma_sample.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "sim/random.hpp"

using clustersim::models::failure::sample_gamma;
using clustersim::sim::RandomStream;

TEST_CASE("gamma draws have mean and variance equal to the shape", "[failure]") {
  for (double shape : {0.4, 1.0, 1.5, 2.43, 11.0}) {
    INFO("shape " << shape);
    RandomStream rng = RandomStream::for_entity(3, "gamma");
    constexpr int kDraws = 100000;
    double sum = 0, sum_squares = 0;
    for (int i = 0; i < kDraws; ++i) {
      const double x = sample_gamma(rng, shape);
      REQUIRE(x >= 0.0);
      sum += x;
      sum_squares += x * x;
    }
    const double mean = sum / kDraws;
    const double variance = sum_squares / kDraws - mean * mean;
    // Standard error of the mean: sqrt(shape / n).
    CHECK(std::abs(mean - shape) < 4.0 * std::sqrt(shape / kDraws));
    CHECK(variance == Approx(shape).epsilon(0.03));
  }
}

TEST_CASE("gamma draws are deterministic and reject bad shapes", "[failure]") {
  RandomStream a(17), b(17);
  for (int i = 0; i < 100; ++i) REQUIRE(sample_gamma(a, 0.8) == sample_gamma(b, 0.8));
  CHECK_THROWS_WITH(sample_gamma(a, 0), "shape: must be finite and > 0, got 0");
  CHECK_THROWS_WITH(sample_gamma(a, std::numeric_limits<double>::infinity()), "shape: must be finite and > 0, got inf");
}
