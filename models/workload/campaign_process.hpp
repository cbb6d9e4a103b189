// The training campaign's processes and their state, one class (Campaign) whose member functions are defined
// by part of the model: campaign.cpp (the processes it runs), campaign_steps.cpp (the job's step loop),
// campaign_checkpoints.cpp (the checkpoint levels), campaign_recovery.cpp (failures and recovery),
// campaign_interruptions.cpp (planned stops and fail-slow GPUs), campaign_storage.cpp (the shared storage failing or
// degrading) and campaign_accounting.cpp (the ledger, the breakdown and the result). Internal to models/workload:
// everything else calls run_campaign (campaign.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/workload/campaign_config.hpp"
#include "models/workload/campaign_failures.hpp"
#include "models/workload/campaign_result.hpp"
#include "models/workload/node_links.hpp"
#include "models/workload/node_traffic.hpp"
#include "models/workload/recovery_plan.hpp"
#include "models/workload/shared_storage_io.hpp"
#include "models/workload/spare_pool.hpp"
#include "models/workload/step_time.hpp"
#include "sim/engine.hpp"
#include "sim/random.hpp"
#include "sim/statistics.hpp"
#include "sim/trace.hpp"

namespace clustersim::models::workload {

// A time is reached when the clock is within this of it: steps last whole nanoseconds, so k steps of t run
// in bulks may add up to k t less a few nanoseconds, and a level due after k steps must still fire after k.
constexpr sim::SimTime kClockSlack = sim::SimTime::from_ns(1000);
inline bool reached(sim::SimTime now, sim::SimTime time) {
  return now + kClockSlack >= time;
}

// Steps run since the start, by cause; tentative until a failure rolls them back.
struct Ledger {
  std::int64_t steps = 0;
  double compute_s = 0;
  double exposed_comm_s = 0;
  double data_stall_s = 0;
  double interference_s = 0;
  double fail_slow_s = 0;  // steps stretched by a fail-slow GPU, beyond their undisturbed time
  double total_s() const { return compute_s + exposed_comm_s + data_stall_s + interference_s + fail_slow_s; }
};

// The state of the job at one step, as its checkpoint copies hold it.
struct Snapshot {
  Ledger ledger;       // the steps run up to it, by cause
  sim::SimTime taken;  // when the job was at that step
};

struct LevelState {
  CheckpointLevel level;
  std::string name;
  std::int64_t next_step = 0;
  sim::SimTime next_time;  // on the level's clock: wall time or training time
  sim::ProcessRef in_flight;
  Route in_flight_route;
  int track = 0;  // trace track of this level's copies
};

// The representative node's links with the shared storage at its checkpoint-write rate on `storage`.
NodeLinks checkpoint_links(const CampaignConfig& config, const SharedStorageIo& storage);

class Campaign {
 public:
  Campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter* trace);
  CampaignResult run();

 private:
  // The job's step loop (campaign_steps.cpp).
  sim::Task<> job();
  sim::Task<> stage_data();
  double data_stall_s(double busy_step_s) const;
  bool finished() const { return ledger_.steps >= steps_needed_; }
  // An event the job handles between bulks (a planned stop, a GPU going slow or being found) is due now.
  bool event_due(const std::optional<sim::SimTime>& event) const {
    return event && reached(engine_.now(), *event) && !finished();
  }
  std::int64_t next_stop_step() const;
  // One step now: the undisturbed step, stretched while a fail-slow GPU is in the job.
  double step_s() const { return step0_s_ * slowdown_; }
  sim::Task<> advance();
  sim::Task<> bulk_steps(std::int64_t count);
  sim::Task<> contended_step();
  bool copy_shares_links_with(const Route& route) const;

  // The checkpoint levels (campaign_checkpoints.cpp).
  sim::Task<> fire_due_levels();
  // Now on the clock a time-interval level counts.
  sim::SimTime clock_now(const LevelState& state) const {
    return state.level.interval_clock == IntervalClock::training ? training_time_ : engine_.now();
  }
  bool due(const LevelState& state) const;
  void schedule_next(LevelState& state);
  void restart_level_counts();
  sim::Task<> fire(LevelState& state);
  sim::Task<bool> copy_to_host_dram(sim::SimTime overhead = sim::SimTime::zero(),
                                    BreakdownCause cause = BreakdownCause::checkpoint_blocking);
  sim::Task<> async_copy(LevelState* level, std::string tier, std::int64_t version, Route route, double bytes);
  sim::Task<> wait_for(sim::ProcessRef copy, BreakdownCause cause);
  void count_copy(const std::string& level_name, sim::SimTime start);
  bool has_level(CheckpointTarget target) const;
  void abort_async_copies();
  sim::SimTime copy_age(const LevelState& state) const;

  // Failures and recovery (campaign_recovery.cpp).
  sim::Task<> failure_source();
  void record_interruption(const std::string& cause);
  void send_to_repair(sim::SimTime repair_time);
  sim::Task<> recover();
  void roll_back_to(std::int64_t step);
  sim::Task<> acquire_spares(int count);
  sim::Task<> lemon_in_job(PoolNode node);

  // The shared storage failing or degrading for a while (campaign_storage.cpp).
  void storage_event(const PendingFailure& event);
  void set_storage_bandwidth_factor(double factor);
  sim::Task<> end_degradation(sim::SimTime at);
  bool storage_up() const { return engine_.now() >= storage_down_until_; }
  sim::Task<> wait_for_storage();

  // Interruptions that are not failures: planned stops and fail-slow GPUs (campaign_interruptions.cpp).
  std::optional<sim::SimTime> planned_after(sim::SimTime time);
  sim::Task<> planned_stop();
  std::optional<sim::SimTime> slow_onset_after(sim::SimTime time);
  void begin_fail_slow();
  sim::Task<> drain_slow_node();

  // The accounting: the ledger, the breakdown and the result (campaign_accounting.cpp).
  sim::Task<> spend(BreakdownCause cause, sim::SimTime duration);
  void trace_slice(int track, std::string_view name, sim::SimTime start);
  void add_steps(std::int64_t count, double interference_s);
  sim::Task<> sampler();
  CampaignResult finish();

  const CampaignConfig& config_;
  sim::TraceWriter* trace_;
  int job_track_ = 0;
  int failure_track_ = 0;
  sim::Engine engine_;
  StepTimeModel steps_;
  SharedStorageIo storage_io_;  // at the storage's current bandwidth (degraded or not)
  NodeLinks links_;             // shared storage: checkpoint writes (reads and staging build their own)
  NodeTraffic traffic_;
  CampaignFailures failures_;
  sim::RandomStream planned_rng_;
  sim::RandomStream fail_slow_rng_;
  sim::RandomStream lemon_rng_;
  std::optional<sim::SimTime> next_slow_onset_;  // the next GPU to go slow (none while one is slow)
  std::optional<sim::SimTime> slow_found_at_;    // when the slow GPU in the job is found
  double slowdown_ = 1;                          // step time multiplier while a slow GPU is in the job
  std::optional<sim::SimTime> next_planned_;     // the next planned interruption
  sim::SimTime training_time_;                   // time spent running steps (the training clock of the levels)
  Route gradient_route_;
  double gradient_transfer_bytes_ = 0;  // a contended step's gradient bytes on gradient_route_ (campaign.cpp)
  double compute0_s_ = 0, exposed0_s_ = 0, stall0_s_ = 0, step0_s_ = 0;
  std::int64_t steps_needed_ = 0;
  std::vector<LevelState> levels_;
  Ledger ledger_;
  std::map<std::int64_t, Snapshot> snapshots_;  // by step: what a copy of that step holds, and when it was taken
  std::map<std::string, sim::SampleSummary> copy_age_s_;  // by level: the age of its newest copy, sampled
  CheckpointVersions versions_;
  FailureImpact pending_impact_;  // of the failures since the last recovery got its replacements
  SparePool spares_;
  sim::SimTime storage_down_until_;      // the shared storage is unavailable before this time
  sim::SimTime storage_degraded_until_;  // and runs at storage_factor_ of its bandwidth before this one
  double storage_factor_ = 1;
  sim::ProcessRef job_;
  sim::SimTime bulk_start_;
  bool bulk_active_ = false;
  sim::SimTime time_to_train_;
  bool budget_reached_ = false;
  std::map<BreakdownCause, double> breakdown_;  // waits as they are spent; the steps are in ledger_
  std::map<std::string, std::int64_t> interruptions_by_cause_;
  std::int64_t interruptions_ = 0;
  std::map<std::string, std::int64_t> checkpoints_completed_;
  std::map<std::string, std::int64_t> checkpoints_skipped_;
  std::map<std::string, CopyTime> checkpoint_copy_time_;
  std::map<std::string, std::int64_t> recoveries_by_tier_;
  std::map<std::string, std::int64_t> storage_events_;
  std::map<std::string, TierTraffic> tier_traffic_;
  std::vector<ProgressSample> progress_;
};

}  // namespace clustersim::models::workload
