// CampaignResult: what one simulated training campaign (one seed) reports.
//
// Forward progress = useful training time / wall time, where useful time is the compute time of the steps
// that were kept (not lost to a failure and recomputed), at their undisturbed speed: what the job would take on
// an ideal fabric and storage. Exposed communication, data stalls, checkpoint interference and blocking, lost
// work, recovery and the rest are losses: the wall time splits exactly into the causes of `breakdown_s` (their
// sum equals wall_time_s), so forward progress = 1 - (sum of the losses) / wall time, and a slower fabric or
// tier never raises it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace clustersim::models::workload {

struct TierTraffic {
  double bytes_written = 0;
  double bytes_read = 0;
  double busy_s = 0;  // time with at least one transfer in flight
};

// The copies of a checkpoint level that moved the state (a DRAM level firing at a step that another
// level already copied to DRAM completes without moving anything, and is not counted here).
struct CopyTime {
  std::int64_t copies = 0;
  double seconds = 0;  // their total duration, from the start of the copy (after any wait) to its end
};

// The age of the newest copy a checkpoint level's tier holds (its recovery point objective), sampled every
// sample period: wall time since the job was at that copy's step (since the start while there is none).
struct CopyAge {
  double mean_s = 0;
  double p99_s = 0;
};

struct ProgressSample {
  double time_s = 0;
  double tokens_trained = 0;  // kept tokens at that time
};

// Every cause of CampaignResult::breakdown_s, in the order results list them: compute (useful time) first, then
// the losses. A run cut by its horizon adds in_progress_at_horizon (last).
enum class BreakdownCause {
  compute,
  exposed_communication,
  data_stall,
  checkpoint_interference,
  checkpoint_blocking,
  lost_work,
  detection,
  restart,
  reload,
  waiting_for_spare,
  data_staging,
  planned_maintenance,
  fail_slow,
  storage_outage,
  in_progress_at_horizon,
};

// A cause's name in results (its key in CampaignResult::breakdown_s): the enumerator's own name.
constexpr const char* cause_name(BreakdownCause cause) {
  switch (cause) {
    case BreakdownCause::compute:
      return "compute";
    case BreakdownCause::exposed_communication:
      return "exposed_communication";
    case BreakdownCause::data_stall:
      return "data_stall";
    case BreakdownCause::checkpoint_interference:
      return "checkpoint_interference";
    case BreakdownCause::checkpoint_blocking:
      return "checkpoint_blocking";
    case BreakdownCause::lost_work:
      return "lost_work";
    case BreakdownCause::detection:
      return "detection";
    case BreakdownCause::restart:
      return "restart";
    case BreakdownCause::reload:
      return "reload";
    case BreakdownCause::waiting_for_spare:
      return "waiting_for_spare";
    case BreakdownCause::data_staging:
      return "data_staging";
    case BreakdownCause::planned_maintenance:
      return "planned_maintenance";
    case BreakdownCause::fail_slow:
      return "fail_slow";
    case BreakdownCause::storage_outage:
      return "storage_outage";
    case BreakdownCause::in_progress_at_horizon:
      return "in_progress_at_horizon";
  }
  return "unknown";
}

// The names of every cause, in the order of BreakdownCause.
inline constexpr auto kBreakdownCauses = [] {
  std::array<const char*, static_cast<std::size_t>(BreakdownCause::in_progress_at_horizon) + 1> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = cause_name(static_cast<BreakdownCause>(i));
  return names;
}();

struct CampaignResult {
  double wall_time_s = 0;
  double forward_progress = 0;  // breakdown_s["compute"] / wall_time_s
  // Seconds per cause, keyed by cause_name(BreakdownCause): every cause, in_progress_at_horizon only when the
  // horizon cut the run.
  std::map<std::string, double> breakdown_s;
  double tokens_trained = 0;
  double token_budget = 0;
  bool budget_reached = false;
  double time_to_train_s = 0;  // wall time when the budget was reached (wall_time_s if not)
  double tokens_per_day = 0;
  std::int64_t steps_kept = 0;
  double step_time_s = 0;                          // undisturbed step time (no checkpoint, no failure)
  std::map<std::string, double> step_breakdown_s;  // compute, exposed_communication, data_stall
  std::map<std::string, std::int64_t> interruptions_by_cause;
  std::int64_t interruptions = 0;
  std::map<std::string, std::int64_t> checkpoints_completed;  // by level name
  std::map<std::string, std::int64_t> checkpoints_skipped;    // level busy at its trigger
  std::map<std::string, CopyTime> checkpoint_copy_time;       // by level
  // Recoveries by the tier they resumed from: host_dram, partner_nvme, shared_storage, from_scratch.
  std::map<std::string, std::int64_t> recoveries_by_tier;
  // Shared-storage outages and degradations by cause (they interrupt the job only when it streams its data).
  std::map<std::string, std::int64_t> storage_events;
  std::map<std::string, CopyAge> copy_age;          // by level
  std::map<std::string, TierTraffic> tier_traffic;  // host_dram, partner_nvme, shared_storage
  std::vector<ProgressSample> progress;
  std::uint64_t events = 0;
};

}  // namespace clustersim::models::workload
