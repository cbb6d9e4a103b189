#include <catch2/catch.hpp>

#include <vector>

#include "models/inference/kv_block_cache.hpp"

using namespace clustersim::models::inference;

namespace {
const std::vector<std::uint64_t> kAbc{0xa, 0xb, 0xc};
const std::vector<std::uint64_t> kAbd{0xa, 0xb, 0xd};
}  // namespace

TEST_CASE("kv cache: a shared prefix is reused once published, and released blocks stay cached", "[inference]") {
  KvBlockCache cache(10, 0);
  std::vector<std::int32_t> first, second;
  // 3 prompt blocks + 1 for the answer; nothing cached yet.
  KvAdmission admission = cache.admit(kAbc, 4, first);
  REQUIRE(admission.admitted);
  CHECK(admission.hbm_hit_blocks == 0);
  CHECK(cache.blocks_in_use() == 4);
  // Not yet published: the same prefix is recomputed.
  REQUIRE(cache.admit(kAbd, 4, second).admitted);
  CHECK(cache.counters().hbm_hits == 0);
  cache.release(second);
  cache.publish(kAbc, first);
  std::vector<std::int32_t> third;
  admission = cache.admit(kAbd, 4, third);
  CHECK(admission.hbm_hit_blocks == 2);  // a, b shared; d is new
  CHECK(cache.blocks_in_use() == 4 + 2);
  CHECK(third[0] == first[0]);
  CHECK(third[1] == first[1]);
  cache.release(first);
  cache.release(third);
  CHECK(cache.blocks_in_use() == 0);
  CHECK(cache.cached_blocks() == 3);  // a, b, c keep their keys; the answer blocks are free
  CHECK(cache.free_blocks() == 7);
  CHECK(cache.counters().lookups == 9);
  CHECK(cache.counters().hbm_hits == 2);
}

TEST_CASE("kv cache: admission is all or nothing, evicts least recently used keys to host DRAM", "[inference]") {
  KvBlockCache cache(4, 2);
  std::vector<std::int32_t> blocks, other;
  REQUIRE(cache.admit(kAbc, 3, blocks).admitted);
  cache.publish(kAbc, blocks);
  // 2 more blocks do not fit while a, b, c are in use: nothing changes.
  CHECK_FALSE(cache.admit({}, 2, other).admitted);
  CHECK(cache.free_blocks() == 1);
  CHECK(cache.counters().lookups == 3);  // the failed admission counted nothing
  cache.release(blocks);                 // reverse order: c, b, a become cached, a the most recent
  // 3 new blocks: 1 free, then c and b are evicted (least recent first) and demoted to DRAM.
  REQUIRE(cache.admit({}, 3, other).admitted);
  CHECK(cache.counters().hbm_evictions == 2);
  CHECK(cache.dram_cached_blocks() == 2);
  CHECK(cache.hbm_prefix_blocks(kAbc) == 1);  // only a is left in HBM
  cache.release(other);
  // a hits in HBM, b and c are promoted from DRAM.
  std::vector<std::int32_t> again;
  const KvAdmission admission = cache.admit(kAbc, 4, again);
  REQUIRE(admission.admitted);
  CHECK(admission.hbm_hit_blocks == 1);
  CHECK(admission.dram_hit_blocks == 2);
  CHECK(cache.dram_cached_blocks() == 0);
  CHECK(cache.hbm_prefix_blocks(kAbc) == 3);
  CHECK(cache.blocks_in_use() == 4);
}

TEST_CASE("kv cache: without a DRAM tier an evicted key is dropped", "[inference]") {
  KvBlockCache cache(2, 0);
  std::vector<std::int32_t> blocks, other;
  REQUIRE(cache.admit(std::vector<std::uint64_t>{1, 2}, 2, blocks).admitted);
  cache.publish(std::vector<std::uint64_t>{1, 2}, blocks);
  cache.release(blocks);
  REQUIRE(cache.admit({}, 2, other).admitted);
  CHECK(cache.counters().dram_evictions == 2);
  CHECK(cache.hbm_prefix_blocks(std::vector<std::uint64_t>{1, 2}) == 0);
  REQUIRE_THROWS_WITH(KvBlockCache(0, 0), Catch::Contains("kv cache"));
}
