#include "sim/process.hpp"

#include "sim/engine.hpp"

namespace clustersim::sim {

Process::Process(Engine& engine, std::string name, Task<> body)
    : body_(std::move(body)), engine_(&engine), name_(std::move(name)) {
  body_.handle().promise().process = this;
  resume_point_ = body_.handle();
}

bool Process::park(std::coroutine_handle<> resume_point, Blocker* blocker) {
  if (pending_interrupt_) return false;
  resume_point_ = resume_point;
  blocker_ = blocker;
  ++epoch_;
  return true;
}

void Process::unpark() {
  blocker_ = nullptr;
  if (pending_interrupt_) {
    std::string reason = std::move(*pending_interrupt_);
    pending_interrupt_.reset();
    throw Interrupted(std::move(reason));
  }
}

void Process::interrupt(std::string reason) {
  if (finished_) return;
  pending_interrupt_ = std::move(reason);
  if (blocker_ == nullptr) return;  // not parked: delivered at the next await
  Blocker* blocker = std::exchange(blocker_, nullptr);
  blocker->detach();
  ++epoch_;  // whatever wake-up was already scheduled is now stale
  engine_->wake(*this);
}

}  // namespace clustersim::sim
