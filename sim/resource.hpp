// Resource: a counting semaphore with strict FIFO queueing (a server pool, a set of slots).
//
// acquire(n) grants n units when they are free and nobody queued earlier is still waiting
// (no overtaking, so large requests are not starved); the units come back when the returned
// Lease is destroyed or released. An interrupted waiter leaves the queue; one interrupted after
// its units were granted gives them back. Requests above the capacity are an error.
#pragma once

#include <cstdint>
#include <utility>

#include "sim/process.hpp"

namespace clustersim::sim {

class Resource {
 public:
  explicit Resource(std::int64_t capacity);

  class Lease {
   public:
    Lease() = default;
    Lease(Resource* resource, std::int64_t units) : resource_(resource), units_(units) {}
    Lease(Lease&& other) noexcept
        : resource_(std::exchange(other.resource_, nullptr)), units_(std::exchange(other.units_, 0)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        release();
        resource_ = std::exchange(other.resource_, nullptr);
        units_ = std::exchange(other.units_, 0);
      }
      return *this;
    }
    ~Lease() { release(); }
    std::int64_t units() const { return units_; }
    void release();

   private:
    Resource* resource_ = nullptr;
    std::int64_t units_ = 0;
  };

  class AcquireAwaiter : public WaiterNode, public Blocker {
   public:
    AcquireAwaiter(Resource& resource, std::int64_t units) : resource_(resource), units_(units) {}
    bool await_ready() { return resource_.try_grant_immediately(units_); }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      process_ = handle.promise().process;
      if (!process_->park(handle, this)) return false;
      resource_.waiters_.push_back(this);
      return true;
    }
    Lease await_resume() {
      if (process_ != nullptr) process_->unpark();
      return Lease(&resource_, units_);
    }
    void detach() noexcept override;

   private:
    friend class Resource;
    Resource& resource_;
    std::int64_t units_;
    bool granted_ = false;
  };

  AcquireAwaiter acquire(std::int64_t units = 1);

  std::int64_t capacity() const { return capacity_; }
  std::int64_t available() const { return available_; }
  bool has_waiters() const { return !waiters_.empty(); }

 private:
  bool try_grant_immediately(std::int64_t units);
  void give_back(std::int64_t units);
  void grant_waiting();

  std::int64_t capacity_;
  std::int64_t available_;
  WaitList waiters_;
};

}  // namespace clustersim::sim
