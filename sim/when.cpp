#include "sim/when.hpp"

#include <string>

#include "sim/engine.hpp"

namespace clustersim::sim::detail {

struct ChildGroupState {
  ChildGroup::Mode mode;
  Process* parent = nullptr;
  bool parent_waiting = true;
  std::size_t remaining = 0;
  std::optional<std::size_t> first_finished;
  std::exception_ptr failure;
  std::vector<ProcessRef> children;

  void interrupt_children(const std::string& reason) {
    for (ProcessRef& child : children) child->interrupt(reason);
  }

  void on_child_finished(std::size_t index, const Process& child) {
    --remaining;
    const bool first = !first_finished.has_value();
    if (first) first_finished = index;
    if (child.error() && !failure) failure = child.error();
    if (mode == ChildGroup::Mode::any && first) {
      interrupt_children("cancelled: a sibling in when_any finished first");
    } else if (mode == ChildGroup::Mode::all && child.error() && failure == child.error()) {
      interrupt_children("cancelled: a sibling in when_all failed");
    }
    if (remaining == 0 && parent_waiting) parent->engine().wake(*parent);
  }
};

ChildGroup::ChildGroup(Mode mode, std::vector<Task<>> bodies) : mode_(mode), bodies_(std::move(bodies)) {}

ChildGroup::~ChildGroup() {
  if (state_) state_->parent_waiting = false;
}

bool ChildGroup::start(Process* parent, std::coroutine_handle<> resume_point) {
  if (!parent->park(resume_point, this)) return false;
  state_ = std::make_shared<ChildGroupState>();
  state_->mode = mode_;
  state_->parent = parent;
  state_->remaining = bodies_.size();
  Engine& engine = parent->engine();
  for (std::size_t i = 0; i < bodies_.size(); ++i) {
    state_->children.push_back(
        engine.spawn_child(parent->name() + "/" + std::to_string(i), std::move(bodies_[i]),
                           [state = state_, i](Process& child) { state->on_child_finished(i, child); }));
  }
  bodies_.clear();
  return true;
}

std::size_t ChildGroup::await_resume() {
  if (!state_) return 0;  // empty group: nothing to wait for
  state_->parent->unpark();
  if (state_->failure) std::rethrow_exception(state_->failure);
  return *state_->first_finished;
}

void ChildGroup::detach() noexcept {
  state_->parent_waiting = false;
  state_->interrupt_children("cancelled: the awaiting process was interrupted");
}

}  // namespace clustersim::sim::detail
