#include "sim/process.hpp"

#include "sim/engine.hpp"

namespace clustersim::sim {

Process::Process(Engine& engine, std::string name, Task<> body)
    : body_(std::move(body)), engine_(&engine), name_(std::move(name)) {
  body_.handle().promise().process = this;
  resume_point_ = body_.handle();
}

void Process::throw_interrupt() {
  interrupt_pending_ = false;
  throw Interrupted(std::exchange(interrupt_reason_, std::string()));
}

void Process::interrupt(std::string reason) {
  if (finished_) return;
  interrupt_pending_ = true;
  interrupt_reason_ = std::move(reason);
  if (blocker_ == nullptr) return;  // not parked: delivered at the next await
  Blocker* blocker = std::exchange(blocker_, nullptr);
  blocker->detach();
  ++epoch_;  // whatever wake-up was already scheduled is now stale
  engine_->wake(*this);
}

}  // namespace clustersim::sim
