#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "sim/frame_pool.hpp"

using namespace clustersim::sim;

TEST_CASE("pooled blocks are usable, cache-line aligned and reused lowest address first", "[frame_pool]") {
  std::vector<void*> blocks;
  for (std::size_t bytes : {1, 64, 65, 168, 176, 1024}) {
    void* block = frame_pool::allocate(bytes);
    std::memset(block, 0xab, bytes);
    if (frame_pool::enabled()) REQUIRE(reinterpret_cast<std::uintptr_t>(block) % 64 == 0);
    frame_pool::deallocate(block, bytes);
  }
  if (!frame_pool::enabled()) return;  // AddressSanitizer build: plain ::operator new
  for (int i = 0; i < 100; ++i) blocks.push_back(frame_pool::allocate(168));
  for (int i = 99; i >= 0; --i) frame_pool::deallocate(blocks[i], 168);  // last in first: a LIFO list would reverse
  std::vector<std::uintptr_t> again;
  for (int i = 0; i < 100; ++i)
    again.push_back(reinterpret_cast<std::uintptr_t>(frame_pool::allocate(170)));  // same class
  REQUIRE(std::is_sorted(again.begin(), again.end()));
  REQUIRE(std::adjacent_find(again.begin(), again.end()) == again.end());  // all distinct
  for (std::uintptr_t block : again) frame_pool::deallocate(reinterpret_cast<void*>(block), 170);
}

TEST_CASE("blocks larger than the largest class are usable and apart from pooled ones", "[frame_pool]") {
  // Live blocks of every kind at once, each filled with its own byte: none may overlap another.
  std::vector<std::pair<std::size_t, unsigned char*>> live;
  unsigned char fill = 1;
  for (std::size_t bytes : {1024, 1025, 4096, 1 << 20, 64, 1025, 4096}) {
    auto* block = static_cast<unsigned char*>(frame_pool::allocate(bytes));
    REQUIRE(block != nullptr);
    std::memset(block, fill++, bytes);
    live.emplace_back(bytes, block);
  }
  fill = 1;
  for (const auto& [bytes, block] : live) {
    REQUIRE(std::all_of(block, block + bytes, [&](unsigned char b) { return b == fill; }));
    ++fill;
  }
  for (const auto& [bytes, block] : live) frame_pool::deallocate(block, bytes);
}

namespace {

// Allocates `count` blocks of `bytes` on a new thread (whose cache starts empty) and keeps them.
std::vector<void*> allocate_on_new_thread(std::size_t count, std::size_t bytes) {
  std::vector<void*> blocks;
  std::thread([&] {
    for (std::size_t i = 0; i < count; ++i) blocks.push_back(frame_pool::allocate(bytes));
  }).join();
  return blocks;
}

// Frees the blocks on a new thread, which hands them to the depot when it exits.
void free_on_new_thread(const std::vector<void*>& blocks, std::size_t bytes) {
  std::thread([&] {
    for (void* block : blocks) frame_pool::deallocate(block, bytes);
  }).join();
}

}  // namespace

TEST_CASE("blocks freed by another thread go back to the next thread that needs them", "[frame_pool]") {
  // A new thread draws the depot's blocks before it reserves memory: once the first round has left
  // every block of the class in the depot, each round gets the same blocks, lowest address first,
  // however many threads have freed them.
  constexpr std::size_t kBytes = 256;
  constexpr std::size_t kCount = 1000;
  free_on_new_thread(allocate_on_new_thread(kCount, kBytes), kBytes);
  const std::vector<void*> second = allocate_on_new_thread(kCount, kBytes);
  for (std::size_t i = 0; i < kCount; ++i) std::memset(second[i], static_cast<int>(i & 0xff), kBytes);
  free_on_new_thread(second, kBytes);
  const std::vector<void*> third = allocate_on_new_thread(kCount, kBytes);
  std::set<void*> distinct(third.begin(), third.end());
  REQUIRE(distinct.size() == kCount);
  free_on_new_thread(third, kBytes);
  if (!frame_pool::enabled()) return;  // AddressSanitizer build: plain ::operator new
  REQUIRE(std::is_sorted(second.begin(), second.end(), std::less<>()));
  REQUIRE(third == second);
}
