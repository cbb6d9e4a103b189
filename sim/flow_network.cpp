#include "sim/flow_network.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <stdexcept>

namespace clustersim::sim {

namespace {

// A recomputed rate this close (relative) to the one in use is not applied: the flow keeps its
// prediction, so a re-solve does not reschedule flows whose share did not really move.
constexpr double kRateTolerance = 1e-12;
// Remaining work below this fraction of the flow's size, found when its rate changes, is done.
constexpr double kDoneFraction = 1e-9;
// A re-solve that gives new rates to more than heap size / kRebuildFraction flows writes their
// completion entries in place and restores the heap order once, in O(heap size), instead of
// sifting every entry (O(log heap size) each).
constexpr std::size_t kRebuildFraction = 8;
// Solved flows ahead of the one being applied whose transfer is prefetched (slot lookups: twice as
// far). BM_FlowChurn/100000: 145-150 -> 203-205 flows/s (4: 188-191).
constexpr std::size_t kApplyPrefetch = 8;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

bool later(const auto& a, const auto& b) {
  return a.time_ns > b.time_ns || (a.time_ns == b.time_ns && a.sequence > b.sequence);
}

}  // namespace

FlowNetwork::FlowNetwork(Engine& engine) : engine_(engine), hook_(std::make_unique<Engine::InstantEndHook>()) {
  hook_->run = [this] { on_instant_end(); };
}

FlowNetwork::~FlowNetwork() {
  for (Transfer& t : transfers_) {
    if (t.state == State::free) continue;
    t.awaiter->network_ = nullptr;  // its process may be destroyed later: it must not call back
    if (t.state == State::latency) engine_.cancel(t.latency_timer);
  }
  if (timer_armed_) engine_.cancel(timer_);
  engine_.disarm(*hook_);
}

// ---- constraints ----------------------------------------------------------------------------

ConstraintId FlowNetwork::add_constraint(std::string name, double capacity_per_s, SharingPolicy policy) {
  if (!std::isfinite(capacity_per_s) || capacity_per_s < 0.0) {
    throw std::invalid_argument("FlowNetwork: constraint '" + name + "': capacity_per_s must be finite and >= 0, got " +
                                number(capacity_per_s));
  }
  const ConstraintId id = solver_.add_constraint(capacity_per_s, policy);
  constraint_names_.push_back(std::move(name));
  return id;
}

const std::string& FlowNetwork::constraint_name(ConstraintId id) const {
  if (id.value >= constraint_names_.size()) {
    throw std::invalid_argument("FlowNetwork::constraint_name: unknown constraint id " +
                                (id.valid() ? std::to_string(id.value) : std::string("<none>")));
  }
  return constraint_names_[id.value];
}

void FlowNetwork::set_capacity(ConstraintId id, double capacity_per_s) {
  const std::string& name = constraint_name(id);
  if (!std::isfinite(capacity_per_s) || capacity_per_s < 0.0) {
    throw std::invalid_argument("FlowNetwork: constraint '" + name + "': capacity_per_s must be finite and >= 0, got " +
                                number(capacity_per_s));
  }
  solver_.set_capacity(id, capacity_per_s);
  if (solver_.needs_solve()) request_solve();
}

double FlowNetwork::utilisation(ConstraintId id) const {
  const double capacity_per_s = solver_.capacity(id);
  return capacity_per_s > 0.0 ? solver_.load(id) / capacity_per_s : 0.0;
}

// ---- transfers ------------------------------------------------------------------------------

void FlowNetwork::validate(const FlowSpec& spec) const {
  // The message is built only on failure: transfer() is on the hot path of every flow.
  const auto fail = [&spec](const std::string& what) {
    throw std::invalid_argument("FlowNetwork::transfer: flow '" + spec.name + "': " + what);
  };
  if (!std::isfinite(spec.work) || spec.work < 0.0) fail("work must be finite and >= 0, got " + number(spec.work));
  if (!std::isfinite(spec.weight) || spec.weight <= 0.0) {
    fail("weight must be finite and > 0, got " + number(spec.weight));
  }
  if (spec.rate_bound_per_s && (!std::isfinite(*spec.rate_bound_per_s) || *spec.rate_bound_per_s <= 0.0)) {
    fail("rate_bound_per_s must be finite and > 0, got " + number(*spec.rate_bound_per_s));
  }
  if (spec.latency < SimTime::zero()) fail("latency must be >= 0, got " + to_string(spec.latency));
  for (std::size_t i = 0; i < spec.constraints.size(); ++i) {
    const FlowUse& use = spec.constraints[i];
    if (use.constraint.value >= constraint_names_.size()) {
      fail("constraints[" + std::to_string(i) + "].constraint: unknown constraint id " +
           (use.constraint.valid() ? std::to_string(use.constraint.value) : std::string("<none>")));
    }
    if (!std::isfinite(use.coefficient) || use.coefficient <= 0.0) {
      fail("constraints[" + std::to_string(i) + "].coefficient must be finite and > 0, got " + number(use.coefficient));
    }
  }
  if (spec.work > 0.0 && spec.constraints.empty() && !spec.rate_bound_per_s) {
    fail("needs at least one constraint or a rate_bound_per_s (its rate would be infinite)");
  }
}

FlowNetwork::TransferAwaiter FlowNetwork::transfer(FlowSpec spec) {
  validate(spec);
  return TransferAwaiter(*this, std::move(spec));
}

void FlowNetwork::start(TransferAwaiter& awaiter) {
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    if (transfers_.size() >= FlowId::kNone) throw std::length_error("FlowNetwork: too many transfers in flight");
    slot = static_cast<std::uint32_t>(transfers_.size());
    transfers_.emplace_back();
    heap_pos_.push_back(kNoPos);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Transfer& t = transfers_[slot];
  t.work = awaiter.spec_.work;
  t.remaining = t.work;
  t.rate = 0.0;
  t.started = engine_.now();
  t.last_update = t.started;
  t.sequence = next_sequence_++;
  t.awaiter = &awaiter;
  t.state = State::latency;
  awaiter.id_ = FlowId{slot, t.generation};
  ++in_flight_;
  ++flows_started_;
  if (awaiter.spec_.latency > SimTime::zero()) {
    const std::uint32_t generation = t.generation;
    t.latency_timer = engine_.schedule_after(awaiter.spec_.latency, [this, slot, generation] {
      if (transfers_[slot].generation == generation && transfers_[slot].state == State::latency) activate(slot);
    });
  } else {
    activate(slot);
  }
}

void FlowNetwork::activate(std::uint32_t slot) {
  Transfer& t = transfers_[slot];
  if (t.work == 0.0) {
    complete(slot);
    return;
  }
  const FlowSpec& spec = t.awaiter->spec_;
  const FlowSolver::FlowIndex flow =
      solver_.add_flow(spec.weight, spec.rate_bound_per_s.value_or(FlowSolver::kUnbounded), spec.constraints);
  if (flow >= owner_.size()) owner_.resize(flow + 1);
  owner_[flow] = slot;
  t.flow = flow;
  t.state = State::active;
  t.last_update = engine_.now();
  t.rate = 0.0;
  ++active_;
  request_solve();
}

void FlowNetwork::complete(std::uint32_t slot) {
  Transfer& t = transfers_[slot];
  if (t.state == State::active) {
    solver_.remove_flow(t.flow);
    --active_;
    request_solve();
  }
  TransferAwaiter* awaiter = t.awaiter;
  awaiter->id_ = FlowId{};
  ++flows_completed_;
  release_slot(slot);
  engine_.wake(*awaiter->process_);
}

void FlowNetwork::abandon(FlowId id, bool interrupted) noexcept {
  Transfer& t = transfers_[id.slot];
  if (t.state == State::latency) engine_.cancel(t.latency_timer);
  if (t.state == State::active) {
    solver_.remove_flow(t.flow);
    --active_;
    request_solve();
  }
  t.awaiter->id_ = FlowId{};
  if (interrupted) ++flows_interrupted_;
  release_slot(id.slot);
}

void FlowNetwork::release_slot(std::uint32_t slot) {
  Transfer& t = transfers_[slot];
  t.state = State::free;
  t.awaiter = nullptr;
  ++t.generation;
  heap_remove(slot);
  --in_flight_;
  free_slots_.push_back(slot);
}

// ---- reports --------------------------------------------------------------------------------

bool FlowNetwork::in_flight(FlowId id) const {
  return id.slot < transfers_.size() && transfers_[id.slot].generation == id.generation &&
         transfers_[id.slot].state != State::free;
}

const FlowNetwork::Transfer& FlowNetwork::checked(FlowId id, const char* what) const {
  if (!in_flight(id)) {
    throw std::invalid_argument(
        std::string("FlowNetwork::") + what + ": flow " +
        (id.valid() ? std::to_string(id.slot) + "/" + std::to_string(id.generation) : std::string("<none>")) +
        " is not in flight");
  }
  return transfers_[id.slot];
}

double FlowNetwork::rate(FlowId id) const {
  return checked(id, "rate").rate;
}

double FlowNetwork::remaining_work(FlowId id) const {
  const Transfer& t = checked(id, "remaining_work");
  const double done = t.rate * (engine_.now() - t.last_update).to_seconds();
  return std::max(0.0, t.remaining - done);
}

std::vector<FlowSnapshot> FlowNetwork::snapshot() const {
  std::vector<const Transfer*> live;
  for (const Transfer& t : transfers_) {
    if (t.state != State::free) live.push_back(&t);
  }
  std::sort(live.begin(), live.end(), [](const Transfer* a, const Transfer* b) { return a->sequence < b->sequence; });
  std::vector<FlowSnapshot> result;
  result.reserve(live.size());
  for (const Transfer* t : live) {
    const FlowId id = t->awaiter->id_;
    result.push_back(FlowSnapshot{id, t->awaiter->spec_.name, t->work, remaining_work(id), t->rate, t->started,
                                  t->state == State::latency});
  }
  return result;
}

// ---- re-solve and completions -------------------------------------------------------------------

void FlowNetwork::on_instant_end() {
  while (solver_.needs_solve()) {
    solver_.solve();
    ++solve_count_;
    const std::span<const FlowSolver::FlowIndex> solved = solver_.solved_flows();
    heap_deferred_ = solved.size() > heap_.size() / kRebuildFraction;
    for (std::size_t i = 0; i < solved.size(); ++i) {
      // The transfers are scattered in memory: prefetch them ahead (their slots twice as far).
      if (i + 2 * kApplyPrefetch < solved.size()) __builtin_prefetch(&owner_[solved[i + 2 * kApplyPrefetch]]);
      if (i + kApplyPrefetch < solved.size()) __builtin_prefetch(&transfers_[owner_[solved[i + kApplyPrefetch]]]);
      apply_rate(owner_[solved[i]], solver_.rate(solved[i]));
    }
    if (heap_deferred_) heap_rebuild();
  }
  rearm_timer();
}

void FlowNetwork::apply_rate(std::uint32_t slot, double rate) {
  Transfer& t = transfers_[slot];
  if (std::abs(rate - t.rate) <= kRateTolerance * t.rate) return;  // also when both are 0
  const SimTime now = engine_.now();
  if (t.rate > 0.0) t.remaining -= t.rate * SimTime::from_ns(now.ns() - t.last_update.ns()).to_seconds();
  t.last_update = now;
  t.rate = rate;
  if (t.remaining <= kDoneFraction * t.work) {
    complete(slot);  // drops its completion entry
    return;
  }
  if (rate > 0.0) {
    push_completion(slot);
  } else {
    heap_remove(slot);  // at rate 0 it stalls until a re-solve gives it bandwidth
  }
}

void FlowNetwork::push_completion(std::uint32_t slot) {
  const Transfer& t = transfers_[slot];
  const double duration_s = t.remaining / t.rate;
  const std::int64_t start_ns = t.last_update.ns();
  // Beyond the end of time: no entry. (The same test and rounding as SimTime::ceil_seconds, inline.)
  if (!(duration_s < static_cast<double>(SimTime::max().ns() - start_ns) * 1e-9 * 0.5)) {
    heap_remove(slot);
    return;
  }
  // The one place where a completion time is rounded: up, so no flow finishes before its work is done.
  const auto duration_ns = std::max<std::int64_t>(static_cast<std::int64_t>(std::ceil(duration_s * 1e9)), 1);
  const Completion entry{start_ns + duration_ns, t.sequence, slot};
  const std::uint32_t pos = heap_pos_[slot];
  if (pos == kNoPos) {
    heap_.push_back(entry);
    heap_place(heap_.size() - 1, entry);
  } else {
    heap_place(pos, entry);
  }
}

// Puts entry at pos and restores the heap order around it (it moves up or down, not both); while
// heap_deferred_, only puts it there (heap_rebuild() restores the order).
void FlowNetwork::heap_place(std::size_t pos, Completion entry) {
  if (!heap_deferred_) {
    while (pos > 0) {
      const std::size_t parent = (pos - 1) / 2;
      if (!later(heap_[parent], entry)) break;
      heap_[pos] = heap_[parent];
      heap_pos_[heap_[pos].slot] = static_cast<std::uint32_t>(pos);
      pos = parent;
    }
    pos = heap_sift_down(pos, entry);
  }
  heap_[pos] = entry;
  heap_pos_[entry.slot] = static_cast<std::uint32_t>(pos);
}

// Moves the entries below pos up until entry can go there; returns where it goes.
std::size_t FlowNetwork::heap_sift_down(std::size_t pos, const Completion& entry) {
  const std::size_t size = heap_.size();
  for (;;) {
    std::size_t child = 2 * pos + 1;
    if (child >= size) break;
    if (child + 1 < size && later(heap_[child], heap_[child + 1])) ++child;
    if (!later(entry, heap_[child])) break;
    heap_[pos] = heap_[child];
    heap_pos_[heap_[pos].slot] = static_cast<std::uint32_t>(pos);
    pos = child;
  }
  return pos;
}

// Restores the heap order of entries written in place (bottom-up heap construction, O(size)).
void FlowNetwork::heap_rebuild() {
  heap_deferred_ = false;
  for (std::size_t pos = heap_.size() / 2; pos-- > 0;) {
    const Completion entry = heap_[pos];
    const std::size_t to = heap_sift_down(pos, entry);
    heap_[to] = entry;
    heap_pos_[entry.slot] = static_cast<std::uint32_t>(to);
  }
}

void FlowNetwork::heap_remove(std::uint32_t slot) {
  const std::uint32_t pos = heap_pos_[slot];
  if (pos == kNoPos) return;
  heap_pos_[slot] = kNoPos;
  const Completion last = heap_.back();
  heap_.pop_back();
  const std::size_t size = heap_.size();
  if (pos >= size) return;
  std::size_t hole = pos;
  if (!heap_deferred_) {  // the hole goes down to a leaf along the smaller children (one comparison a level) ...
    for (std::size_t child = 2 * hole + 1; child < size; child = 2 * hole + 1) {
      if (child + 1 < size && later(heap_[child], heap_[child + 1])) ++child;
      heap_[hole] = heap_[child];
      heap_pos_[heap_[hole].slot] = static_cast<std::uint32_t>(hole);
      hole = child;
    }
  }
  heap_place(hole, last);  // ... and the last entry, placed there, sifts up (usually not far)
}

void FlowNetwork::on_timer() {
  timer_armed_ = false;
  const std::int64_t now_ns = engine_.now().ns();
  bool completed = false;
  while (!heap_.empty() && heap_.front().time_ns <= now_ns) {
    complete(heap_.front().slot);  // its predicted time has come: its work is done (rounded up)
    completed = true;
  }
  if (!completed) rearm_timer();  // otherwise the re-solve at the end of this instant re-arms
}

void FlowNetwork::rearm_timer() {
  if (heap_.empty()) {
    if (timer_armed_) engine_.cancel(timer_);
    timer_armed_ = false;
    return;
  }
  const std::int64_t next_ns = heap_.front().time_ns;
  if (timer_armed_ && timer_ns_ == next_ns) return;
  if (timer_armed_) engine_.cancel(timer_);
  timer_ = engine_.schedule_at(SimTime::from_ns(next_ns), [this] { on_timer(); });
  timer_armed_ = true;
  timer_ns_ = next_ns;
}

}  // namespace clustersim::sim
