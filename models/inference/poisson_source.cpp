#include "models/inference/poisson_source.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/number_text.hpp"
#include "sim/random.hpp"

namespace clustersim::models::inference {

namespace {

void require_count(const char* field, std::int64_t value) {
  if (value < 1) throw std::invalid_argument(std::string(field) + ": must be at least 1, got " + std::to_string(value));
}

}  // namespace

RequestTrace poisson_requests(const PoissonSource& source, std::uint64_t seed) {
  if (!std::isfinite(source.rate_per_s) || source.rate_per_s <= 0) {
    throw std::invalid_argument("rate_per_s: must be positive and finite, got " + sim::number_text(source.rate_per_s));
  }
  require_count("requests", source.requests);
  require_count("input_tokens", source.input_tokens);
  require_count("output_tokens", source.output_tokens);
  sim::RandomStream gaps = sim::RandomStream::for_entity(seed, "poisson-arrivals");
  RequestTrace trace;
  double arrival_s = 0;
  for (std::int64_t k = 0; k < source.requests; ++k) {
    arrival_s += gaps.exponential(source.rate_per_s);
    trace.add(sim::SimTime::from_seconds(arrival_s), source.input_tokens, source.output_tokens);
  }
  return trace;
}

}  // namespace clustersim::models::inference
