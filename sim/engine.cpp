#include "sim/engine.hpp"

#include <algorithm>

namespace clustersim::sim {

ProcessFailure::ProcessFailure(const std::string& process_name, SimTime when, const std::string& what)
    : std::runtime_error("process '" + process_name + "' failed at t=" + to_string(when) + ": " + what),
      process_name_(process_name),
      when_(when) {}

RunLimitExceeded::RunLimitExceeded(Limit limit, SimTime when, std::uint64_t events, const std::string& what)
    : std::runtime_error("run stopped at simulated time " + to_string(when) + " after " + std::to_string(events) +
                         " events: " + what),
      limit_(limit),
      when_(when),
      events_(events) {}

Engine::Engine() = default;

Engine::~Engine() {
  shutdown();
}

void Engine::shutdown() {
  for (Process* process : live_) {
    process->body_ = Task<>();      // destroys every frame of the chain
    process->on_finish_ = nullptr;  // a when_all child's callback holds its group, which holds the child: a cycle
  }
  for (Process* process : live_) {
    process->finished_ = true;
    ProcessRef::release(process);
  }
  live_.clear();
  while (!queue_.empty()) {
    const QueuedEvent event = queue_.pop();
    if (event.target != nullptr) ProcessRef::release(static_cast<Process*>(event.target));
  }
}

ProcessRef Engine::spawn(std::string name, Task<> body) {
  if (!body.valid()) throw std::invalid_argument("spawn '" + name + "': empty task");
  auto* process = new Process(*this, std::move(name), std::move(body));
  ProcessRef ref(process);
  ProcessRef::retain(process);  // the engine's reference, dropped when it finishes
  process->live_index_ = live_.size();
  live_.push_back(process);
  wake(*process);
  return ref;
}

ProcessRef Engine::spawn_child(std::string name, Task<> body, std::function<void(Process&)> on_finish) {
  ProcessRef child = spawn(std::move(name), std::move(body));
  child->stops_run_on_error_ = false;
  child->on_finish_ = std::move(on_finish);
  return child;
}

void Engine::wake_at(Process& process, SimTime when) {
  if (when < now_) throw std::logic_error("wake_at: " + to_string(when) + " is before now " + to_string(now_));
  ProcessRef::retain(&process);
  push(when.ns(), &process, process.epoch_, 0);
}

TimerId Engine::schedule_at(SimTime when, std::function<void()> callback) {
  if (when < now_) throw std::invalid_argument("schedule_at: " + to_string(when) + " is before now " + to_string(now_));
  std::uint32_t slot = 0;
  if (free_timer_slots_.empty()) {
    slot = static_cast<std::uint32_t>(timers_.size());
    timers_.emplace_back();
  } else {
    slot = free_timer_slots_.back();
    free_timer_slots_.pop_back();
  }
  TimerSlot& timer = timers_[slot];
  timer.callback = std::move(callback);
  timer.pending = true;
  push(when.ns(), nullptr, timer.generation, slot);
  return TimerId{slot, timer.generation};
}

void Engine::cancel(TimerId id) {
  if (id.slot >= timers_.size()) return;
  TimerSlot& timer = timers_[id.slot];
  if (!timer.pending || timer.generation != id.generation) return;
  timer.pending = false;
  timer.callback = nullptr;
  ++timer.generation;
  free_timer_slots_.push_back(id.slot);
}

void Engine::arm_at_instant_end(InstantEndHook& hook) {
  if (hook.armed) return;
  hook.armed = true;
  armed_hooks_.push_back(&hook);
}

void Engine::disarm(InstantEndHook& hook) {
  if (!hook.armed) return;
  hook.armed = false;
  armed_hooks_.erase(std::remove(armed_hooks_.begin(), armed_hooks_.end(), &hook), armed_hooks_.end());
}

void Engine::push(std::int64_t time_ns, Process* process, std::uint32_t epoch_or_generation, std::uint32_t timer_slot) {
  queue_.push(QueuedEvent{time_ns, next_sequence_++, process, epoch_or_generation, timer_slot});
}

bool Engine::run_instant_end_hooks() {
  if (armed_hooks_.empty()) return false;
  std::vector<InstantEndHook*> hooks;
  hooks.swap(armed_hooks_);
  for (InstantEndHook* hook : hooks) {
    hook->armed = false;
    hook->run();
  }
  return true;
}

void Engine::set_budget(const RunBudget& budget) {
  budget_ = budget;
  deadline_ = std::chrono::steady_clock::now() + budget.wall_clock;
  next_budget_check_ = 0;
}

void Engine::check_budget() {
  constexpr std::uint64_t clock_check_events = 4096;
  if (events_processed_ >= budget_.max_events) {
    throw RunLimitExceeded(RunLimitExceeded::Limit::events, now_, events_processed_,
                           "reached the limit of " + std::to_string(budget_.max_events) + " events per run");
  }
  if (budget_.wall_clock.count() == 0) {
    next_budget_check_ = budget_.max_events;
    return;
  }
  if (std::chrono::steady_clock::now() >= deadline_) {
    throw RunLimitExceeded(
        RunLimitExceeded::Limit::wall_clock, now_, events_processed_,
        "used up the wall-clock budget of " + to_string(SimTime::from_ns(budget_.wall_clock.count())) + " per run");
  }
  next_budget_check_ = std::min(budget_.max_events, events_processed_ + clock_check_events);
}

void Engine::run() {
  run_events(SimTime::max());
}

void Engine::run_until(SimTime end) {
  if (end < now_) throw std::invalid_argument("run_until: " + to_string(end) + " is before now " + to_string(now_));
  run_events(end);
}

void Engine::run_events(SimTime end) {
  if (running_) throw std::logic_error("Engine::run called from inside a running simulation");
  running_ = true;
  stop_requested_ = false;
  struct ClearRunning {
    bool& flag;
    ~ClearRunning() { flag = false; }
  } clear_running{running_};

  while (!stop_requested_) {
    if ((queue_.empty() || queue_.top().time_ns > now_.ns()) && run_instant_end_hooks()) continue;
    if (queue_.empty() || queue_.top().time_ns > end.ns()) {
      if (end != SimTime::max()) now_ = end;
      break;
    }
    if (events_processed_ >= next_budget_check_) check_budget();
    const QueuedEvent event = queue_.pop();
    prefetch_frame_ahead();
    if (event.target != nullptr) {
      auto* process = static_cast<Process*>(event.target);
      if (event.epoch_or_generation == process->epoch_ && !process->finished_) {
        now_ = SimTime::from_ns(event.time_ns);
        ++events_processed_;
        resume(*process);
      }
      ProcessRef::release(process);
      continue;
    }
    TimerSlot& timer = timers_[event.timer_slot];
    if (!timer.pending || timer.generation != event.epoch_or_generation) continue;  // cancelled
    now_ = SimTime::from_ns(event.time_ns);
    std::function<void()> callback = std::move(timer.callback);
    timer.pending = false;
    ++timer.generation;
    free_timer_slots_.push_back(event.timer_slot);
    ++events_processed_;
    callback();
  }
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

// The queued event holds a reference, so the Process is alive; its Process line was prefetched when
// the event entered the window. Three lines (192 bytes) cover a simple process's whole frame (the hold
// model's is 168 bytes) and the start of a larger one. A stale resume point (the process re-parked
// or finished since) only costs a useless prefetch: prefetching never faults.
void Engine::prefetch_frame_ahead() const {
  const QueuedEvent* soon = queue_.ahead(kFrameAhead);
  if (soon == nullptr || soon->target == nullptr) return;
  const char* frame = static_cast<const char*>(static_cast<const Process*>(soon->target)->resume_point_.address());
  if (frame == nullptr) return;
  __builtin_prefetch(frame);
  __builtin_prefetch(frame + 64);
  __builtin_prefetch(frame + 128);
}

void Engine::resume(Process& process) {
  process.resume_point_.resume();
  if (process.body_.done()) finish(process);
}

void Engine::finish(Process& process) {
  process.finished_ = true;
  std::exception_ptr error = process.body_.handle().promise().error;
  process.body_ = Task<>();
  if (error) {
    try {
      std::rethrow_exception(error);
    } catch (const Interrupted&) {
      error = nullptr;  // an interrupt that was not caught ends the process quietly
    } catch (const std::exception& e) {
      if (process.stops_run_on_error_ && !failure_) {
        failure_ = std::make_exception_ptr(ProcessFailure(process.name_, now_, e.what()));
      }
    } catch (...) {
      if (process.stops_run_on_error_ && !failure_) {
        failure_ = std::make_exception_ptr(ProcessFailure(process.name_, now_, "unknown exception"));
      }
    }
  }
  process.error_ = error;
  if (failure_) stop_requested_ = true;
  process.joiners_.wake_all();
  if (process.on_finish_) std::exchange(process.on_finish_, nullptr)(process);

  Process* last = live_.back();
  live_[process.live_index_] = last;
  last->live_index_ = process.live_index_;
  live_.pop_back();
  ProcessRef::release(&process);
}

}  // namespace clustersim::sim
