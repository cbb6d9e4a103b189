// RequestTrace: the requests a serving simulation replays, in arrival order.
//
// A request has an arrival time, a prompt of input_tokens, an answer of output_tokens (>= 1) and, when its
// source knows them, the keys of its prompt's blocks. Keys form a hash chain, so two prompts share a key at
// block i only if they share every block up to i (vLLM's and Mooncake's prefix-cache rule):
//   key_0 = mix(seed ^ id_0),   key_i = mix(key_{i-1} ^ id_i)          (mix = SplitMix64's finaliser)
// where id_i is the source's block id (the Mooncake traces' hash_ids, one per 512-token block). The keys of all
// requests live in one pool (no allocation per request), which keeps a day of millions of requests compact.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::models::inference {

struct Request {
  sim::SimTime arrival;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::uint32_t first_key = 0;  // into RequestTrace's key pool
  std::uint32_t key_count = 0;
};

class RequestTrace {
 public:
  // `key_block_tokens`: the prompt tokens each block id stands for (0: the source has no block ids).
  explicit RequestTrace(std::int64_t key_block_tokens = 0) : key_block_tokens_(key_block_tokens) {}

  // Appends a request; arrivals must not decrease and the token counts must be >= 1 (std::invalid_argument).
  // `block_ids` must be empty when key_block_tokens() is 0.
  void add(sim::SimTime arrival, std::int64_t input_tokens, std::int64_t output_tokens,
           std::span<const std::uint64_t> block_ids = {});

  const std::vector<Request>& requests() const { return requests_; }
  std::size_t size() const { return requests_.size(); }
  std::span<const std::uint64_t> keys(const Request& request) const {
    return {keys_.data() + request.first_key, request.key_count};
  }
  std::int64_t key_block_tokens() const { return key_block_tokens_; }
  std::int64_t total_input_tokens() const { return total_input_tokens_; }
  std::int64_t total_output_tokens() const { return total_output_tokens_; }

 private:
  std::vector<Request> requests_;
  std::vector<std::uint64_t> keys_;
  std::int64_t key_block_tokens_;
  std::int64_t total_input_tokens_ = 0;
  std::int64_t total_output_tokens_ = 0;
};

}  // namespace clustersim::models::inference
