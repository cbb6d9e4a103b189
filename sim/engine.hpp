// Engine: the discrete-event kernel. Simulated time, the event queue, processes and timers.
//
// Events are ordered by (time, insertion sequence): events at the same time run in the order
// they were scheduled, so a run is deterministic. Processes are C++20 coroutines (Task<>) started
// with spawn(); model code only awaits (sleep, wait lists, flows) and never touches the queue.
// At the end of every instant (before time advances, or when the queue drains) the engine runs
// the hooks armed during that instant, which lets the flow layer batch every change made at one
// timestamp into a single re-solve. An exception escaping a top-level process stops the run with
// a ProcessFailure naming the process and the simulated time. A RunBudget (set_budget) caps the events
// of one run and its wall-clock time: the check before each event compares the event counter with a
// precomputed count, and reads the clock only every 4,096 events, so it costs nothing measurable.
// The queue shows the next events (sim/event_queue.hpp): the engine prefetches their Process and
// coroutine frame while earlier events run, so that wake-ups of a large population do not wait on
// memory one after another.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/process.hpp"
#include "sim/time.hpp"

namespace clustersim::sim {

class ProcessFailure : public std::runtime_error {
 public:
  ProcessFailure(const std::string& process_name, SimTime when, const std::string& what);
  const std::string& process_name() const { return process_name_; }
  SimTime when() const { return when_; }

 private:
  std::string process_name_;
  SimTime when_;
};

// The budget of one run: at most max_events events in all (events_processed()), and at most wall_clock of
// real time counted from set_budget() (zero: no wall-clock limit).
struct RunBudget {
  std::uint64_t max_events = UINT64_MAX;
  std::chrono::nanoseconds wall_clock{0};
};

// Thrown by run()/run_until() when another event is due but the budget is used up; the engine is left
// as it was before that event (shutdown() as usual).
class RunLimitExceeded : public std::runtime_error {
 public:
  enum class Limit { events, wall_clock };
  RunLimitExceeded(Limit limit, SimTime when, std::uint64_t events, const std::string& what);
  Limit limit() const { return limit_; }
  SimTime when() const { return when_; }
  std::uint64_t events() const { return events_; }

 private:
  Limit limit_;
  SimTime when_;
  std::uint64_t events_;
};

// Identifies a scheduled callback; cancel() it at any time (cancelling a fired timer is harmless).
struct TimerId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;
};

class Engine {
 public:
  Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  // Destroys every unfinished process (all its coroutine frames): see shutdown().
  ~Engine();
  // Destroy every unfinished process now, for owners whose members the processes use (flow
  // networks, wait lists) and that are destroyed before the engine.
  void shutdown();

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t live_processes() const { return live_.size(); }

  // Start `body` as a process at the current time (after events already scheduled for now).
  ProcessRef spawn(std::string name, Task<> body);
  // For combinators (when_all, when_any): a process whose failure does not stop the run; instead
  // `on_finish` is called when it ends, with its error() set.
  ProcessRef spawn_child(std::string name, Task<> body, std::function<void(Process&)> on_finish);

  // Run until the queue is empty or stop() is called; run_until also stops before the first event
  // later than `end` and leaves now() == end. Rethrows a ProcessFailure.
  void run();
  void run_until(SimTime end);
  void stop() { stop_requested_ = true; }
  // Applies to every later run()/run_until(); the wall clock starts now.
  void set_budget(const RunBudget& budget);

  // co_await engine.sleep(d): resume the calling process d later (d >= 0).
  auto sleep(SimTime duration);
  auto sleep_until(SimTime when);

  // Plain callbacks, outside any process.
  TimerId schedule_at(SimTime when, std::function<void()> callback);
  TimerId schedule_after(SimTime delay, std::function<void()> callback) {
    return schedule_at(now_ + delay, std::move(callback));
  }
  void cancel(TimerId timer);

  // Run `hook` once when the current instant ends (arming twice in one instant runs it once).
  // The hook object must outlive the instant; it may schedule events at now().
  struct InstantEndHook {
    std::function<void()> run;
    bool armed = false;
  };
  void arm_at_instant_end(InstantEndHook& hook);
  // Forget an armed hook (its owner is going away before the instant ends). Harmless if not armed.
  void disarm(InstantEndHook& hook);

  // Resume a parked process at `when` (>= now), unless it is re-parked or interrupted before.
  void wake(Process& process) { wake_at(process, now_); }
  void wake_at(Process& process, SimTime when);

 private:
  struct TimerSlot {
    std::function<void()> callback;
    std::uint32_t generation = 0;
    bool pending = false;
  };

  void push(std::int64_t time_ns, Process* process, std::uint32_t epoch_or_generation, std::uint32_t timer_slot);
  void run_events(SimTime end);
  // Prefetch the coroutine frame of the event kFrameAhead places ahead (see sim/event_queue.hpp).
  void prefetch_frame_ahead() const;
  static constexpr std::size_t kFrameAhead = 8;
  bool run_instant_end_hooks();
  void resume(Process& process);
  void finish(Process& process);
  void check_budget();  // throws RunLimitExceeded, else sets next_budget_check_

  SimTime now_;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t events_processed_ = 0;
  bool stop_requested_ = false;
  bool running_ = false;
  EventQueue queue_;
  std::vector<TimerSlot> timers_;
  std::vector<std::uint32_t> free_timer_slots_;
  std::vector<InstantEndHook*> armed_hooks_;
  std::vector<Process*> live_;  // unfinished processes, each holding one reference
  std::exception_ptr failure_;
  RunBudget budget_;
  std::chrono::steady_clock::time_point deadline_;
  std::uint64_t next_budget_check_ = UINT64_MAX;  // events_processed_ at which check_budget() runs
};

// Calls engine.shutdown() when the scope ends, also when it unwinds: declared after the flow
// networks and other objects the processes use, it destroys the processes before them.
class ShutdownOnExit {
 public:
  explicit ShutdownOnExit(Engine& engine) : engine_(engine) {}
  ShutdownOnExit(const ShutdownOnExit&) = delete;
  ShutdownOnExit& operator=(const ShutdownOnExit&) = delete;
  ~ShutdownOnExit() { engine_.shutdown(); }

 private:
  Engine& engine_;
};

// Awaitable returned by Engine::sleep.
class SleepAwaiter : public Blocker {
 public:
  SleepAwaiter(Engine& engine, SimTime wake_time) : engine_(engine), wake_time_(wake_time) {}
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    process_ = handle.promise().process;
    if (!process_->park(handle, this)) return false;
    engine_.wake_at(*process_, wake_time_);
    return true;
  }
  void await_resume() { process_->unpark(); }

 private:
  Engine& engine_;
  SimTime wake_time_;
  Process* process_ = nullptr;
};

inline auto Engine::sleep(SimTime duration) {
  if (duration < SimTime::zero()) throw std::invalid_argument("sleep: negative duration " + to_string(duration));
  return SleepAwaiter(*this, now_ + duration);
}

inline auto Engine::sleep_until(SimTime when) {
  if (when < now_) throw std::invalid_argument("sleep_until: " + to_string(when) + " is in the past");
  return SleepAwaiter(*this, when);
}

}  // namespace clustersim::sim
