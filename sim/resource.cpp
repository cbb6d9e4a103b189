#include "sim/resource.hpp"

#include <stdexcept>
#include <string>

namespace clustersim::sim {

Resource::Resource(std::int64_t capacity) : capacity_(capacity), available_(capacity) {
  if (capacity <= 0) throw std::invalid_argument("Resource capacity must be positive, got " + std::to_string(capacity));
}

Resource::AcquireAwaiter Resource::acquire(std::int64_t units) {
  if (units <= 0 || units > capacity_) {
    throw std::invalid_argument("Resource::acquire(" + std::to_string(units) + "): must be in 1.." +
                                std::to_string(capacity_));
  }
  return AcquireAwaiter(*this, units);
}

bool Resource::try_grant_immediately(std::int64_t units) {
  if (!waiters_.empty() || units > available_) return false;
  available_ -= units;
  return true;
}

void Resource::give_back(std::int64_t units) {
  available_ += units;
  grant_waiting();
}

void Resource::grant_waiting() {
  while (!waiters_.empty()) {
    auto* head = static_cast<AcquireAwaiter*>(waiters_.front());
    if (head->units_ > available_) return;
    available_ -= head->units_;
    head->granted_ = true;
    waiters_.wake_one();
  }
}

void Resource::AcquireAwaiter::detach() noexcept {
  if (linked()) {
    unlink();
    resource_.grant_waiting();  // the head may have been holding others back
  } else if (granted_) {
    granted_ = false;
    resource_.give_back(units_);
  }
}

void Resource::Lease::release() {
  if (resource_ != nullptr) std::exchange(resource_, nullptr)->give_back(std::exchange(units_, 0));
}

}  // namespace clustersim::sim
