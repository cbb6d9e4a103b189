// Channel<T>: an unbounded FIFO mailbox between processes.
//
// send() never blocks. receive() completes at once when an item is queued; otherwise the
// receiver parks and the next send() hands the item directly to the longest-waiting receiver
// (no other process can take it in between). A receiver interrupted after an item was handed
// to it, but before it resumed, puts the item back at the head of the queue: nothing is lost.
// The channel must outlive the processes that wait on it.
#pragma once

#include <deque>
#include <optional>
#include <utility>

#include "sim/process.hpp"

namespace clustersim::sim {

template <class T>
class Channel {
 public:
  class ReceiveAwaiter : public WaiterNode, public Blocker {
   public:
    explicit ReceiveAwaiter(Channel& channel) : channel_(channel) {}
    bool await_ready() {
      if (channel_.items_.empty()) return false;
      item_.emplace(std::move(channel_.items_.front()));
      channel_.items_.pop_front();
      return true;
    }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      process_ = handle.promise().process;
      if (!process_->park(handle, this)) return false;
      channel_.receivers_.push_back(this);
      return true;
    }
    T await_resume() {
      if (process_ != nullptr) process_->unpark();
      return std::move(*item_);
    }
    void detach() noexcept override {
      unlink();
      if (item_) channel_.give_back(std::move(*item_));
      item_.reset();
    }

   private:
    friend class Channel;
    Channel& channel_;
    std::optional<T> item_;
  };

  void send(T item) {
    if (receivers_.empty()) {
      items_.push_back(std::move(item));
      return;
    }
    static_cast<ReceiveAwaiter*>(receivers_.front())->item_.emplace(std::move(item));
    receivers_.wake_one();
  }
  ReceiveAwaiter receive() { return ReceiveAwaiter(*this); }

  std::size_t queued() const { return items_.size(); }
  bool has_waiting_receivers() const { return !receivers_.empty(); }

 private:
  void give_back(T item) {
    if (receivers_.empty()) {
      items_.push_front(std::move(item));
    } else {
      send(std::move(item));
    }
  }
  std::deque<T> items_;
  WaitList receivers_;
};

}  // namespace clustersim::sim
