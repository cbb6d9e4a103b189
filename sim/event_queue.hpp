// EventQueue: the engine's pending events, popped in (time, insertion sequence) order, with a
// look-ahead window so that the memory of the next events can be fetched before they run.
//
// Three parts, every key in the first two below every key in the third:
//   window    the next kWindow keys taken out of the radix heap, in order (a ring);
//   overflow  keys pushed after the window was filled but below its end (a binary min-heap);
//   radix     everything else (sim/radix_heap.hpp; it only takes keys above the last it gave out).
// pop() takes the smaller of the window's front and the overflow's top, then refills the window
// from the radix heap. A key enters the radix heap if it accepts it (above the window's end),
// else the overflow: with a large queue nearly every push lands in the radix heap (the window
// spans a few events' worth of time), and the overflow stays a handful of keys; in the worst case
// it behaves like an ordinary binary heap, never worse. The pop order is the key order whatever
// part a key sits in, so runs stay deterministic.
//
// Why the window: with 1e5-1e6 processes, waking one is a DRAM miss on its Process and another on
// its coroutine frame (the frame's address is in the Process), ~100 ns each and serial. A key
// entering the window is kWindow pops away from running; the queue then prefetches its target's
// first cache line, and the engine, kFrameAhead pops before it runs, prefetches the frame the
// (by then cached) Process points to. The misses of several events then overlap instead of
// adding up (measured in bench/RESULTS.md, "What bounds the hold model").
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "sim/radix_heap.hpp"

namespace clustersim::sim {

class EventQueue {
 public:
  static constexpr std::size_t kWindow = 16;

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The earliest event; the queue must not be empty.
  const QueuedEvent& top() const {
    if (overflow_.empty()) return window_[head_];
    if (window_count_ == 0 || overflow_.front().before(window_[head_])) return overflow_.front();
    return window_[head_];
  }

  void push(const QueuedEvent& event) {
    ++size_;
    if (radix_.accepts(event)) {
      radix_.push(event);
      fill_window();  // a no-op unless the queue holds fewer than kWindow events
    } else {
      overflow_.push_back(event);
      std::push_heap(overflow_.begin(), overflow_.end(), later);
    }
  }

  // Removes and returns the earliest event; the queue must not be empty.
  QueuedEvent pop() {
    QueuedEvent event;
    if (!overflow_.empty() && (window_count_ == 0 || overflow_.front().before(window_[head_]))) {
      std::pop_heap(overflow_.begin(), overflow_.end(), later);
      event = overflow_.back();
      overflow_.pop_back();
    } else {
      event = window_[head_];
      head_ = (head_ + 1) % kWindow;
      --window_count_;
      fill_window();
    }
    --size_;
    return event;
  }

  // The event `position` places behind the window's front (0 = the front), or null: a hint of what
  // runs soon (an overflow key may come in between), for prefetching.
  const QueuedEvent* ahead(std::size_t position) const {
    return position < window_count_ ? &window_[(head_ + position) % kWindow] : nullptr;
  }

 private:
  static bool later(const QueuedEvent& a, const QueuedEvent& b) { return b.before(a); }

  void fill_window() {
    while (window_count_ < kWindow && !radix_.empty()) {
      const QueuedEvent event = radix_.pop();
      if (event.target != nullptr) __builtin_prefetch(event.target);
      window_[(head_ + window_count_) % kWindow] = event;
      ++window_count_;
    }
  }

  std::array<QueuedEvent, kWindow> window_{};
  std::size_t head_ = 0;
  std::size_t window_count_ = 0;
  std::vector<QueuedEvent> overflow_;
  RadixHeap radix_;
  std::size_t size_ = 0;
};

}  // namespace clustersim::sim
