// Failures and recovery: the failure source draws failures from the configured causes (campaign_failures.hpp),
// sends the nodes they take to repair and interrupts the job; the job detects the failure, rolls back to the
// newest copy that survived (recovery_plan.hpp; a recovery that must read the shared storage, or a job that
// streams its data from it, first waits out a storage outage), waits for replacement nodes (spares, then nodes
// back from repair), restarts and reloads. Storage outages and degradations interrupt nothing by themselves
// (campaign_storage.cpp). A lemon node (LemonNodes) that a recovery brings into the job fails again after
// its own exponential delay.
#include <stdexcept>

#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

sim::Task<> Campaign::failure_source() {
  for (;;) {
    std::optional<PendingFailure> failure = failures_.next();
    if (!failure || failure->time > config_.horizon) co_return;
    co_await engine_.sleep_until(failure->time);
    const failure::BlastEffects effects = failure::blast_effects(failure->radius);
    if (effects.storage_unavailable || effects.storage_degraded) {
      storage_event(*failure);
      continue;
    }
    record_interruption(failure->cause);
    // Summed, not listed: failures faster than recoveries would make a list, and each recovery's walk over
    // it, grow without bound (quadratic time with failures.scale = 100,000, docs/hardening.md).
    pending_impact_.nodes_lost += failure->impact.nodes_lost;
    pending_impact_.partners_lost_too = pending_impact_.partners_lost_too || failure->impact.partners_lost_too;
    for (int i = 0; i < failure->impact.nodes_lost; ++i) send_to_repair(failure->repair_time);
    job_->interrupt("failure: " + failure->cause);
  }
}

void Campaign::record_interruption(const std::string& cause) {
  if (trace_ != nullptr) trace_->instant(failure_track_, cause, engine_.now());
  ++interruptions_by_cause_[cause];
  ++interruptions_;
}

// A node that failed goes to repair; with LemonNodes some are lemons.
void Campaign::send_to_repair(SimTime repair_time) {
  PoolNode node;
  const double lemons = config_.failures.lemons.fraction;
  if (lemons > 0 && lemon_rng_.bernoulli(lemons)) node.lemon_failures = 1;
  spares_.send_to_repair(engine_.now() + repair_time, node);
}

sim::Task<> Campaign::recover() {
  const FailureImpact impact = pending_impact_;
  co_await spend(BreakdownCause::detection, config_.failures.detection_time);
  RecoveryPlan plan = plan_recovery(config_, steps_, storage_io_, versions_, impact, storage_up());
  const bool reads_storage = plan.shared_bytes_read > 0 || config_.data.mode == DataMode::streamed_from_shared_storage;
  if (reads_storage && !storage_up()) {
    co_await wait_for_storage();
    plan = plan_recovery(config_, steps_, storage_io_, versions_, impact, storage_up());
  }
  roll_back_to(plan.resume_step);
  ++recoveries_by_tier_[std::string(tier_name(plan.tier))];
  restart_level_counts();
  if (impact.nodes_lost > 0) co_await acquire_spares(impact.nodes_lost);
  pending_impact_ = FailureImpact{};  // from here on, a new failure is a new recovery
  const bool in_place = config_.failures.recovery == RecoveryMode::in_place;
  co_await spend(BreakdownCause::restart,
                 in_place ? config_.failures.in_place_overhead : config_.failures.restart_overhead);
  co_await spend(BreakdownCause::reload, SimTime::ceil_seconds(plan.reload_s));
  tier_traffic_["shared_storage"].bytes_read += plan.shared_bytes_read;
}

// Roll the ledger back to `step`: everything run since is lost work.
void Campaign::roll_back_to(std::int64_t step) {
  Ledger kept;
  if (step > 0) {
    auto found = snapshots_.find(step);
    if (found == snapshots_.end()) throw std::logic_error("no ledger for checkpoint version");
    kept = found->second.ledger;
  }
  breakdown_[BreakdownCause::lost_work] += ledger_.total_s() - kept.total_s();
  ledger_ = kept;
  snapshots_.erase(snapshots_.upper_bound(step), snapshots_.end());
  auto newer = [&](std::optional<std::int64_t>& version) {
    if (version && *version > step) version.reset();
  };
  newer(versions_.host_dram);
  newer(versions_.partner_nvme);
  newer(versions_.shared);
}

// Wait until `count` replacement nodes are free (spares, then nodes back from repair) and bring them into the
// job; a lemon among them will fail again.
sim::Task<> Campaign::acquire_spares(int count) {
  const SimTime ready = spares_.ready_time(count, engine_.now());
  if (ready > engine_.now()) co_await spend(BreakdownCause::waiting_for_spare, ready - engine_.now());
  for (const PoolNode& node : spares_.take(count, engine_.now())) {
    if (node.lemon_failures > 0) engine_.spawn("lemon node", lemon_in_job(node));
  }
}

// A lemon in the job fails again after its exponential delay. After its last failure it is retired and a new,
// healthy node takes its place in the pool after the repair time (a replacement, not a repair).
sim::Task<> Campaign::lemon_in_job(PoolNode node) {
  co_await engine_.sleep(lemon_rng_.exponential_mean(config_.failures.lemons.refail_mean));
  if (engine_.now() >= config_.horizon || job_->finished()) co_return;
  record_interruption("lemon_node");
  ++pending_impact_.nodes_lost;
  const bool retired = ++node.lemon_failures >= config_.failures.lemons.retire_after;
  spares_.send_to_repair(engine_.now() + config_.failures.node_repair_time, retired ? PoolNode{} : node);
  job_->interrupt("failure: lemon_node");
}

}  // namespace clustersim::models::workload
