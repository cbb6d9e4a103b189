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

void validate(const PoissonSource& source) {
  if (source.rates.empty()) throw std::invalid_argument("rates: needs at least one segment");
  bool any_positive = false;
  for (std::size_t i = 0; i < source.rates.size(); ++i) {
    const std::string where = "rates[" + std::to_string(i) + "]";
    const RateSegment& segment = source.rates[i];
    if (segment.duration <= sim::SimTime::zero()) {
      throw std::invalid_argument(where + ".duration: must be positive, got " + sim::to_string(segment.duration));
    }
    if (!std::isfinite(segment.rate_per_s) || segment.rate_per_s < 0) {
      throw std::invalid_argument(where + ".rate_per_s: must be non-negative and finite, got " +
                                  sim::number_text(segment.rate_per_s));
    }
    any_positive = any_positive || segment.rate_per_s > 0;
  }
  if (!any_positive) throw std::invalid_argument("rates: at least one segment needs a positive rate_per_s");
  require_count("requests", source.requests);
  require_count("input_tokens", source.input_tokens);
  require_count("output_tokens", source.output_tokens);
}

}  // namespace

PoissonSource steady_poisson(double rate_per_s, std::int64_t requests, std::int64_t input_tokens,
                             std::int64_t output_tokens) {
  return {{{sim::hours(1), rate_per_s}}, requests, input_tokens, output_tokens};
}

RequestTrace poisson_requests(const PoissonSource& source, std::uint64_t seed) {
  validate(source);
  sim::RandomStream gaps = sim::RandomStream::for_entity(seed, "poisson-arrivals");
  RequestTrace trace;
  sim::SimTime now = sim::SimTime::zero();
  sim::SimTime segment_end = source.rates[0].duration;
  std::size_t segment = 0;
  while (static_cast<std::int64_t>(trace.size()) < source.requests) {
    const double rate = source.rates[segment].rate_per_s;
    const sim::SimTime next = rate > 0 ? now + sim::SimTime::from_seconds(gaps.exponential(rate)) : segment_end;
    if (next < segment_end) {
      now = next;
      trace.add(now, source.input_tokens, source.output_tokens);
      continue;
    }
    now = segment_end;
    segment = (segment + 1) % source.rates.size();
    segment_end = now + source.rates[segment].duration;
  }
  return trace;
}

}  // namespace clustersim::models::inference
