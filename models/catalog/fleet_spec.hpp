// Catalog fleet data beside failures.json (Llama 3's Table 5):
//   fleets.json        failure presets of other fleets, and Llama 3's planned interruptions;
//   checkpointing.json the fixed overhead of one checkpoint copy, per checkpoint target.
//
// A fleet preset is built from its fields, each with its public source:
//   causes = "llama3-table5": the causes of failures.json, unchanged;
//   causes = "node_rate":     one node-level cause (a node stops, its local NVMe survives) at
//                             node_failures_per_1000_node_days / 1000 / 24 per node-hour;
//   planned_interruptions over planned_window: one planned interruption every window / count, each with a
//   window of planned_duration (models/workload PlannedInterruptions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/catalog/field_table.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

struct FleetPreset {
  std::string name;
  std::string description;
  std::string causes;  // "llama3-table5" or "node_rate"
  std::optional<double> node_failures_per_1000_node_days;
  std::optional<std::int64_t> planned_interruptions;
  std::optional<sim::SimTime> planned_window;
  std::optional<sim::SimTime> planned_duration;
  Sources sources;
};

struct CopyOverhead {
  std::string name;  // the checkpoint target: host_dram, partner_nvme, shared_storage, shared_storage_sync
  std::string description;
  sim::SimTime copy_overhead;
  Sources sources;
};

const Table<FleetPreset>& fleet_preset_table();
const Table<CopyOverhead>& copy_overhead_table();

}  // namespace clustersim::models::catalog
