// The shared storage failing or degrading for a while (models/failure storage_outage, storage_degraded).
//
// Outage, for repair_time: the storage can be neither written nor read. A drain to it in flight is aborted (its
// copy never becomes durable), a shared-storage level due meanwhile is skipped (counted in checkpoints_skipped),
// and a recovery that must read from it (a failed node whose partner copy is gone, replaced nodes re-staging
// their data) waits until it is back, charged to storage_outage; a tier that can be read meanwhile is used
// instead when it has a version (recovery_plan.hpp). A job that streams its input from the storage stops: the
// outage interrupts it like a software failure and its recovery waits for the storage. With staged data the
// job trains on.
// Degradation, for repair_time: the storage runs at storage_bandwidth_factor of its read and write bandwidth
// (SharedStorageIo: the system's model with its servers' bandwidth scaled, then NodeLinks); drains in flight slow down
// at once, synchronous checkpoints and recovery reads are timed at the degraded rate. Overlapping degradations keep the
// lower factor until the last one ends. The data stall of a streaming job keeps its undisturbed value (an
// approximation: it is computed once, at the start).
#include <algorithm>

#include "models/workload/campaign_process.hpp"

namespace clustersim::models::workload {

using sim::SimTime;

void Campaign::storage_event(const PendingFailure& event) {
  if (trace_ != nullptr) trace_->instant(failure_track_, event.cause, engine_.now());
  ++storage_events_[event.cause];
  const SimTime until = engine_.now() + event.repair_time;
  if (event.radius == failure::BlastRadius::storage_outage) {
    storage_down_until_ = std::max(storage_down_until_, until);
    for (LevelState& state : levels_) {
      const bool writes_shared = state.level.target == CheckpointTarget::shared_storage;
      if (writes_shared && state.in_flight && !state.in_flight->finished()) {
        state.in_flight->interrupt("shared storage outage");
      }
    }
    if (config_.data.mode == DataMode::streamed_from_shared_storage) {
      record_interruption(event.cause);
      job_->interrupt("shared storage outage");
    }
    return;
  }
  const bool already_degraded = engine_.now() < storage_degraded_until_;
  storage_degraded_until_ = std::max(storage_degraded_until_, until);
  set_storage_bandwidth_factor(already_degraded ? std::min(storage_factor_, event.storage_bandwidth_factor)
                                                : event.storage_bandwidth_factor);
  engine_.spawn("storage degradation", end_degradation(until));
}

// The storage system's model at `factor` of its bandwidth, the checkpoint links built from it, and the flows on them.
void Campaign::set_storage_bandwidth_factor(double factor) {
  storage_factor_ = factor;
  storage_io_ = SharedStorageIo(config_, steps_.state_bytes_per_node(), steps_.data_bytes_per_node_per_step(), factor);
  links_ = checkpoint_links(config_, storage_io_);
  traffic_.set_capacities(links_);
}

sim::Task<> Campaign::end_degradation(SimTime at) {
  co_await engine_.sleep_until(at);
  if (engine_.now() >= storage_degraded_until_) set_storage_bandwidth_factor(1.0);
}

sim::Task<> Campaign::wait_for_storage() {
  while (!storage_up()) co_await spend(BreakdownCause::storage_outage, storage_down_until_ - engine_.now());
}

}  // namespace clustersim::models::workload
