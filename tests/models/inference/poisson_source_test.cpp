#include <catch2/catch.hpp>

#include "models/inference/poisson_source.hpp"

using namespace clustersim;
using namespace clustersim::models::inference;

TEST_CASE("poisson source: a steady rate gives exponential gaps of mean 1 / rate", "[inference]") {
  const RequestTrace trace = poisson_requests(steady_poisson(50, 20'000, 100, 10), 3);
  REQUIRE(trace.size() == 20'000);
  // The mean gap of n = 20,000 Exp(50) draws: 20 ms, standard error 20 ms / sqrt(n) = 0.14 ms; allow 4 of them.
  const double mean_gap_s = trace.requests().back().arrival.to_seconds() / 20'000;
  CHECK(mean_gap_s == Approx(0.02).margin(4 * 0.02 / std::sqrt(20'000.0)));
  CHECK(trace.total_input_tokens() == 2'000'000);
  CHECK(poisson_requests(steady_poisson(50, 100, 1, 1), 3).requests()[99].arrival ==
        poisson_requests(steady_poisson(50, 100, 1, 1), 3).requests()[99].arrival);
}

TEST_CASE("poisson source: a rate profile repeats, and a zero-rate segment has no arrivals", "[inference]") {
  // Bursts: 1 s at 1,000/s, then 3 s of silence, repeated. 10,000 requests take about 10 cycles (40 s).
  const PoissonSource bursts{{{sim::seconds(1), 1000}, {sim::seconds(3), 0}}, 10'000, 10, 1};
  const RequestTrace trace = poisson_requests(bursts, 11);
  std::int64_t outside_bursts = 0;
  for (const Request& request : trace.requests()) {
    if (request.arrival % sim::seconds(4) >= sim::seconds(1)) ++outside_bursts;
  }
  CHECK(outside_bursts == 0);
  // The 10,000th arrival falls in the 10th or 11th burst (Poisson count per burst: mean 1,000, sd 32).
  const double last_s = trace.requests().back().arrival.to_seconds();
  CHECK(last_s > 36);
  CHECK(last_s < 41);
}

TEST_CASE("poisson source: bad profiles name the field", "[inference]") {
  REQUIRE_THROWS_WITH(poisson_requests(steady_poisson(0, 1, 1, 1), 1),
                      "rates: at least one segment needs a positive rate_per_s");
  REQUIRE_THROWS_WITH(poisson_requests(steady_poisson(-1, 1, 1, 1), 1),
                      "rates[0].rate_per_s: must be non-negative and finite, got -1");
  REQUIRE_THROWS_WITH(poisson_requests({{{sim::SimTime::zero(), 1}}, 1, 1, 1}, 1),
                      "rates[0].duration: must be positive, got 0 s");
  REQUIRE_THROWS_WITH(poisson_requests({{}, 1, 1, 1}, 1), "rates: needs at least one segment");
  REQUIRE_THROWS_WITH(poisson_requests(steady_poisson(1, 0, 1, 1), 1), "requests: must be at least 1, got 0");
}
