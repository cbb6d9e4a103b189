// The checkpoint levels: when a level is due, firing it (a copy that blocks training, or an asynchronous one
// that runs beside training until done or aborted by a failure), and the age of the newest copy a level offers.
//
// When a checkpoint level fires. A level with `interval_steps` k fires once k steps have run since it
// last fired, and counts again from zero when training resumes after a recovery or a planned stop (a
// roll-back undoes the steps it counted). A level with a time `interval` T on the training clock (the
// default) does the same with time: it fires once T of training (time spent running steps, slowed ones
// included, the blocking copies of other levels not) has passed since it last fired, and starts again
// from zero when training resumes. Firing means starting a copy or skipping one because the level's
// previous copy is still in flight. With a constant step time t and T = k t, the two give the same
// campaign. On the wall clock (interval_clock = wall) T counts wall time since the level last fired and
// keeps running through detection, restart and reload, so right after a recovery the level fires at once.
//
// A copy's fixed overhead (planning, serialisation, synchronisation, metadata commit) is paid where the
// level pays its bytes: blocking levels stall training for it, asynchronous ones finish that much later.
// The DRAM snapshot an asynchronous level takes first (when DRAM does not hold the step yet) costs its
// bytes over PCIe only; that level's overhead is in its asynchronous copy. A shared-storage level due while the
// storage is out is skipped (campaign_storage.cpp).
#include <algorithm>
#include <optional>

#include "models/workload/campaign.hpp"
#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

sim::Task<> Campaign::fire_due_levels() {
  for (LevelState& state : levels_) {
    if (due(state) && !finished()) co_await fire(state);
  }
}

bool Campaign::due(const LevelState& state) const {
  return state.level.interval_steps > 0 ? ledger_.steps >= state.next_step : reached(clock_now(state), state.next_time);
}

void Campaign::schedule_next(LevelState& state) {
  if (state.level.interval_steps > 0) {
    state.next_step = ledger_.steps + state.level.interval_steps;
  } else {
    state.next_time = clock_now(state) + state.level.interval;
  }
}

// Training resumes after a recovery or a planned stop: step and training-clock levels count from zero.
void Campaign::restart_level_counts() {
  for (LevelState& state : levels_) {
    if (state.level.interval_steps > 0 || state.level.interval_clock == IntervalClock::training) schedule_next(state);
  }
}

sim::Task<> Campaign::fire(LevelState& state) {
  schedule_next(state);
  if (state.in_flight && !state.in_flight->finished()) {
    if (state.level.when_busy == WhenBusy::skip) {
      ++checkpoints_skipped_[state.name];
      co_return;
    }
    co_await wait_for(state.in_flight, BreakdownCause::checkpoint_blocking);
  }
  const double bytes = steps_.state_bytes_per_node();
  const SimTime start = engine_.now();
  switch (state.level.target) {
    case CheckpointTarget::host_dram:
      if (co_await copy_to_host_dram(state.level.copy_overhead)) {
        count_copy(state.name, start);
      } else {
        ++checkpoints_completed_[state.name];  // another level copied this step to DRAM already
      }
      break;
    case CheckpointTarget::partner_nvme:
      co_await copy_to_host_dram();
      state.in_flight_route = links_.host_to_partner_nvme(state.level.partner);
      state.in_flight =
          engine_.spawn(state.name, async_copy(&state, "partner_nvme", ledger_.steps, state.in_flight_route, bytes));
      break;
    case CheckpointTarget::shared_storage: {
      if (!storage_up()) {  // an outage: nothing can be written (campaign_storage.cpp)
        ++checkpoints_skipped_[state.name];
        break;
      }
      // Drain the newest partner copy from NVMe; without a partner level, the newest DRAM copy.
      const bool from_nvme = has_level(CheckpointTarget::partner_nvme);
      if (!from_nvme) co_await copy_to_host_dram();
      const std::optional<std::int64_t> source = from_nvme ? versions_.partner_nvme : versions_.host_dram;
      if (!source || source == versions_.shared) {
        ++checkpoints_skipped_[state.name];
        break;
      }
      state.in_flight_route = from_nvme ? links_.nvme_to_shared() : links_.host_dram_to_shared();
      state.in_flight =
          engine_.spawn(state.name, async_copy(&state, "shared_storage", *source, state.in_flight_route, bytes));
      break;
    }
    case CheckpointTarget::shared_storage_sync: {
      if (!storage_up()) {
        ++checkpoints_skipped_[state.name];
        break;
      }
      const double seconds = links_.lone_transfer_s(links_.host_to_shared(), bytes);
      co_await spend(BreakdownCause::checkpoint_blocking, SimTime::ceil_seconds(seconds) + state.level.copy_overhead);
      versions_.shared = ledger_.steps;
      snapshots_[ledger_.steps] = {ledger_, engine_.now()};
      count_copy(state.name, start);
      tier_traffic_["shared_storage"].bytes_written += bytes * config_.nodes;
      tier_traffic_["shared_storage"].busy_s += seconds;
      break;
    }
  }
}

// Copies the state to host DRAM unless it holds this step already, stalling training for the copy plus
// `overhead`, charged to `cause`; true when it copied.
sim::Task<bool> Campaign::copy_to_host_dram(SimTime overhead, BreakdownCause cause) {
  if (versions_.host_dram == ledger_.steps) co_return false;
  const double seconds = links_.lone_transfer_s(links_.gpu_to_host(), steps_.state_bytes_per_node());
  co_await spend(cause, SimTime::ceil_seconds(seconds) + overhead);
  versions_.host_dram = ledger_.steps;
  snapshots_[ledger_.steps] = {ledger_, engine_.now()};
  tier_traffic_["host_dram"].bytes_written += steps_.state_bytes_per_node() * config_.nodes;
  tier_traffic_["host_dram"].busy_s += seconds;
  co_return true;
}

sim::Task<> Campaign::async_copy(LevelState* level, std::string tier, std::int64_t version, Route route, double bytes) {
  const std::string& level_name = level->name;
  const CheckpointTarget target = level->level.target;
  const SimTime start = engine_.now();
  SimTime transfer_start;
  try {
    co_await engine_.sleep(level->level.copy_overhead);
    transfer_start = engine_.now();
    co_await traffic_.transfer(std::move(route), bytes);
  } catch (const sim::Interrupted&) {
    trace_slice(level->track, "copy aborted by a failure", start);
    throw;
  }
  trace_slice(level->track, "copy of step " + std::to_string(version), start);
  if (target == CheckpointTarget::partner_nvme) {
    versions_.partner_nvme = version;
  } else {
    versions_.shared = version;
  }
  count_copy(level_name, start);
  tier_traffic_[tier].bytes_written += bytes * config_.nodes;
  tier_traffic_[tier].busy_s += (engine_.now() - transfer_start).to_seconds();
}

// Waits for a copy in flight to finish, charging the wait to `cause` (also the part before an interrupt).
sim::Task<> Campaign::wait_for(sim::ProcessRef copy, BreakdownCause cause) {
  const SimTime start = engine_.now();
  try {
    co_await copy->join();
  } catch (const sim::Interrupted&) {
    breakdown_[cause] += (engine_.now() - start).to_seconds();
    throw;
  }
  breakdown_[cause] += (engine_.now() - start).to_seconds();
}

// A level's copy that moved the state completed; it started at `start` (after any wait for the level).
void Campaign::count_copy(const std::string& level_name, SimTime start) {
  ++checkpoints_completed_[level_name];
  CopyTime& time = checkpoint_copy_time_[level_name];
  ++time.copies;
  time.seconds += (engine_.now() - start).to_seconds();
}

bool Campaign::has_level(CheckpointTarget target) const {
  return std::any_of(levels_.begin(), levels_.end(), [&](const LevelState& s) { return s.level.target == target; });
}

void Campaign::abort_async_copies() {
  for (LevelState& state : levels_) {
    if (state.in_flight && !state.in_flight->finished()) state.in_flight->interrupt("failure during the copy");
    state.in_flight = sim::ProcessRef();
  }
}

// The recovery point a level offers: how old the newest copy on its tier, or on a slower one, is (now less the
// time the job was at that copy's step; a partner copy is also in DRAM, a drained one on shared storage too).
// With no copy at all, the whole run so far.
SimTime Campaign::copy_age(const LevelState& state) const {
  const std::string_view tier = recovery_tier_of(state.level.target);
  std::optional<std::int64_t> newest = versions_.shared;
  const auto consider = [&](const std::optional<std::int64_t>& version) {
    if (version && (!newest || *version > *newest)) newest = version;
  };
  if (tier != "shared_storage") consider(versions_.partner_nvme);
  if (tier == "host_dram") consider(versions_.host_dram);
  const auto found = newest ? snapshots_.find(*newest) : snapshots_.end();
  return found == snapshots_.end() ? engine_.now() : engine_.now() - found->second.taken;
}

}  // namespace clustersim::models::workload
