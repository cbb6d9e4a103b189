// LruList: the recency order of a fixed set of slots 0..n-1, as an intrusive doubly-linked list over two index
// arrays. push_back makes a slot the most recent, front() is the least recent; every operation is O(1).
#pragma once

#include <cstdint>
#include <vector>

namespace clustersim::models::inference {

class LruList {
 public:
  explicit LruList(std::int64_t slots) : prev_(slots, kNone), next_(slots, kNone), linked_(slots, false) {}

  bool empty() const { return head_ == kNone; }
  std::int64_t size() const { return size_; }
  bool contains(std::int32_t slot) const { return linked_[slot]; }
  std::int32_t front() const { return head_; }

  void push_back(std::int32_t slot) {
    prev_[slot] = tail_;
    next_[slot] = kNone;
    if (tail_ != kNone)
      next_[tail_] = slot;
    else
      head_ = slot;
    tail_ = slot;
    linked_[slot] = true;
    ++size_;
  }
  void remove(std::int32_t slot) {
    const std::int32_t before = prev_[slot];
    const std::int32_t after = next_[slot];
    if (before != kNone)
      next_[before] = after;
    else
      head_ = after;
    if (after != kNone)
      prev_[after] = before;
    else
      tail_ = before;
    linked_[slot] = false;
    --size_;
  }

  static constexpr std::int32_t kNone = -1;

 private:
  std::vector<std::int32_t> prev_;
  std::vector<std::int32_t> next_;
  std::vector<bool> linked_;
  std::int32_t head_ = kNone;
  std::int32_t tail_ = kNone;
  std::int64_t size_ = 0;
};

}  // namespace clustersim::models::inference
