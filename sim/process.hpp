// Process: a named simulated activity whose body is a Task<>, scheduled by the Engine.
//
// A process is either running (the engine resumed it), parked (suspended at an await point on a
// Blocker: a sleep, a wait list, a flow) or finished. Interrupting a process detaches it from the
// blocker it is parked on (so it stops waiting, or stops consuming bandwidth), and makes that
// await point throw Interrupted; a process not parked sees the interrupt at its next await.
// An Interrupted exception that escapes the body ends the process quietly (it was cancelled);
// any other exception escaping a top-level process stops the run (see Engine).
// Processes are reference-counted without atomics (an engine is single-threaded): ProcessRef.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>

#include "sim/blocker.hpp"
#include "sim/frame_pool.hpp"
#include "sim/task.hpp"
#include "sim/wait_list.hpp"

namespace clustersim::sim {

class Engine;

class Waiter;

class Process {
 public:
  Process(Engine& engine, std::string name, Task<> body);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // Processes come from the frame pool (dense, cache-line aligned): see sim/frame_pool.hpp.
  static void* operator new(std::size_t bytes) { return frame_pool::allocate(bytes); }
  static void operator delete(void* process, std::size_t bytes) noexcept { frame_pool::deallocate(process, bytes); }

  const std::string& name() const { return name_; }
  Engine& engine() const { return *engine_; }
  bool finished() const { return finished_; }
  // The exception that ended the body, if any (Interrupted ends it without an error).
  std::exception_ptr error() const { return error_; }

  // Deliver an interrupt: see the header comment. No effect on a finished process.
  void interrupt(std::string reason);

  // co_await process.join(): wait until this process has finished.
  Waiter join();

  // Called by awaitables from await_suspend: park at `resume_point` on `blocker`.
  // Returns false (do not suspend) when an interrupt is already pending.
  bool park(std::coroutine_handle<> resume_point, Blocker* blocker) {
    if (interrupt_pending_) return false;
    resume_point_ = resume_point;
    blocker_ = blocker;
    ++epoch_;
    return true;
  }
  // Called by awaitables from await_resume: throws Interrupted if one was delivered.
  void unpark() {
    blocker_ = nullptr;
    if (interrupt_pending_) throw_interrupt();
  }
  // The engine's wake-up generation: bumped at every park and interrupt, so stale wake-ups are ignored.
  std::uint32_t epoch() const { return epoch_; }

 private:
  friend class Engine;
  friend class ProcessRef;

  [[noreturn]] void throw_interrupt();

  // Hot fields first, in the first cache line (the pool aligns a Process to a line): the engine
  // touches only these on a wake-up.
  std::coroutine_handle<> resume_point_;
  Task<> body_;
  Blocker* blocker_ = nullptr;
  Engine* engine_;
  std::uint32_t epoch_ = 0;
  std::uint32_t refs_ = 0;
  bool finished_ = false;
  bool stops_run_on_error_ = true;
  bool interrupt_pending_ = false;
  std::size_t live_index_ = 0;
  // Cold fields.
  std::string interrupt_reason_;
  std::string name_;
  std::exception_ptr error_;
  WaitList joiners_;
  std::function<void(Process&)> on_finish_;
};

// Shared, non-atomic ownership of a Process.
class ProcessRef {
 public:
  ProcessRef() = default;
  explicit ProcessRef(Process* process) : process_(process) { retain(); }
  ProcessRef(const ProcessRef& other) : process_(other.process_) { retain(); }
  ProcessRef(ProcessRef&& other) noexcept : process_(std::exchange(other.process_, nullptr)) {}
  ProcessRef& operator=(ProcessRef other) noexcept {
    std::swap(process_, other.process_);
    return *this;
  }
  ~ProcessRef() { release(); }

  Process* get() const { return process_; }
  Process* operator->() const { return process_; }
  Process& operator*() const { return *process_; }
  explicit operator bool() const { return process_ != nullptr; }

  static void retain(Process* process) { ++process->refs_; }
  static void release(Process* process) {
    if (--process->refs_ == 0) delete process;
  }

 private:
  void retain() {
    if (process_) retain(process_);
  }
  void release() {
    if (process_) release(process_);
    process_ = nullptr;
  }
  Process* process_ = nullptr;
};

// The plain awaitable: park on a list until woken. A null list means "ready, do not wait".
class Waiter : public WaiterNode, public Blocker {
 public:
  explicit Waiter(WaitList* list) : target_(list) {}
  Waiter(Waiter&& other) noexcept : target_(std::exchange(other.target_, nullptr)) {}

  bool await_ready() const noexcept { return target_ == nullptr; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    process_ = handle.promise().process;
    if (!process_->park(handle, this)) return false;
    target_->push_back(this);
    return true;
  }
  void await_resume() {
    if (process_) process_->unpark();
  }
  void detach() noexcept override { unlink(); }

 private:
  WaitList* target_;
};

inline Waiter Process::join() {
  return Waiter(finished_ ? nullptr : &joiners_);
}

}  // namespace clustersim::sim
