// FlowNetwork: transfers that share constraints by weighted max-min fairness, in simulated time.
//
// `co_await network.transfer(spec)` moves spec.work units (bytes, or any unit the constraints'
// capacities are given in) across spec.constraints and completes when the work is done. The flow
// first waits spec.latency without using bandwidth, then joins the FlowSolver (see flow_solver.hpp
// for the sharing model) and progresses at the rate the solver gives it:
//   remaining(t) = remaining(t0) - rate * (t - t0)   while the rate stays constant since t0,
//   completion   = t0 + ceil_ns(remaining(t0) / rate)  (rounded up once, here, to the next ns).
// Remaining work is brought up to date lazily, only when a flow's rate changes; predicted
// completions sit in an indexed min-heap (one entry per moving flow, moved in place when its rate
// changes, so no stale entries; when a re-solve moves more than 1/8 of the entries, they are written
// in place and the heap is rebuilt bottom-up, O(entries)) and one engine timer is armed for the earliest. Every change
// at one simulated instant (flows starting, finishing, interrupted, capacities changed) is batched into a single
// re-solve at the end of the instant. A recomputed rate within 1e-12 (relative) of the current one is kept as is, so a
// re-solve only touches flows whose share really moved; a flow whose remaining work is below 1e-9 of its size when its
// rate changes is complete (no zero-length re-arms). A rate of 0 (a constraint at capacity 0: a failed server or link)
// stalls the flow until the capacity comes back. Interrupting the waiting process removes its flow from the solver at
// once; zero-work flows complete after their latency. Events at one instant complete in (time, start order), so runs
// are deterministic.
//
// Lifetime: the engine must outlive the network; processes parked on a transfer may be destroyed
// before or after the network (Engine::shutdown). A network destroyed in the middle of an instant
// in which it changed something disarms its end-of-instant hook (the pending re-solve is dropped).
#pragma once

#include <coroutine>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/flow_solver.hpp"
#include "sim/process.hpp"
#include "sim/time.hpp"

namespace clustersim::sim {

struct FlowSpec {
  double work = 0.0;                       // units to move (bytes, ...), finite and >= 0
  double weight = 1.0;                     // share relative to competing flows, finite and > 0
  std::optional<double> rate_bound_per_s;  // cap on the rate (units/s), finite and > 0; none = no cap
  SimTime latency = SimTime::zero();       // before the flow starts using bandwidth, >= 0
  std::vector<FlowUse> constraints;        // what it crosses, with units used per unit of work
  std::string name;                        // for reports and error messages
};

// A transfer in a network; stays valid (and refers to nothing) after the transfer ends.
struct FlowId {
  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::uint32_t slot = kNone;
  std::uint32_t generation = 0;
  bool valid() const { return slot != kNone; }
  friend bool operator==(FlowId, FlowId) = default;
};

struct FlowSnapshot {
  FlowId id;
  std::string name;
  double work = 0.0;
  double remaining_work = 0.0;  // as of now()
  double rate_per_s = 0.0;      // 0 while in its latency
  SimTime started;              // when transfer() was awaited
  bool in_latency = false;
};

class FlowNetwork {
 public:
  class TransferAwaiter;

  explicit FlowNetwork(Engine& engine);
  FlowNetwork(const FlowNetwork&) = delete;
  FlowNetwork& operator=(const FlowNetwork&) = delete;
  ~FlowNetwork();

  Engine& engine() const { return engine_; }

  // Constraints: capacity in units/s, finite and >= 0. A change takes effect at the end of the instant.
  ConstraintId add_constraint(std::string name, double capacity_per_s, SharingPolicy policy = SharingPolicy::shared);
  void set_capacity(ConstraintId id, double capacity_per_s);
  double capacity(ConstraintId id) const { return solver_.capacity(id); }
  const std::string& constraint_name(ConstraintId id) const;
  std::size_t constraint_count() const { return constraint_names_.size(); }
  // Rate in use (sum of coefficient x rate; the largest one for a fatpipe) and that over capacity
  // (0 when the capacity is 0), as of the last re-solve.
  double load_per_s(ConstraintId id) const { return solver_.load(id); }
  double utilisation(ConstraintId id) const;

  // co_await transfer(spec): see the header comment. Throws std::invalid_argument naming the flow
  // and the offending field when the spec is bad.
  [[nodiscard]] TransferAwaiter transfer(FlowSpec spec);

  // Reports. rate() and remaining_work() throw std::invalid_argument for a flow not in flight.
  bool in_flight(FlowId id) const;
  double rate(FlowId id) const;
  double remaining_work(FlowId id) const;
  std::vector<FlowSnapshot> snapshot() const;  // flows in flight, in start order
  std::size_t flows_in_flight() const { return in_flight_; }
  std::uint64_t flows_started() const { return flows_started_; }
  std::uint64_t flows_completed() const { return flows_completed_; }
  std::uint64_t flows_interrupted() const { return flows_interrupted_; }
  std::uint64_t solve_count() const { return solve_count_; }  // batched re-solves
  const FlowSolver& solver() const { return solver_; }
  // Check every re-solve's allocation (FlowSolver::set_verify_each_solve; on in debug builds).
  void set_verify_each_solve(bool on) { solver_.set_verify_each_solve(on); }

 private:
  enum class State : std::uint8_t { free, latency, active };
  static constexpr std::uint32_t kNoPos = 0xffffffffu;
  struct Transfer {
    double work = 0.0;
    double remaining = 0.0;  // as of last_update
    double rate = 0.0;       // in use since last_update
    SimTime last_update;
    SimTime started;
    std::uint64_t sequence = 0;  // start order, breaks ties between equal completion times
    TransferAwaiter* awaiter = nullptr;
    TimerId latency_timer;
    FlowSolver::FlowIndex flow = 0;
    std::uint32_t generation = 0;  // bumped when the slot is freed (FlowId validity)
    State state = State::free;
  };
  struct Completion {
    std::int64_t time_ns;
    std::uint64_t sequence;
    std::uint32_t slot;
  };

  void start(TransferAwaiter& awaiter);
  void activate(std::uint32_t slot);
  void complete(std::uint32_t slot);
  void abandon(FlowId id, bool interrupted) noexcept;
  void release_slot(std::uint32_t slot);
  const Transfer& checked(FlowId id, const char* what) const;
  void validate(const FlowSpec& spec) const;
  void request_solve() { engine_.arm_at_instant_end(*hook_); }
  void on_instant_end();
  void apply_rate(std::uint32_t slot, double rate);
  void push_completion(std::uint32_t slot);
  void heap_remove(std::uint32_t slot);
  void heap_place(std::size_t pos, Completion entry);  // sifts entry up or down from pos
  std::size_t heap_sift_down(std::size_t pos, const Completion& entry);
  void heap_rebuild();
  void on_timer();
  void rearm_timer();

  Engine& engine_;
  FlowSolver solver_;
  std::vector<std::string> constraint_names_;
  std::vector<Transfer> transfers_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::uint32_t> owner_;  // solver flow index -> transfer slot
  std::vector<Completion> heap_;
  std::vector<std::uint32_t> heap_pos_;  // slot -> index of its entry in heap_, kNoPos when it has none
  bool heap_deferred_ = false;           // entries are written in place; heap_rebuild() restores the order
  std::unique_ptr<Engine::InstantEndHook> hook_;
  TimerId timer_;
  bool timer_armed_ = false;
  std::int64_t timer_ns_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t active_ = 0;  // flows in the solver
  std::uint64_t next_sequence_ = 0;
  std::uint64_t flows_started_ = 0;
  std::uint64_t flows_completed_ = 0;
  std::uint64_t flows_interrupted_ = 0;
  std::uint64_t solve_count_ = 0;
};

// The awaitable of transfer(). Parks the process until the transfer completes; an interrupt
// removes the flow and throws Interrupted at the co_await.
class FlowNetwork::TransferAwaiter : public Blocker {
 public:
  TransferAwaiter(const TransferAwaiter&) = delete;
  TransferAwaiter& operator=(const TransferAwaiter&) = delete;
  ~TransferAwaiter() {
    if (network_ != nullptr && id_.valid()) network_->abandon(id_, false);
  }

  bool await_ready() const noexcept { return spec_.work == 0.0 && spec_.latency == SimTime::zero(); }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    process_ = handle.promise().process;
    if (!process_->park(handle, this)) return false;
    network_->start(*this);
    return true;
  }
  void await_resume() {
    if (process_ != nullptr) process_->unpark();
  }
  void detach() noexcept override {
    if (network_ != nullptr && id_.valid()) network_->abandon(id_, true);
  }

  // The transfer while it is in flight (invalid before the co_await and after it ends).
  FlowId id() const { return id_; }
  const FlowSpec& spec() const { return spec_; }

 private:
  friend class FlowNetwork;
  TransferAwaiter(FlowNetwork& network, FlowSpec spec) : network_(&network), spec_(std::move(spec)) {}

  FlowNetwork* network_;
  FlowSpec spec_;
  Process* process_ = nullptr;
  FlowId id_;
};

}  // namespace clustersim::sim
