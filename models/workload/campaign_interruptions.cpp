// Interruptions that are not failures.
//
// Planned interruptions (campaign_config.hpp) stop the job at the first step boundary at or after their
// time: the copies in flight finish, the state goes to host DRAM, the window passes, the job restarts
// and reloads from DRAM; all of it is charged to planned_maintenance, and no work is lost.
//
// A fail-slow GPU (FailSlow) stretches every step by its slowdown from the first step boundary after it goes
// slow until the one after it is found; the stretch and the drain of its node are charged to fail_slow.
#include <algorithm>

#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

// The first planned interruption after `time` (nullopt: none before the horizon): the next multiple of the
// period, or an exponential gap from `time` (memoryless, so the same after a stop as after the last arrival).
std::optional<SimTime> Campaign::planned_after(SimTime time) {
  const PlannedInterruptions& planned = config_.failures.planned;
  if (planned.period <= SimTime::zero()) return std::nullopt;
  const SimTime next = planned.arrival == PlannedInterruptions::Arrival::periodic
                           ? planned.period * (time.ns() / planned.period.ns() + 1)
                           : time + planned_rng_.exponential_mean(planned.period);
  if (next >= config_.horizon) return std::nullopt;
  return next;
}

// A planned interruption at a step boundary: let the copies in flight finish, snapshot to DRAM, wait out
// the window, restart and reload from DRAM. Planned times that pass during the stop are the same
// maintenance. A failure meanwhile is recovered as usual (nothing was lost to the stop itself).
sim::Task<> Campaign::planned_stop() {
  next_planned_ = planned_after(engine_.now());
  record_interruption("planned_maintenance");
  for (LevelState& state : levels_) {
    if (state.in_flight && !state.in_flight->finished()) {
      co_await wait_for(state.in_flight, BreakdownCause::planned_maintenance);
    }
  }
  co_await copy_to_host_dram(SimTime::zero(), BreakdownCause::planned_maintenance);
  co_await spend(BreakdownCause::planned_maintenance,
                 config_.failures.planned.duration + config_.failures.restart_overhead);
  const double reload_s = links_.lone_transfer_s(links_.host_to_gpu(), steps_.state_bytes_per_node());
  co_await spend(BreakdownCause::planned_maintenance, SimTime::ceil_seconds(reload_s));
  if (next_planned_ && *next_planned_ <= engine_.now()) next_planned_ = planned_after(engine_.now());
  restart_level_counts();
}

// The first fail-slow onset after `time` (nullopt: none, or none before the horizon).
std::optional<SimTime> Campaign::slow_onset_after(SimTime time) {
  const FailSlow& slow = config_.failures.fail_slow;
  if (!(slow.rate_per_gpu_hour > 0)) return std::nullopt;
  const double gpus = static_cast<double>(config_.nodes) * config_.node.gpus;
  const SimTime next = time + SimTime::from_seconds(fail_slow_rng_.exponential(slow.rate_per_gpu_hour * gpus / 3600));
  if (next >= config_.horizon) return std::nullopt;
  return next;
}

// A GPU went slow: every step from here on is stretched until it is found.
void Campaign::begin_fail_slow() {
  if (trace_ != nullptr) trace_->instant(failure_track_, "a GPU goes slow", engine_.now());
  slowdown_ = config_.failures.fail_slow.step_slowdown;
  slow_found_at_ = *next_slow_onset_ + config_.failures.fail_slow.time_to_detect;
  next_slow_onset_.reset();
}

// The slow GPU is found: stop at this step boundary with the state in DRAM, swap its node for a spare (the slow
// node sends it its state over the fabric, as to a partner), restart and carry on at full speed.
// The state changes come first, so that a failure during the drain leaves the job at full speed with its next
// onset drawn (as a planned stop draws its next one first).
sim::Task<> Campaign::drain_slow_node() {
  slow_found_at_.reset();
  slowdown_ = 1;
  next_slow_onset_ = slow_onset_after(engine_.now());
  record_interruption("fail_slow");
  co_await copy_to_host_dram(SimTime::zero(), BreakdownCause::fail_slow);
  send_to_repair(config_.failures.node_repair_time);
  co_await acquire_spares(1);
  const bool in_place = config_.failures.recovery == RecoveryMode::in_place;
  co_await spend(BreakdownCause::fail_slow,
                 in_place ? config_.failures.in_place_overhead : config_.failures.restart_overhead);
  const double bytes = steps_.state_bytes_per_node();
  const double reload_s =
      std::max(links_.lone_transfer_s(links_.host_to_gpu(), bytes),
               links_.lone_transfer_s(links_.host_to_partner_nvme(PartnerPlacement::other_rack), bytes));
  co_await spend(BreakdownCause::fail_slow, SimTime::ceil_seconds(reload_s));
  restart_level_counts();
}

}  // namespace clustersim::models::workload
