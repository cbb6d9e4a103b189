// The training campaign as a story of processes (see campaign.hpp and the headers it names):
//   job              stage the data, then run steps in bulk between checkpoint triggers (one
//                    step at a time while a checkpoint copy shares its links), fire the
//                    checkpoint levels, and on a failure roll back and recover;
//   failure source   draws failures from the configured causes and interrupts the job;
//   async copies     level-1 and level-2 copies that run beside training until done or aborted;
//   sampler          records kept tokens every sample period.
// Every second of wall time is charged to exactly one cause of CampaignResult::breakdown_s.
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
// bytes over PCIe only; that level's overhead is in its asynchronous copy.
//
// Planned interruptions (campaign_config.hpp) stop the job at the first step boundary at or after their
// time: the copies in flight finish, the state goes to host DRAM, the window passes, the job restarts
// and reloads from DRAM; all of it is charged to planned_maintenance, and no work is lost.
//
// A fail-slow GPU (FailSlow) stretches every step by its slowdown from the first step boundary after it goes
// slow until the one after it is found; the stretch and the drain of its node are charged to fail_slow. A lemon
// node (LemonNodes) that a recovery brings into the job fails again after its own exponential delay.
#include "models/workload/campaign.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/workload/campaign_failures.hpp"
#include "models/workload/campaign_validation.hpp"
#include "models/workload/node_links.hpp"
#include "models/workload/node_traffic.hpp"
#include "models/workload/recovery_plan.hpp"
#include "models/workload/spare_pool.hpp"
#include "models/workload/step_time.hpp"
#include "sim/engine.hpp"
#include "sim/statistics.hpp"

namespace clustersim::models::workload {
namespace {

using sim::SimTime;

// A time is reached when the clock is within this of it: steps last whole nanoseconds, so k steps of t run
// in bulks may add up to k t less a few nanoseconds, and a level due after k steps must still fire after k.
constexpr SimTime kClockSlack = sim::SimTime::from_ns(1000);

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
  Ledger ledger;  // the steps run up to it, by cause
  SimTime taken;  // when the job was at that step
};

struct LevelState {
  CheckpointLevel level;
  std::string name;
  std::int64_t next_step = 0;
  SimTime next_time;  // on the level's clock: wall time or training time
  sim::ProcessRef in_flight;
  Route in_flight_route;
  int track = 0;  // trace track of this level's copies
};

std::string target_name(CheckpointTarget target) {
  switch (target) {
    case CheckpointTarget::host_dram:
      return "host_dram";
    case CheckpointTarget::partner_nvme:
      return "partner_nvme";
    case CheckpointTarget::shared_storage:
      return "shared_storage";
    case CheckpointTarget::shared_storage_sync:
      return "shared_storage_sync";
  }
  return "unknown";
}

class Campaign {
 public:
  Campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter* trace)
      : config_(config),
        trace_(trace),
        steps_(config),
        links_(config, config.nodes),
        traffic_(engine_, links_),
        failures_(config, seed),
        planned_rng_(sim::RandomStream::for_entity(seed, "planned_interruptions")),
        fail_slow_rng_(sim::RandomStream::for_entity(seed, "fail_slow")),
        lemon_rng_(sim::RandomStream::for_entity(seed, "lemon_nodes")),
        spares_(config.failures.spare_nodes) {
    validate_campaign(config);
    gradient_route_ = links_.gradient(steps_.ring_shares().leaves_leaf, steps_.ring_shares().leaves_pod);
    compute0_s_ = steps_.compute_s();
    const double comm0_s = steps_.gradient_nic_bytes_per_node() > 0
                               ? links_.lone_transfer_s(gradient_route_, steps_.gradient_nic_bytes_per_node()) +
                                     steps_.collective_latency_s()
                               : 0.0;
    exposed0_s_ = steps_.exposed_comm_s(comm0_s);
    stall0_s_ = data_stall_s(compute0_s_ + exposed0_s_);
    step0_s_ = compute0_s_ + exposed0_s_ + stall0_s_;
    steps_needed_ = config.model.token_budget > 0
                        ? static_cast<std::int64_t>(std::ceil(config.model.token_budget / steps_.tokens_per_step()))
                        : std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = 0; i < config.checkpoint.levels.size(); ++i) {
      LevelState state;
      state.level = config.checkpoint.levels[i];
      state.name = level_name(config, i);
      state.next_step = state.level.interval_steps;
      state.next_time = state.level.interval;
      levels_.push_back(std::move(state));
    }
    next_planned_ = planned_after(SimTime::zero());
    next_slow_onset_ = slow_onset_after(SimTime::zero());
    if (trace_ != nullptr) {
      job_track_ = trace_->track("job");
      failure_track_ = trace_->track("failures");
      for (LevelState& state : levels_) state.track = trace_->track("checkpoint " + state.name);
    }
  }

  CampaignResult run() {
    job_ = engine_.spawn("job", job());
    engine_.spawn("failures", failure_source());
    engine_.spawn("sampler", sampler());
    const sim::ShutdownOnExit shutdown(engine_);  // the processes go before the links and flows they use
    engine_.set_budget(config_.budget);
    engine_.run_until(config_.horizon);
    return finish();
  }

 private:
  double data_stall_s(double busy_step_s) const {
    if (config_.data.mode != DataMode::streamed_from_shared_storage) return 0.0;
    const double read_s = links_.lone_transfer_s(links_.shared_to_gpu(), steps_.data_bytes_per_node_per_step()) +
                          config_.storage.first_byte_latency.to_seconds();
    return std::max(0.0, read_s - busy_step_s);
  }

  bool finished() const { return ledger_.steps >= steps_needed_; }

  // Sleep `duration`, charged to `cause`; an interrupt charges the part already spent.
  sim::Task<> spend(const char* cause, SimTime duration) {
    const SimTime start = engine_.now();
    try {
      co_await engine_.sleep(duration);
    } catch (const sim::Interrupted&) {
      breakdown_[cause] += (engine_.now() - start).to_seconds();
      trace_slice(job_track_, cause, start);
      throw;
    }
    breakdown_[cause] += duration.to_seconds();
    trace_slice(job_track_, cause, start);
  }

  void trace_slice(int track, std::string_view name, SimTime start) {
    if (trace_ != nullptr) trace_->complete(track, name, start, engine_.now() - start);
  }

  sim::Task<> stage_data() {
    if (config_.data.mode != DataMode::staged_to_local_nvme) co_return;
    const double dataset = dataset_bytes(config_);
    const double bytes = dataset / config_.nodes;
    const double seconds =
        links_.lone_transfer_s(links_.shared_to_nvme(), bytes) + config_.storage.first_byte_latency.to_seconds();
    co_await spend("data_staging", SimTime::ceil_seconds(seconds));
    tier_traffic_["shared_storage"].bytes_read += dataset;
  }

  // The step at which the next checkpoint level fires (or the budget is met).
  std::int64_t next_stop_step() const {
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

  // One step now: the undisturbed step, stretched while a fail-slow GPU is in the job.
  double step_s() const { return step0_s_ * slowdown_; }

  void add_steps(std::int64_t count, double interference_s) {
    ledger_.steps += count;
    ledger_.compute_s += count * compute0_s_;
    ledger_.exposed_comm_s += count * exposed0_s_;
    ledger_.data_stall_s += count * stall0_s_;
    ledger_.interference_s += interference_s;
    ledger_.fail_slow_s += count * (step_s() - step0_s_);
  }

  // Undisturbed steps, all at once.
  sim::Task<> bulk_steps(std::int64_t count) {
    const SimTime start = engine_.now();
    bulk_start_ = start;
    bulk_active_ = true;
    try {
      co_await engine_.sleep(SimTime::from_seconds(static_cast<double>(count) * step_s()));
    } catch (const sim::Interrupted&) {
      bulk_active_ = false;
      breakdown_["lost_work"] += (engine_.now() - start).to_seconds();
      trace_slice(job_track_, "steps (cut by a failure)", start);
      throw;
    }
    bulk_active_ = false;
    add_steps(count, 0.0);
    training_time_ += engine_.now() - start;
    trace_slice(job_track_, "steps", start);
  }

  // One step whose gradient exchange shares links with a checkpoint copy in flight.
  sim::Task<> contended_step() {
    const SimTime start = engine_.now();
    try {
      co_await traffic_.transfer(gradient_route_, steps_.gradient_nic_bytes_per_node());
      const double comm_s = (engine_.now() - start).to_seconds() + steps_.collective_latency_s();
      const double overlap_s = std::min(compute0_s_, config_.model.comm_overlap_fraction * comm_s);
      const double rest_s = steps_.collective_latency_s() + compute0_s_ - overlap_s + stall0_s_ + step_s() - step0_s_;
      co_await engine_.sleep(SimTime::ceil_seconds(rest_s));
    } catch (const sim::Interrupted&) {
      breakdown_["lost_work"] += (engine_.now() - start).to_seconds();
      trace_slice(job_track_, "step (cut by a failure)", start);
      throw;
    }
    add_steps(1, (engine_.now() - start).to_seconds() - step_s());
    training_time_ += engine_.now() - start;
    trace_slice(job_track_, "step (sharing links with a copy)", start);
  }

  sim::Task<> advance() {
    const std::int64_t stop = next_stop_step();
    if (stop <= ledger_.steps) co_return;
    if (copy_shares_links_with(gradient_route_)) {
      co_await contended_step();
    } else {
      co_await bulk_steps(stop - ledger_.steps);
    }
  }

  bool copy_shares_links_with(const Route& route) const {
    return std::any_of(levels_.begin(), levels_.end(), [&](const LevelState& state) {
      return state.in_flight && !state.in_flight->finished() && routes_share_a_link(state.in_flight_route, route);
    });
  }

  // Now on the clock a time-interval level counts.
  SimTime clock_now(const LevelState& state) const {
    return state.level.interval_clock == IntervalClock::training ? training_time_ : engine_.now();
  }

  bool due(const LevelState& state) const {
    return state.level.interval_steps > 0 ? ledger_.steps >= state.next_step
                                          : clock_now(state) + kClockSlack >= state.next_time;
  }

  void schedule_next(LevelState& state) {
    if (state.level.interval_steps > 0) {
      state.next_step = ledger_.steps + state.level.interval_steps;
    } else {
      state.next_time = clock_now(state) + state.level.interval;
    }
  }

  // Training resumes after a recovery or a planned stop: step and training-clock levels count from zero.
  void restart_level_counts() {
    for (LevelState& state : levels_) {
      if (state.level.interval_steps > 0 || state.level.interval_clock == IntervalClock::training) schedule_next(state);
    }
  }

  // Copies the state to host DRAM unless it holds this step already, stalling training for the copy plus
  // `overhead`, charged to `cause`; true when it copied.
  sim::Task<bool> copy_to_host_dram(SimTime overhead = SimTime::zero(), const char* cause = "checkpoint_blocking") {
    if (versions_.host_dram == ledger_.steps) co_return false;
    const double seconds = links_.lone_transfer_s(links_.gpu_to_host(), steps_.state_bytes_per_node());
    co_await spend(cause, SimTime::ceil_seconds(seconds) + overhead);
    versions_.host_dram = ledger_.steps;
    snapshots_[ledger_.steps] = {ledger_, engine_.now()};
    tier_traffic_["host_dram"].bytes_written += steps_.state_bytes_per_node() * config_.nodes;
    tier_traffic_["host_dram"].busy_s += seconds;
    co_return true;
  }

  sim::Task<> async_copy(LevelState* level, std::string tier, std::int64_t version, Route route, double bytes) {
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

  sim::Task<> fire(LevelState& state) {
    schedule_next(state);
    if (state.in_flight && !state.in_flight->finished()) {
      if (state.level.when_busy == WhenBusy::skip) {
        ++checkpoints_skipped_[state.name];
        co_return;
      }
      co_await wait_for(state.in_flight, "checkpoint_blocking");
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
        const double files = state.level.file_per_rank ? static_cast<double>(config_.nodes) * config_.node.gpus : 1.0;
        const double metadata_s =
            config_.storage.metadata_ops_per_s > 0 ? files / config_.storage.metadata_ops_per_s : 0;
        const double seconds = links_.lone_transfer_s(links_.host_to_shared(), bytes) + metadata_s +
                               config_.storage.first_byte_latency.to_seconds();
        co_await spend("checkpoint_blocking", SimTime::ceil_seconds(seconds) + state.level.copy_overhead);
        versions_.shared = ledger_.steps;
        snapshots_[ledger_.steps] = {ledger_, engine_.now()};
        count_copy(state.name, start);
        tier_traffic_["shared_storage"].bytes_written += bytes * config_.nodes;
        tier_traffic_["shared_storage"].busy_s += seconds;
        break;
      }
    }
  }

  // Waits for a copy in flight to finish, charging the wait to `cause` (also the part before an interrupt).
  sim::Task<> wait_for(sim::ProcessRef copy, const char* cause) {
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
  void count_copy(const std::string& level_name, SimTime start) {
    ++checkpoints_completed_[level_name];
    CopyTime& time = checkpoint_copy_time_[level_name];
    ++time.copies;
    time.seconds += (engine_.now() - start).to_seconds();
  }

  bool has_level(CheckpointTarget target) const {
    return std::any_of(levels_.begin(), levels_.end(), [&](const LevelState& s) { return s.level.target == target; });
  }

  sim::Task<> fire_due_levels() {
    for (LevelState& state : levels_) {
      if (due(state) && !finished()) co_await fire(state);
    }
  }

  void abort_async_copies() {
    for (LevelState& state : levels_) {
      if (state.in_flight && !state.in_flight->finished()) state.in_flight->interrupt("failure during the copy");
      state.in_flight = sim::ProcessRef();
    }
  }

  // Roll the ledger back to `step`: everything run since is lost work.
  void roll_back_to(std::int64_t step) {
    Ledger kept;
    if (step > 0) {
      auto found = snapshots_.find(step);
      if (found == snapshots_.end()) throw std::logic_error("no ledger for checkpoint version");
      kept = found->second.ledger;
    }
    breakdown_["lost_work"] += ledger_.total_s() - kept.total_s();
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
  sim::Task<> acquire_spares(int count) {
    const SimTime ready = spares_.ready_time(count, engine_.now());
    if (ready > engine_.now()) co_await spend("waiting_for_spare", ready - engine_.now());
    for (const PoolNode& node : spares_.take(count, engine_.now())) {
      if (node.lemon_failures > 0) engine_.spawn("lemon node", lemon_in_job(node));
    }
  }

  // A node that failed goes to repair; with LemonNodes some are lemons.
  void send_to_repair(SimTime repair_time) {
    PoolNode node;
    const double lemons = config_.failures.lemons.fraction;
    if (lemons > 0 && lemon_rng_.bernoulli(lemons)) node.lemon_failures = 1;
    spares_.send_to_repair(engine_.now() + repair_time, node);
  }

  // A lemon in the job fails again after its exponential delay. After its last failure it is retired and a new,
  // healthy node takes its place in the pool after the repair time (a replacement, not a repair).
  sim::Task<> lemon_in_job(PoolNode node) {
    co_await engine_.sleep(lemon_rng_.exponential_mean(config_.failures.lemons.refail_mean));
    if (engine_.now() >= config_.horizon || job_->finished()) co_return;
    record_interruption("lemon_node");
    ++pending_impact_.nodes_lost;
    const bool retired = ++node.lemon_failures >= config_.failures.lemons.retire_after;
    spares_.send_to_repair(engine_.now() + config_.failures.node_repair_time, retired ? PoolNode{} : node);
    job_->interrupt("failure: lemon_node");
  }

  void record_interruption(const std::string& cause) {
    if (trace_ != nullptr) trace_->instant(failure_track_, cause, engine_.now());
    ++interruptions_by_cause_[cause];
    ++interruptions_;
  }

  // The first fail-slow onset after `time` (nullopt: none, or none before the horizon).
  std::optional<SimTime> slow_onset_after(SimTime time) {
    const FailSlow& slow = config_.failures.fail_slow;
    if (!(slow.rate_per_gpu_hour > 0)) return std::nullopt;
    const double gpus = static_cast<double>(config_.nodes) * config_.node.gpus;
    const SimTime next = time + SimTime::from_seconds(fail_slow_rng_.exponential(slow.rate_per_gpu_hour * gpus / 3600));
    if (next >= config_.horizon) return std::nullopt;
    return next;
  }

  // A GPU went slow: every step from here on is stretched until it is found.
  void begin_fail_slow() {
    if (trace_ != nullptr) trace_->instant(failure_track_, "a GPU goes slow", engine_.now());
    slowdown_ = config_.failures.fail_slow.step_slowdown;
    slow_found_at_ = *next_slow_onset_ + config_.failures.fail_slow.time_to_detect;
    next_slow_onset_.reset();
  }

  // The slow GPU is found: stop at this step boundary with the state in DRAM, swap its node for a spare (the slow
  // node sends it its state over the fabric, as to a partner), restart and carry on at full speed.
  sim::Task<> drain_slow_node() {
    slow_found_at_.reset();
    record_interruption("fail_slow");
    co_await copy_to_host_dram(SimTime::zero(), "fail_slow");
    slowdown_ = 1;
    send_to_repair(config_.failures.node_repair_time);
    co_await acquire_spares(1);
    const bool in_place = config_.failures.recovery == RecoveryMode::in_place;
    co_await spend("fail_slow", in_place ? config_.failures.in_place_overhead : config_.failures.restart_overhead);
    const double bytes = steps_.state_bytes_per_node();
    const double reload_s =
        std::max(links_.lone_transfer_s(links_.host_to_gpu(), bytes),
                 links_.lone_transfer_s(links_.host_to_partner_nvme(PartnerPlacement::other_rack), bytes));
    co_await spend("fail_slow", SimTime::ceil_seconds(reload_s));
    next_slow_onset_ = slow_onset_after(engine_.now());
    restart_level_counts();
  }

  sim::Task<> recover() {
    const FailureImpact impact = pending_impact_;
    co_await spend("detection", config_.failures.detection_time);
    const RecoveryPlan plan = plan_recovery(config_, steps_, versions_, impact);
    roll_back_to(plan.resume_step);
    ++recoveries_by_tier_[std::string(tier_name(plan.tier))];
    restart_level_counts();
    if (impact.nodes_lost > 0) co_await acquire_spares(impact.nodes_lost);
    pending_impact_ = FailureImpact{};  // from here on, a new failure is a new recovery
    const bool in_place = config_.failures.recovery == RecoveryMode::in_place;
    co_await spend("restart", in_place ? config_.failures.in_place_overhead : config_.failures.restart_overhead);
    co_await spend("reload", SimTime::ceil_seconds(plan.reload_s));
    tier_traffic_["shared_storage"].bytes_read += plan.shared_bytes_read;
  }

  sim::Task<> job() {
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
        if (next_planned_ && engine_.now() + kClockSlack >= *next_planned_ && !finished()) {
          co_await planned_stop();
          continue;
        }
        if (next_slow_onset_ && engine_.now() + kClockSlack >= *next_slow_onset_ && !finished()) begin_fail_slow();
        if (slow_found_at_ && engine_.now() + kClockSlack >= *slow_found_at_ && !finished()) {
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

  sim::Task<> failure_source() {
    for (;;) {
      std::optional<PendingFailure> failure = failures_.next();
      if (!failure || failure->time > config_.horizon) co_return;
      co_await engine_.sleep_until(failure->time);
      record_interruption(failure->cause);
      // Summed, not listed: failures faster than recoveries would make a list, and each recovery's walk over
      // it, grow without bound (quadratic time with failures.scale = 100,000, docs/hardening.md).
      pending_impact_.nodes_lost += failure->impact.nodes_lost;
      pending_impact_.partners_lost_too = pending_impact_.partners_lost_too || failure->impact.partners_lost_too;
      for (int i = 0; i < failure->impact.nodes_lost; ++i) send_to_repair(failure->repair_time);
      job_->interrupt("failure: " + failure->cause);
    }
  }

  // The first planned interruption after `time` (nullopt: none before the horizon): the next multiple of the
  // period, or an exponential gap from `time` (memoryless, so the same after a stop as after the last arrival).
  std::optional<SimTime> planned_after(SimTime time) {
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
  sim::Task<> planned_stop() {
    next_planned_ = planned_after(engine_.now());
    record_interruption("planned_maintenance");
    for (LevelState& state : levels_) {
      if (state.in_flight && !state.in_flight->finished()) co_await wait_for(state.in_flight, "planned_maintenance");
    }
    co_await copy_to_host_dram(SimTime::zero(), "planned_maintenance");
    co_await spend("planned_maintenance", config_.failures.planned.duration + config_.failures.restart_overhead);
    const double reload_s = links_.lone_transfer_s(links_.host_to_gpu(), steps_.state_bytes_per_node());
    co_await spend("planned_maintenance", SimTime::ceil_seconds(reload_s));
    if (next_planned_ && *next_planned_ <= engine_.now()) next_planned_ = planned_after(engine_.now());
    restart_level_counts();
  }

  sim::Task<> sampler() {
    const SimTime period = SimTime::from_seconds(config_.sample_period_s);
    for (;;) {
      progress_.push_back({engine_.now().to_seconds(), static_cast<double>(ledger_.steps) * steps_.tokens_per_step()});
      for (const LevelState& state : levels_) copy_age_s_[state.name].add(copy_age(state).to_seconds());
      if (trace_ != nullptr) trace_->counter("tokens kept", engine_.now(), progress_.back().tokens_trained);
      co_await engine_.sleep(period);
    }
  }

  // The recovery point a level offers: how old the newest copy on its tier, or on a slower one, is (now less the
  // time the job was at that copy's step; a partner copy is also in DRAM, a drained one on shared storage too).
  // With no copy at all, the whole run so far.
  SimTime copy_age(const LevelState& state) const {
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

  CampaignResult finish() {
    CampaignResult result;
    const SimTime end = budget_reached_ ? time_to_train_ : engine_.now();
    result.wall_time_s = end.to_seconds();
    if (!budget_reached_ && bulk_active_) {
      // The horizon cut a run of steps short: its whole steps count.
      add_steps(static_cast<std::int64_t>((end - bulk_start_).to_seconds() / step_s()), 0.0);
    }
    for (const char* cause : kBreakdownCauses) {
      if (std::string_view(cause) != "in_progress_at_horizon") result.breakdown_s[cause] = 0.0;
    }
    for (const auto& [cause, seconds] : breakdown_) result.breakdown_s[cause] += seconds;
    result.breakdown_s["compute"] += ledger_.compute_s;
    result.breakdown_s["exposed_communication"] += ledger_.exposed_comm_s;
    result.breakdown_s["data_stall"] += ledger_.data_stall_s;
    result.breakdown_s["checkpoint_interference"] += ledger_.interference_s;
    result.breakdown_s["fail_slow"] += ledger_.fail_slow_s;
    double charged_s = 0;
    for (const auto& [cause, seconds] : result.breakdown_s) charged_s += seconds;
    // What the horizon interrupted (part of a step, a checkpoint, a recovery) is charged here.
    if (!budget_reached_) result.breakdown_s["in_progress_at_horizon"] = std::max(0.0, result.wall_time_s - charged_s);

    result.forward_progress = result.wall_time_s > 0 ? ledger_.compute_s / result.wall_time_s : 0.0;
    result.steps_kept = ledger_.steps;
    result.tokens_trained = static_cast<double>(ledger_.steps) * steps_.tokens_per_step();
    result.token_budget = config_.model.token_budget;
    result.budget_reached = budget_reached_;
    result.time_to_train_s = result.wall_time_s;
    result.tokens_per_day = result.wall_time_s > 0 ? result.tokens_trained / result.wall_time_s * 86400.0 : 0.0;
    result.step_time_s = step0_s_;
    result.step_breakdown_s = {
        {"compute", compute0_s_}, {"exposed_communication", exposed0_s_}, {"data_stall", stall0_s_}};
    result.interruptions = interruptions_;
    result.interruptions_by_cause = interruptions_by_cause_;
    result.checkpoints_completed = checkpoints_completed_;
    result.checkpoints_skipped = checkpoints_skipped_;
    result.checkpoint_copy_time = checkpoint_copy_time_;
    result.recoveries_by_tier = recoveries_by_tier_;
    for (const auto& [level, ages] : copy_age_s_) {
      result.copy_age[level] = {ages.mean(), ages.count() > 0 ? ages.percentile(99) : 0.0};
    }
    result.tier_traffic = tier_traffic_;
    result.progress = progress_;
    result.events = engine_.events_processed();
    return result;
  }

  const CampaignConfig& config_;
  sim::TraceWriter* trace_;
  int job_track_ = 0;
  int failure_track_ = 0;
  sim::Engine engine_;
  StepTimeModel steps_;
  NodeLinks links_;
  NodeTraffic traffic_;
  CampaignFailures failures_;
  sim::RandomStream planned_rng_;
  sim::RandomStream fail_slow_rng_;
  sim::RandomStream lemon_rng_;
  std::optional<SimTime> next_slow_onset_;  // the next GPU to go slow (none while one is slow)
  std::optional<SimTime> slow_found_at_;    // when the slow GPU in the job is found
  double slowdown_ = 1;                     // step time multiplier while a slow GPU is in the job
  std::optional<SimTime> next_planned_;     // the next planned interruption
  SimTime training_time_;                   // time spent running steps (the training clock of the levels)
  Route gradient_route_;
  double compute0_s_ = 0, exposed0_s_ = 0, stall0_s_ = 0, step0_s_ = 0;
  std::int64_t steps_needed_ = 0;
  std::vector<LevelState> levels_;
  Ledger ledger_;
  std::map<std::int64_t, Snapshot> snapshots_;  // by step: what a copy of that step holds, and when it was taken
  std::map<std::string, sim::SampleSummary> copy_age_s_;  // by level: the age of its newest copy, sampled
  CheckpointVersions versions_;
  FailureImpact pending_impact_;  // of the failures since the last recovery got its replacements
  SparePool spares_;
  sim::ProcessRef job_;
  SimTime bulk_start_;
  bool bulk_active_ = false;
  SimTime time_to_train_;
  bool budget_reached_ = false;
  std::map<std::string, double> breakdown_;
  std::map<std::string, std::int64_t> interruptions_by_cause_;
  std::int64_t interruptions_ = 0;
  std::map<std::string, std::int64_t> checkpoints_completed_;
  std::map<std::string, std::int64_t> checkpoints_skipped_;
  std::map<std::string, CopyTime> checkpoint_copy_time_;
  std::map<std::string, std::int64_t> recoveries_by_tier_;
  std::map<std::string, TierTraffic> tier_traffic_;
  std::vector<ProgressSample> progress_;
};

}  // namespace

std::string level_name(const CampaignConfig& config, std::size_t index) {
  const std::vector<CheckpointLevel>& levels = config.checkpoint.levels;
  std::string name = target_name(levels.at(index).target);
  for (std::size_t j = 0; j < index; ++j) {
    if (levels[j].target == levels[index].target) return name + "#" + std::to_string(index);
  }
  return name;
}

std::string_view recovery_tier_of(CheckpointTarget target) {
  switch (target) {
    case CheckpointTarget::host_dram:
      return tier_name(RecoveryTier::host_dram);
    case CheckpointTarget::partner_nvme:
      return tier_name(RecoveryTier::partner_nvme);
    case CheckpointTarget::shared_storage:
    case CheckpointTarget::shared_storage_sync:
      break;
  }
  return tier_name(RecoveryTier::shared_storage);
}

CampaignResult run_campaign(const CampaignConfig& config, std::uint64_t seed) {
  return Campaign(config, seed, nullptr).run();
}

CampaignResult trace_campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter& trace) {
  return Campaign(config, seed, &trace).run();
}

}  // namespace clustersim::models::workload
