// KvBlockCache: one replica's KV cache, with exact block accounting, prefix caching and two tiers.
//
// Blocks (block_tokens tokens each, StepModel::kv_bytes_per_block() bytes) live in HBM; a block is
//   in use   (ref > 0)     held by running requests, shared when their prompts share a prefix;
//   cached   (ref = 0)     holds a published prefix block, on the HBM LRU list, evictable;
//   free                   holds nothing.
// Admission (TensorRT-LLM's guaranteed-no-evict policy): a request reserves every block it will need, prompt and
// answer, ceil((input + output) / block_tokens), or waits. Its prompt's keys (request_trace.hpp) are looked up in
// order until the first miss: a key cached in HBM is shared (ref + 1); a key in the host-DRAM tier is promoted
// into a new HBM block; the rest are new blocks. New blocks come from the free list, else from the LRU end of
// the cached list: the evicted block's key is demoted to host DRAM (which drops its own LRU key when full; with
// no DRAM tier the key is dropped). A request is admitted only if its new blocks fit in free + evictable blocks
// (not counting the hits it pins), so admission never fails half-way and never evicts a block in use.
// A request's full prompt blocks are published (become shareable) when its prefill completes, as vLLM does:
// until then a second request with the same prefix recomputes it. On completion the request's blocks are
// released in reverse order, so the prefix's first blocks are the most recently used and evicted last.
// Counters: keys looked up, hits in HBM, hits in host DRAM (misses = looked up - hits), evictions, demotions.
// Capacity accounting only: the time to move a block between tiers is not modelled here (see serving.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "models/inference/lru_list.hpp"

namespace clustersim::models::inference {

struct KvCacheCounters {
  std::int64_t lookups = 0;  // prompt blocks looked up
  std::int64_t hbm_hits = 0;
  std::int64_t dram_hits = 0;
  std::int64_t hbm_evictions = 0;   // cached HBM blocks reused for other data (their keys go to DRAM)
  std::int64_t dram_evictions = 0;  // keys dropped from the DRAM tier (or dropped at once without one)
};

struct KvAdmission {
  bool admitted = false;
  std::int64_t hbm_hit_blocks = 0;
  std::int64_t dram_hit_blocks = 0;
};

class KvBlockCache {
 public:
  KvBlockCache(std::int64_t hbm_blocks, std::int64_t dram_blocks);

  // Reserves `total_blocks` blocks for a request whose prompt has the chained `keys` (full blocks only), writing
  // their indices to `blocks` (prefix hits first). Not admitted: nothing changes.
  KvAdmission admit(std::span<const std::uint64_t> keys, std::int64_t total_blocks, std::vector<std::int32_t>& blocks);
  // Makes the first keys.size() of `blocks` shareable under `keys` (a key already cached stays with its block).
  void publish(std::span<const std::uint64_t> keys, std::span<const std::int32_t> blocks);
  void release(std::span<const std::int32_t> blocks);
  // How many leading keys are cached in HBM now (no side effects): the router's prefix-affinity probe.
  std::int64_t hbm_prefix_blocks(std::span<const std::uint64_t> keys) const;

  std::int64_t hbm_blocks() const { return static_cast<std::int64_t>(ref_.size()); }
  std::int64_t dram_blocks() const { return static_cast<std::int64_t>(dram_key_.size()); }
  std::int64_t blocks_in_use() const { return blocks_in_use_; }
  std::int64_t cached_blocks() const { return hbm_lru_.size(); }
  std::int64_t free_blocks() const { return static_cast<std::int64_t>(free_.size()); }
  std::int64_t dram_cached_blocks() const { return dram_lru_.size(); }
  const KvCacheCounters& counters() const { return counters_; }

 private:
  std::int32_t take_block();
  void demote(std::uint64_t key);
  void forget_in_dram(std::uint64_t key);

  std::vector<std::int32_t> ref_;
  std::vector<std::uint64_t> key_;
  std::vector<bool> keyed_;
  std::vector<std::int32_t> free_;
  LruList hbm_lru_;
  std::unordered_map<std::uint64_t, std::int32_t> hbm_index_;  // lookups only, never iterated
  std::vector<std::uint64_t> dram_key_;
  std::vector<std::int32_t> dram_free_;
  LruList dram_lru_;
  std::unordered_map<std::uint64_t, std::int32_t> dram_index_;
  std::int64_t blocks_in_use_ = 0;
  KvCacheCounters counters_;
  std::vector<std::uint64_t> promoted_;  // scratch: keys found in DRAM during one admission
};

}  // namespace clustersim::models::inference
