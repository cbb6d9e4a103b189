// The job's step loop: stage the data, then run steps in bulk between checkpoint triggers (one step at a time
// while a checkpoint copy shares its links), fire the checkpoint levels, and on a failure roll back and recover.
// A bulk of steps ends at the next step boundary where the job has something to do: a level due, a planned
// stop, a GPU going slow or being found, the budget or the horizon.
#include <algorithm>
#include <cmath>

#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

sim::Task<> Campaign::job() {
  bool staged = false;
  bool failed = false;
  while (!finished()) {
    try {
      if (failed) {
        co_await recover();  // a failure during recovery lands in the handler again
        failed = false;
        continue;
      }
      if (!staged) {
        co_await stage_data();
        staged = true;
      }
      co_await advance();
      if (event_due(next_planned_)) {
        co_await planned_stop();
        continue;
      }
      if (event_due(next_slow_onset_)) begin_fail_slow();
      if (event_due(slow_found_at_)) {
        co_await drain_slow_node();
        continue;
      }
      co_await fire_due_levels();
    } catch (const sim::Interrupted&) {
      abort_async_copies();
      failed = true;
    }
  }
  time_to_train_ = engine_.now();
  budget_reached_ = true;
  engine_.stop();
}

sim::Task<> Campaign::stage_data() {
  if (config_.data.mode != DataMode::staged_to_local_nvme) co_return;
  co_await wait_for_storage();
  const double dataset = dataset_bytes(config_);
  const double bytes = dataset / config_.nodes;
  const NodeLinks links(config_, {0.0, storage_io_.staging_read_bytes_per_s(config_.nodes)});
  const double seconds = links.lone_transfer_s(links.shared_to_nvme(), bytes);
  co_await spend(BreakdownCause::data_staging, SimTime::ceil_seconds(seconds));
  tier_traffic_["shared_storage"].bytes_read += dataset;
}

double Campaign::data_stall_s(double busy_step_s) const {
  if (config_.data.mode != DataMode::streamed_from_shared_storage) return 0.0;
  const NodeLinks links(config_, {0.0, storage_io_.streamed_read_bytes_per_s()});
  const double read_s = links.lone_transfer_s(links.shared_to_gpu(), steps_.data_bytes_per_node_per_step());
  return std::max(0.0, read_s - busy_step_s);
}

// The step at which the next checkpoint level fires (or the budget is met).
std::int64_t Campaign::next_stop_step() const {
  std::int64_t stop = steps_needed_;
  const auto steps_to = [&](SimTime wait) {
    const double wait_s = std::max(0.0, (wait - kClockSlack).to_seconds());
    return ledger_.steps + static_cast<std::int64_t>(std::ceil(wait_s / step_s()));
  };
  for (const LevelState& state : levels_) {
    if (state.level.interval_steps > 0) {
      stop = std::min(stop, state.next_step);
    } else {
      stop = std::min(stop, steps_to(state.next_time - clock_now(state)));
    }
  }
  for (const std::optional<SimTime>& event : {next_planned_, next_slow_onset_, slow_found_at_}) {
    if (event) stop = std::min(stop, steps_to(*event - engine_.now()));
  }
  // Never plan past the horizon (and never overflow simulated time).
  const double left_s = std::max(0.0, (config_.horizon - engine_.now()).to_seconds());
  stop = std::min(stop, ledger_.steps + static_cast<std::int64_t>(left_s / step_s()) + 1);
  return std::max(stop, ledger_.steps);
}

sim::Task<> Campaign::advance() {
  const std::int64_t stop = next_stop_step();
  if (stop <= ledger_.steps) co_return;
  if (copy_shares_links_with(gradient_route_)) {
    co_await contended_step();
  } else {
    co_await bulk_steps(stop - ledger_.steps);
  }
}

// Undisturbed steps, all at once.
sim::Task<> Campaign::bulk_steps(std::int64_t count) {
  const SimTime start = engine_.now();
  bulk_start_ = start;
  bulk_active_ = true;
  try {
    co_await engine_.sleep(SimTime::from_seconds(static_cast<double>(count) * step_s()));
  } catch (const sim::Interrupted&) {
    bulk_active_ = false;
    breakdown_[BreakdownCause::lost_work] += (engine_.now() - start).to_seconds();
    trace_slice(job_track_, "steps (cut by a failure)", start);
    throw;
  }
  bulk_active_ = false;
  add_steps(count, 0.0);
  training_time_ += engine_.now() - start;
  trace_slice(job_track_, "steps", start);
}

// One step whose gradient exchange shares links with a checkpoint copy in flight.
sim::Task<> Campaign::contended_step() {
  const SimTime start = engine_.now();
  try {
    co_await traffic_.transfer(gradient_route_, gradient_transfer_bytes_);
    const double comm_s = (engine_.now() - start).to_seconds();
    const double overlap_s = std::min(compute0_s_, config_.model.comm_overlap_fraction * comm_s);
    const double rest_s = compute0_s_ - overlap_s + stall0_s_ + step_s() - step0_s_;
    co_await engine_.sleep(SimTime::ceil_seconds(rest_s));
  } catch (const sim::Interrupted&) {
    breakdown_[BreakdownCause::lost_work] += (engine_.now() - start).to_seconds();
    trace_slice(job_track_, "step (cut by a failure)", start);
    throw;
  }
  add_steps(1, (engine_.now() - start).to_seconds() - step_s());
  training_time_ += engine_.now() - start;
  trace_slice(job_track_, "step (sharing links with a copy)", start);
}

bool Campaign::copy_shares_links_with(const Route& route) const {
  return std::any_of(levels_.begin(), levels_.end(), [&](const LevelState& state) {
    return state.in_flight && !state.in_flight->finished() && routes_share_a_link(state.in_flight_route, route);
  });
}

}  // namespace clustersim::models::workload
