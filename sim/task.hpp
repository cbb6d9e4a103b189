// Task<T>: a lazy C++20 coroutine that is the body of a simulated process, or a step of one.
//
// A Task does nothing until it is awaited (or spawned as a process by the Engine). Awaiting a
// Task transfers control to it symmetrically and resumes the awaiting coroutine when it returns;
// its value or exception is delivered at the co_await. Every promise records the Process it runs
// in, inherited from the awaiting coroutine, so engine awaitables know whom to suspend and wake.
// A Task owns its coroutine frame: destroying a suspended Task destroys the whole chain of frames
// below it, which is how the engine reclaims every process at shutdown. Frames are allocated from
// the frame pool (sim/frame_pool.hpp).
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

#include "sim/frame_pool.hpp"

namespace clustersim::sim {

class Process;

namespace detail {

struct PromiseBase {
  Process* process = nullptr;
  std::coroutine_handle<> continuation;
  std::exception_ptr error;

  // Frames come from the frame pool (dense, cache-line aligned): see sim/frame_pool.hpp.
  static void* operator new(std::size_t bytes) { return frame_pool::allocate(bytes); }
  static void operator delete(void* frame, std::size_t bytes) noexcept { frame_pool::deallocate(frame, bytes); }

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
      std::coroutine_handle<> next = self.promise().continuation;
      return next ? next : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T>
struct Promise;

}  // namespace detail

template <class T = void>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle handle) : handle_(handle) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  bool valid() const { return static_cast<bool>(handle_); }
  bool done() const { return handle_ && handle_.done(); }
  Handle handle() const { return handle_; }

  // Awaiting a task starts it in the awaiting coroutine's process.
  class Awaiter {
   public:
    explicit Awaiter(Handle child) : child_(child) {}
    bool await_ready() noexcept { return !child_ || child_.done(); }
    template <class ParentPromise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<ParentPromise> parent) noexcept {
      child_.promise().process = parent.promise().process;
      child_.promise().continuation = parent;
      return child_;
    }
    T await_resume() { return child_.promise().take_result(); }

   private:
    Handle child_;
  };
  Awaiter operator co_await() && noexcept { return Awaiter(handle_); }

 private:
  void reset() {
    if (handle_) handle_.destroy();
    handle_ = {};
  }
  Handle handle_;
};

namespace detail {

template <class T>
struct Promise : PromiseBase {
  std::optional<T> value;
  Task<T> get_return_object() { return Task<T>(std::coroutine_handle<Promise>::from_promise(*this)); }
  template <class U>
  void return_value(U&& result) {
    value.emplace(std::forward<U>(result));
  }
  T take_result() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object() { return Task<void>(std::coroutine_handle<Promise>::from_promise(*this)); }
  void return_void() noexcept {}
  void take_result() {
    if (error) std::rethrow_exception(error);
  }
};

}  // namespace detail
}  // namespace clustersim::sim
