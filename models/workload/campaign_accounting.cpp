// The accounting. Every second of wall time is charged to exactly one cause of CampaignResult::breakdown_s:
// a wait as it is spent, the steps through a ledger by cause that a failure rolls back (the steps undone are
// lost work), and what the horizon cuts short to in_progress_at_horizon. The sampler records kept tokens and
// the age of each level's newest copy every sample period.
#include <algorithm>
#include <string_view>

#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

// Sleep `duration`, charged to `cause`; an interrupt charges the part already spent.
sim::Task<> Campaign::spend(BreakdownCause cause, SimTime duration) {
  const SimTime start = engine_.now();
  try {
    co_await engine_.sleep(duration);
  } catch (const sim::Interrupted&) {
    breakdown_[cause] += (engine_.now() - start).to_seconds();
    trace_slice(job_track_, cause_name(cause), start);
    throw;
  }
  breakdown_[cause] += duration.to_seconds();
  trace_slice(job_track_, cause_name(cause), start);
}

void Campaign::trace_slice(int track, std::string_view name, SimTime start) {
  if (trace_ != nullptr) trace_->complete(track, name, start, engine_.now() - start);
}

void Campaign::add_steps(std::int64_t count, double interference_s) {
  ledger_.steps += count;
  ledger_.compute_s += count * compute0_s_;
  ledger_.exposed_comm_s += count * exposed0_s_;
  ledger_.data_stall_s += count * stall0_s_;
  ledger_.interference_s += interference_s;
  ledger_.fail_slow_s += count * (step_s() - step0_s_);
}

sim::Task<> Campaign::sampler() {
  const SimTime period = SimTime::from_seconds(config_.sample_period_s);
  for (;;) {
    progress_.push_back({engine_.now().to_seconds(), static_cast<double>(ledger_.steps) * steps_.tokens_per_step()});
    for (const LevelState& state : levels_) copy_age_s_[state.name].add(copy_age(state).to_seconds());
    if (trace_ != nullptr) trace_->counter("tokens kept", engine_.now(), progress_.back().tokens_trained);
    co_await engine_.sleep(period);
  }
}

CampaignResult Campaign::finish() {
  CampaignResult result;
  const SimTime end = budget_reached_ ? time_to_train_ : engine_.now();
  result.wall_time_s = end.to_seconds();
  if (!budget_reached_ && bulk_active_) {
    // The horizon cut a run of steps short: its whole steps count.
    add_steps(static_cast<std::int64_t>((end - bulk_start_).to_seconds() / step_s()), 0.0);
  }
  const auto charge = [&](BreakdownCause cause, double seconds) { result.breakdown_s[cause_name(cause)] += seconds; };
  for (const char* cause : kBreakdownCauses) {
    if (std::string_view(cause) != cause_name(BreakdownCause::in_progress_at_horizon)) result.breakdown_s[cause] = 0.0;
  }
  for (const auto& [cause, seconds] : breakdown_) charge(cause, seconds);
  charge(BreakdownCause::compute, ledger_.compute_s);
  charge(BreakdownCause::exposed_communication, ledger_.exposed_comm_s);
  charge(BreakdownCause::data_stall, ledger_.data_stall_s);
  charge(BreakdownCause::checkpoint_interference, ledger_.interference_s);
  charge(BreakdownCause::fail_slow, ledger_.fail_slow_s);
  double charged_s = 0;
  for (const auto& [cause, seconds] : result.breakdown_s) charged_s += seconds;
  // What the horizon interrupted (part of a step, a checkpoint, a recovery) is charged here.
  if (!budget_reached_) charge(BreakdownCause::in_progress_at_horizon, std::max(0.0, result.wall_time_s - charged_s));

  result.forward_progress = result.wall_time_s > 0 ? ledger_.compute_s / result.wall_time_s : 0.0;
  result.steps_kept = ledger_.steps;
  result.tokens_trained = static_cast<double>(ledger_.steps) * steps_.tokens_per_step();
  result.token_budget = config_.model.token_budget;
  result.budget_reached = budget_reached_;
  result.time_to_train_s = result.wall_time_s;
  result.tokens_per_day = result.wall_time_s > 0 ? result.tokens_trained / result.wall_time_s * 86400.0 : 0.0;
  result.step_time_s = step0_s_;
  result.step_breakdown_s = {{cause_name(BreakdownCause::compute), compute0_s_},
                             {cause_name(BreakdownCause::exposed_communication), exposed0_s_},
                             {cause_name(BreakdownCause::data_stall), stall0_s_}};
  result.interruptions = interruptions_;
  result.interruptions_by_cause = interruptions_by_cause_;
  result.checkpoints_completed = checkpoints_completed_;
  result.checkpoints_skipped = checkpoints_skipped_;
  result.checkpoint_copy_time = checkpoint_copy_time_;
  result.recoveries_by_tier = recoveries_by_tier_;
  result.storage_events = storage_events_;
  for (const auto& [level, ages] : copy_age_s_) {
    result.copy_age[level] = {ages.mean(), ages.count() > 0 ? ages.percentile(99) : 0.0};
  }
  result.tier_traffic = tier_traffic_;
  result.progress = progress_;
  result.events = engine_.events_processed();
  return result;
}

}  // namespace clustersim::models::workload
