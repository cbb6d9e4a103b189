#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <thread>
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

TEST_CASE("blocks larger than the largest class and blocks freed by another thread", "[frame_pool]") {
  void* large = frame_pool::allocate(4096);
  std::memset(large, 0, 4096);
  frame_pool::deallocate(large, 4096);

  std::vector<void*> blocks;
  for (int i = 0; i < 1000; ++i) blocks.push_back(frame_pool::allocate(256));
  std::thread other([&blocks] {
    for (void* block : blocks) frame_pool::deallocate(block, 256);  // handed to the depot at thread exit
    void* own = frame_pool::allocate(256);
    frame_pool::deallocate(own, 256);
  });
  other.join();
  for (int i = 0; i < 1000; ++i) {
    blocks[i] = frame_pool::allocate(256);
    std::memset(blocks[i], i & 0xff, 256);
  }
  for (void* block : blocks) frame_pool::deallocate(block, 256);
}
