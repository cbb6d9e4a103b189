// PoissonSource: requests arriving as a Poisson process of rate `rate_per_s`, each with the same prompt and answer
// lengths and no shared prefix. Inter-arrival gaps are Exp(rate) draws from the stream
// RandomStream::for_entity(seed, "poisson-arrivals") (sim/random.hpp); arrival k = the sum of the first k gaps,
// rounded to the nearest nanosecond. Same seed, same trace.
#pragma once

#include <cstdint>

#include "models/inference/request_trace.hpp"

namespace clustersim::models::inference {

struct PoissonSource {
  double rate_per_s = 1;
  std::int64_t requests = 1;
  std::int64_t input_tokens = 1;
  std::int64_t output_tokens = 1;
};

// Throws std::invalid_argument naming the field ("rate_per_s: must be positive and finite, got 0").
RequestTrace poisson_requests(const PoissonSource& source, std::uint64_t seed);

}  // namespace clustersim::models::inference
