#include "models/inference/request_trace.hpp"

#include <stdexcept>
#include <string>

#include "sim/random.hpp"

namespace clustersim::models::inference {

namespace {
constexpr std::uint64_t kChainSeed = 0x6b76'6361'6368'6521ULL;  // any fixed value: keys only compare for equality
}

void RequestTrace::add(sim::SimTime arrival, std::int64_t input_tokens, std::int64_t output_tokens,
                       std::span<const std::uint64_t> block_ids) {
  if (!requests_.empty() && arrival < requests_.back().arrival) {
    throw std::invalid_argument("request " + std::to_string(requests_.size()) + ": arrival " + sim::to_string(arrival) +
                                " is before the previous request's " + sim::to_string(requests_.back().arrival));
  }
  if (input_tokens < 1)
    throw std::invalid_argument("input_tokens: must be at least 1, got " + std::to_string(input_tokens));
  if (output_tokens < 1) {
    throw std::invalid_argument("output_tokens: must be at least 1, got " + std::to_string(output_tokens));
  }
  if (key_block_tokens_ == 0 && !block_ids.empty()) {
    throw std::invalid_argument("block ids given for a trace without a block size");
  }
  Request request{arrival, input_tokens, output_tokens, static_cast<std::uint32_t>(keys_.size()),
                  static_cast<std::uint32_t>(block_ids.size())};
  std::uint64_t key = kChainSeed;
  for (const std::uint64_t id : block_ids) {
    key = sim::splitmix64_mix(key ^ id);
    keys_.push_back(key);
  }
  requests_.push_back(request);
  total_input_tokens_ += input_tokens;
  total_output_tokens_ += output_tokens;
}

}  // namespace clustersim::models::inference
