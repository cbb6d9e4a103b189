// PoissonSource: requests arriving as a Poisson process whose rate is piecewise constant in time, the profile of
// segments repeating for as long as requests remain: one segment is a homogeneous Poisson process; 24 hourly
// segments are a diurnal cycle; a short segment of high rate among low ones is a burst. Every request has the
// same prompt and answer lengths and no shared prefix.
// Within a segment [t0, t1) of rate r the gaps are Exp(r) draws; a draw that overshoots t1 is discarded and the
// process restarts at t1 with the next segment's rate. By memorylessness this is exactly the non-homogeneous
// Poisson process of that rate profile (Lewis & Shedler 1979 get the same by thinning). A segment of rate 0 has
// no arrivals. Draws come from RandomStream::for_entity(seed, "poisson-arrivals") (sim/random.hpp); times
// are kept in integer nanoseconds (each gap rounded to the nearest one). Same seed, same trace.
#pragma once

#include <cstdint>
#include <vector>

#include "models/inference/request_trace.hpp"
#include "sim/time.hpp"

namespace clustersim::models::inference {

struct RateSegment {
  sim::SimTime duration;
  double rate_per_s = 0;
};

struct PoissonSource {
  std::vector<RateSegment> rates;  // repeated; at least one segment with a positive rate
  std::int64_t requests = 1;
  std::int64_t input_tokens = 1;
  std::int64_t output_tokens = 1;
};

// A homogeneous source: one segment of rate `rate_per_s`.
PoissonSource steady_poisson(double rate_per_s, std::int64_t requests, std::int64_t input_tokens,
                             std::int64_t output_tokens);

// Throws std::invalid_argument naming the field ("rates[0].rate_per_s: must be non-negative and finite, got -1").
RequestTrace poisson_requests(const PoissonSource& source, std::uint64_t seed);

}  // namespace clustersim::models::inference
