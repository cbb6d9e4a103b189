// Signal: a one-shot event. Processes wait for it; trigger() wakes them all, in the order they
// began waiting, at the current time. Waiting on a triggered signal completes at once.
#pragma once

#include "sim/process.hpp"

namespace clustersim::sim {

class Signal {
 public:
  bool triggered() const { return triggered_; }
  void trigger() {
    if (triggered_) return;
    triggered_ = true;
    waiters_.wake_all();
  }
  Waiter wait() { return Waiter(triggered_ ? nullptr : &waiters_); }

 private:
  bool triggered_ = false;
  WaitList waiters_;
};

}  // namespace clustersim::sim
