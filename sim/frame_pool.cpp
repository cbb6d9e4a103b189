#include "sim/frame_pool.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define CLUSTERSIM_FRAME_POOL_BYPASS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLUSTERSIM_FRAME_POOL_BYPASS 1
#endif
#endif

namespace clustersim::sim::frame_pool {

#if defined(CLUSTERSIM_FRAME_POOL_BYPASS)

void* allocate(std::size_t bytes) {
  return ::operator new(bytes);
}

// Unsized: clang before 19 does not declare the sized operator delete unless -fsized-deallocation is given.
void deallocate(void* block, std::size_t /*bytes*/) noexcept {
  ::operator delete(block);
}

bool enabled() {
  return false;
}

#else

namespace {

constexpr std::size_t kLineBytes = 64;
constexpr std::size_t kClassCount = 16;  // 64, 128, ..., 1024 bytes
constexpr std::size_t kFirstChunkBytes = std::size_t{64} << 10;
constexpr std::size_t kHugeChunkBytes = std::size_t{2} << 20;

std::size_t class_of(std::size_t bytes) {
  return (bytes + kLineBytes - 1) / kLineBytes - 1;
}

std::size_t block_bytes(std::size_t c) {
  return (c + 1) * kLineBytes;
}

// Free blocks of one class, lowest address first (see the header).
class FreeBlocks {
 public:
  bool empty() const { return heap_.empty(); }
  void push(char* block) {
    heap_.push_back(block);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  }
  char* pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    char* block = heap_.back();
    heap_.pop_back();
    return block;
  }
  void move_all_to(FreeBlocks& other) {
    other.heap_.insert(other.heap_.end(), heap_.begin(), heap_.end());
    std::make_heap(other.heap_.begin(), other.heap_.end(), std::greater<>());
    heap_.clear();
  }

 private:
  std::vector<char*> heap_;  // min-heap of addresses
};

// Free blocks left by threads that exited, and every chunk ever reserved (reachable for leak checkers).
struct Depot {
  std::mutex mutex;
  std::array<FreeBlocks, kClassCount> free;
  std::vector<void*> chunks;
};

Depot& depot() {
  static Depot* const instance = new Depot();  // never destroyed: blocks may be freed during static destruction
  return *instance;
}

class ThreadCache {
 public:
  ThreadCache() = default;
  ThreadCache(const ThreadCache&) = delete;
  ThreadCache& operator=(const ThreadCache&) = delete;
  ~ThreadCache() {
    Depot& shared = depot();
    std::lock_guard lock(shared.mutex);
    for (std::size_t c = 0; c < kClassCount; ++c) {
      Class& cls = classes_[c];
      for (; cls.bump < cls.end; cls.bump += block_bytes(c)) cls.free.push(cls.bump);
      cls.free.move_all_to(shared.free[c]);
    }
  }

  void* allocate(std::size_t c) {
    Class& cls = classes_[c];
    if (!cls.free.empty()) return cls.free.pop();
    const std::size_t bytes = block_bytes(c);
    if (static_cast<std::size_t>(cls.end - cls.bump) < bytes) refill(c);
    if (!cls.free.empty()) return cls.free.pop();
    char* block = cls.bump;
    cls.bump += bytes;
    return block;
  }

  void deallocate(void* block, std::size_t c) { classes_[c].free.push(static_cast<char*>(block)); }

 private:
  struct Class {
    FreeBlocks free;
    char* bump = nullptr;  // the uncarved rest of the newest chunk
    char* end = nullptr;
    std::size_t chunks = 0;
  };

  // Take the depot's free blocks of the class, else reserve a new chunk to carve.
  void refill(std::size_t c) {
    Class& cls = classes_[c];
    Depot& shared = depot();
    std::lock_guard lock(shared.mutex);
    if (!shared.free[c].empty()) {
      shared.free[c].move_all_to(cls.free);
      return;
    }
    const std::size_t bytes = block_bytes(c);
    const std::size_t chunk_bytes = std::min(kHugeChunkBytes, kFirstChunkBytes << std::min<std::size_t>(cls.chunks, 8));
    void* chunk = std::aligned_alloc(chunk_bytes == kHugeChunkBytes ? kHugeChunkBytes : kLineBytes, chunk_bytes);
    if (chunk == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (chunk_bytes == kHugeChunkBytes) madvise(chunk, chunk_bytes, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
    shared.chunks.push_back(chunk);
    ++cls.chunks;
    cls.bump = static_cast<char*>(chunk);
    cls.end = cls.bump + chunk_bytes - chunk_bytes % bytes;
  }

  std::array<Class, kClassCount> classes_;
};

ThreadCache& cache() {
  thread_local ThreadCache instance;
  return instance;
}

}  // namespace

void* allocate(std::size_t bytes) {
  if (bytes == 0 || bytes > kClassCount * kLineBytes) return ::operator new(bytes);
  return cache().allocate(class_of(bytes));
}

void deallocate(void* block, std::size_t bytes) noexcept {
  if (bytes == 0 || bytes > kClassCount * kLineBytes) return ::operator delete(block, bytes);
  cache().deallocate(block, class_of(bytes));
}

bool enabled() {
  return true;
}

#endif

}  // namespace clustersim::sim::frame_pool
