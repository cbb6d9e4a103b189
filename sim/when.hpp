// when_all / when_any: run tasks concurrently as child processes and wait for them.
//
// Structured: the awaiting process resumes only after every child has finished.
//  - when_all: waits for all; if a child fails, the others are interrupted and the first failure
//    (in simulated-time order) is rethrown. Typed tasks return their values in input order.
//  - when_any: when the first child finishes, the others are interrupted; returns the index of
//    the first (and its value for typed tasks); rethrows if the first one failed.
// Interrupting the awaiting process interrupts every child. Children are named
// "<parent>/<index>" and start in index order at the current time.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "sim/process.hpp"

namespace clustersim::sim {

namespace detail {

struct ChildGroupState;

class ChildGroup : public Blocker {
 public:
  enum class Mode { all, any };
  ChildGroup(Mode mode, std::vector<Task<>> bodies);
  ChildGroup(ChildGroup&&) noexcept = default;
  ~ChildGroup();

  bool await_ready() const noexcept { return bodies_.empty(); }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    return start(handle.promise().process, handle);
  }
  // Returns the index of the first child that finished; rethrows the group's failure.
  std::size_t await_resume();
  void detach() noexcept override;

 private:
  bool start(Process* parent, std::coroutine_handle<> resume_point);
  Mode mode_;
  std::vector<Task<>> bodies_;
  std::shared_ptr<ChildGroupState> state_;
};

template <class T>
Task<> store_result(Task<T> task, std::shared_ptr<std::vector<std::optional<T>>> slots, std::size_t index) {
  (*slots)[index].emplace(co_await std::move(task));
}

}  // namespace detail

inline Task<> when_all(std::vector<Task<>> tasks) {
  co_await detail::ChildGroup(detail::ChildGroup::Mode::all, std::move(tasks));
}

template <class... More>
Task<> when_all(Task<> first, More... more) {
  std::vector<Task<>> tasks;
  tasks.push_back(std::move(first));
  (tasks.push_back(std::move(more)), ...);
  return when_all(std::move(tasks));
}

template <class T>
Task<std::vector<T>> when_all(std::vector<Task<T>> tasks) {
  auto slots = std::make_shared<std::vector<std::optional<T>>>(tasks.size());
  std::vector<Task<>> bodies;
  for (std::size_t i = 0; i < tasks.size(); ++i) bodies.push_back(detail::store_result(std::move(tasks[i]), slots, i));
  co_await detail::ChildGroup(detail::ChildGroup::Mode::all, std::move(bodies));
  std::vector<T> results;
  results.reserve(slots->size());
  for (auto& slot : *slots) results.push_back(std::move(*slot));
  co_return results;
}

// Index of the first task to finish.
inline Task<std::size_t> when_any(std::vector<Task<>> tasks) {
  if (tasks.empty()) throw std::invalid_argument("when_any: no tasks");
  co_return co_await detail::ChildGroup(detail::ChildGroup::Mode::any, std::move(tasks));
}

template <class... More>
Task<std::size_t> when_any(Task<> first, More... more) {
  std::vector<Task<>> tasks;
  tasks.push_back(std::move(first));
  (tasks.push_back(std::move(more)), ...);
  return when_any(std::move(tasks));
}

template <class T>
struct AnyResult {
  std::size_t index;
  T value;
};

template <class T>
Task<AnyResult<T>> when_any(std::vector<Task<T>> tasks) {
  if (tasks.empty()) throw std::invalid_argument("when_any: no tasks");
  auto slots = std::make_shared<std::vector<std::optional<T>>>(tasks.size());
  std::vector<Task<>> bodies;
  for (std::size_t i = 0; i < tasks.size(); ++i) bodies.push_back(detail::store_result(std::move(tasks[i]), slots, i));
  const std::size_t first = co_await detail::ChildGroup(detail::ChildGroup::Mode::any, std::move(bodies));
  co_return AnyResult<T>{first, std::move(*(*slots)[first])};
}

}  // namespace clustersim::sim
