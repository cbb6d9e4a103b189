// EventQueue: the engine's pending events, popped in (time, insertion sequence) order, with a
// look-ahead window so that the memory of the next events can be fetched before they run.
//
// Three parts:
//   window    the next kWindow keys taken out of the bulk heap, in order (a ring);
//   bulk      a radix heap (sim/radix_heap.hpp) holding every key above the window's end (it only
//             takes keys above the last it gave out);
//   overflow  a second radix heap for keys pushed below the window's end after it was filled.
// Every pushed key is above the last popped one (the queue is monotone), so the overflow always
// takes it; every key of the bulk is above the window's end, so the earliest event is the window's
// front or the overflow's top. With a large queue nearly every push lands in the bulk (the window
// spans a few events' worth of time) and the overflow stays empty; a burst of wake-ups at the
// current time goes to the overflow, which is as fast as the bulk. The pop order is the key order
// whatever part a key sits in, so runs stay deterministic.
//
// Why the window: with 1e5-1e6 processes, waking one is a DRAM miss on its Process and another on
// its coroutine frame (the frame's address is in the Process), ~100 ns each and serial. A key
// entering the window is kWindow pops away from running; the queue then prefetches its target's
// first cache line, and the engine, kFrameAhead pops before it runs, prefetches the frame the
// (by then cached) Process points to. The misses of several events then overlap instead of
// adding up (measured in bench/RESULTS.md, "What bounds the hold model").
#pragma once

#include <array>
#include <cstddef>

#include "sim/radix_heap.hpp"

namespace clustersim::sim {

class EventQueue {
 public:
  static constexpr std::size_t kWindow = 16;

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The earliest event; the queue must not be empty.
  const QueuedEvent& top() {
    if (overflow_.empty()) return window_[head_];
    const QueuedEvent& overflow_top = overflow_.top();
    return window_count_ == 0 || overflow_top.before(window_[head_]) ? overflow_top : window_[head_];
  }

  void push(const QueuedEvent& event) {
    ++size_;
    if (bulk_.accepts(event)) {
      bulk_.push(event);
      fill_window();  // a no-op unless the queue holds fewer than kWindow events
    } else {
      overflow_.push(event);
    }
  }

  // Removes and returns the earliest event; the queue must not be empty.
  QueuedEvent pop() {
    QueuedEvent event;
    if (!overflow_.empty() && (window_count_ == 0 || overflow_.top().before(window_[head_]))) {
      event = overflow_.pop();
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
  // runs soon (overflow keys may come in between), for prefetching.
  const QueuedEvent* ahead(std::size_t position) const {
    return position < window_count_ ? &window_[(head_ + position) % kWindow] : nullptr;
  }

 private:
  void fill_window() {
    while (window_count_ < kWindow && !bulk_.empty()) {
      const QueuedEvent event = bulk_.pop();
      if (event.target != nullptr) __builtin_prefetch(event.target);
      window_[(head_ + window_count_) % kWindow] = event;
      ++window_count_;
    }
  }

  std::array<QueuedEvent, kWindow> window_{};
  std::size_t head_ = 0;
  std::size_t window_count_ = 0;
  RadixHeap bulk_;
  RadixHeap overflow_;
  std::size_t size_ = 0;
};

}  // namespace clustersim::sim
