// EventQueue: the engine's pending events, a 4-ary min-heap ordered by (time, sequence).
//
// A 4-ary heap is half as deep as a binary heap and its four children share two cache lines, so a
// pop touches fewer cache lines; that matters when the queue holds 1e5-1e6 events (the hold-model
// benchmark). Pops move a hole from the root down to a leaf, then sift the last element up.
#pragma once

#include <cstdint>
#include <vector>

namespace clustersim::sim {

struct QueuedEvent {
  std::int64_t time_ns;
  std::uint64_t sequence;
  void* target;  // a Process* or, for timers, null
  std::uint32_t epoch_or_generation;
  std::uint32_t timer_slot;

  // Branch-free: on random keys the comparisons are unpredictable, and mispredictions would
  // dominate a pop.
  bool before(const QueuedEvent& other) const {
    return (time_ns < other.time_ns) | ((time_ns == other.time_ns) & (sequence < other.sequence));
  }
};

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const QueuedEvent& top() const { return heap_.front(); }
  const std::vector<QueuedEvent>& entries() const { return heap_; }

  void push(const QueuedEvent& event) {
    heap_.push_back(event);
    sift_up(heap_.size() - 1, event);
  }

  QueuedEvent pop() {
    const QueuedEvent top = heap_.front();
    const QueuedEvent last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_up(move_hole_to_leaf(), last);
    return top;
  }

 private:
  static constexpr std::size_t kArity = 4;

  std::size_t move_hole_to_leaf() {
    const std::size_t size = heap_.size();
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first_child = hole * kArity + 1;
      if (first_child >= size) return hole;
      std::size_t best = first_child;
      if (first_child + kArity <= size) {  // a full family: select without branches
        const std::size_t a = heap_[first_child + 1].before(heap_[first_child]) ? first_child + 1 : first_child;
        const std::size_t b = heap_[first_child + 3].before(heap_[first_child + 2]) ? first_child + 3 : first_child + 2;
        best = heap_[b].before(heap_[a]) ? b : a;
      } else {
        for (std::size_t child = first_child + 1; child < size; ++child) {
          if (heap_[child].before(heap_[best])) best = child;
        }
      }
      heap_[hole] = heap_[best];
      hole = best;
    }
  }

  void sift_up(std::size_t hole, const QueuedEvent& event) {
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!event.before(heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = event;
  }

  std::vector<QueuedEvent> heap_;
};

}  // namespace clustersim::sim
