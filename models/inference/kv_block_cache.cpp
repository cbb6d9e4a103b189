#include "models/inference/kv_block_cache.hpp"

#include <stdexcept>
#include <string>

namespace clustersim::models::inference {

KvBlockCache::KvBlockCache(std::int64_t hbm_blocks, std::int64_t dram_blocks)
    : ref_(hbm_blocks, 0),
      key_(hbm_blocks, 0),
      keyed_(hbm_blocks, false),
      hbm_lru_(hbm_blocks),
      dram_key_(dram_blocks, 0),
      dram_lru_(dram_blocks) {
  if (hbm_blocks < 1 || hbm_blocks > INT32_MAX || dram_blocks < 0 || dram_blocks > INT32_MAX) {
    throw std::invalid_argument("kv cache: block counts out of range (hbm " + std::to_string(hbm_blocks) + ", dram " +
                                std::to_string(dram_blocks) + ")");
  }
  free_.reserve(hbm_blocks);
  for (std::int64_t b = hbm_blocks - 1; b >= 0; --b) free_.push_back(static_cast<std::int32_t>(b));
  dram_free_.reserve(dram_blocks);
  for (std::int64_t s = dram_blocks - 1; s >= 0; --s) dram_free_.push_back(static_cast<std::int32_t>(s));
}

KvAdmission KvBlockCache::admit(std::span<const std::uint64_t> keys, std::int64_t total_blocks,
                                std::vector<std::int32_t>& blocks) {
  // Walk the prefix: HBM hits (and how many of them are evictable now), then DRAM hits, until the first miss.
  std::int64_t hbm_hits = 0;
  std::int64_t pinned_evictable = 0;
  promoted_.clear();
  std::size_t i = 0;
  for (; i < keys.size() && static_cast<std::int64_t>(i) < total_blocks; ++i) {
    if (const auto hbm = hbm_index_.find(keys[i]); hbm != hbm_index_.end()) {
      ++hbm_hits;
      if (ref_[hbm->second] == 0) ++pinned_evictable;
    } else if (dram_index_.contains(keys[i])) {
      promoted_.push_back(keys[i]);
    } else {
      break;
    }
  }
  const std::int64_t new_blocks = total_blocks - hbm_hits;
  const std::int64_t available = free_blocks() + hbm_lru_.size() - pinned_evictable;
  if (new_blocks > available) return {};

  counters_.lookups += static_cast<std::int64_t>(keys.size());
  counters_.hbm_hits += hbm_hits;
  counters_.dram_hits += static_cast<std::int64_t>(promoted_.size());
  blocks.clear();
  for (std::size_t k = 0; k < i; ++k) {
    const auto hbm = hbm_index_.find(keys[k]);
    if (hbm == hbm_index_.end()) continue;  // a DRAM hit: gets a new block below
    if (ref_[hbm->second]++ == 0) {
      hbm_lru_.remove(hbm->second);
      ++blocks_in_use_;
    }
    blocks.push_back(hbm->second);
  }
  for (const std::uint64_t key : promoted_) forget_in_dram(key);
  for (std::int64_t n = 0; n < new_blocks; ++n) {
    const std::int32_t block = take_block();
    ref_[block] = 1;
    blocks.push_back(block);
  }
  // The promoted keys are loaded into the first new blocks and shareable at once.
  for (std::size_t p = 0; p < promoted_.size(); ++p) {
    const std::int32_t block = blocks[hbm_hits + static_cast<std::int64_t>(p)];
    key_[block] = promoted_[p];
    keyed_[block] = true;
    hbm_index_.emplace(promoted_[p], block);
  }
  blocks_in_use_ += new_blocks;
  return {true, hbm_hits, static_cast<std::int64_t>(promoted_.size())};
}

std::int32_t KvBlockCache::take_block() {
  if (!free_.empty()) {
    const std::int32_t block = free_.back();
    free_.pop_back();
    return block;
  }
  const std::int32_t block = hbm_lru_.front();
  hbm_lru_.remove(block);
  hbm_index_.erase(key_[block]);
  keyed_[block] = false;
  ++counters_.hbm_evictions;
  demote(key_[block]);
  return block;
}

void KvBlockCache::demote(std::uint64_t key) {
  if (dram_key_.empty()) {
    ++counters_.dram_evictions;
    return;
  }
  if (dram_free_.empty()) {
    const std::int32_t oldest = dram_lru_.front();
    forget_in_dram(dram_key_[oldest]);
    ++counters_.dram_evictions;
  }
  const std::int32_t slot = dram_free_.back();
  dram_free_.pop_back();
  dram_key_[slot] = key;
  dram_index_.emplace(key, slot);
  dram_lru_.push_back(slot);
}

void KvBlockCache::forget_in_dram(std::uint64_t key) {
  const auto found = dram_index_.find(key);
  if (found == dram_index_.end()) return;
  dram_lru_.remove(found->second);
  dram_free_.push_back(found->second);
  dram_index_.erase(found);
}

void KvBlockCache::publish(std::span<const std::uint64_t> keys, std::span<const std::int32_t> blocks) {
  for (std::size_t i = 0; i < keys.size() && i < blocks.size(); ++i) {
    const std::int32_t block = blocks[i];
    if (keyed_[block] || hbm_index_.contains(keys[i])) continue;
    forget_in_dram(keys[i]);  // the fresh HBM copy supersedes a demoted one
    key_[block] = keys[i];
    keyed_[block] = true;
    hbm_index_.emplace(keys[i], block);
  }
}

void KvBlockCache::release(std::span<const std::int32_t> blocks) {
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    const std::int32_t block = *it;
    if (--ref_[block] > 0) continue;
    --blocks_in_use_;
    if (keyed_[block]) {
      hbm_lru_.push_back(block);
    } else {
      free_.push_back(block);
    }
  }
}

std::int64_t KvBlockCache::hbm_prefix_blocks(std::span<const std::uint64_t> keys) const {
  std::int64_t n = 0;
  while (n < static_cast<std::int64_t>(keys.size()) && hbm_index_.contains(keys[n])) ++n;
  return n;
}

}  // namespace clustersim::models::inference
