#include "models/catalog/fleet_spec.hpp"

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

constexpr std::string_view kPresetCauses = "llama3-table5|node_rate";
constexpr std::string_view kCheckpointTargets = "host_dram|partner_nvme|shared_storage|shared_storage_sync";

void check_fleet_preset(const FleetPreset& preset, const Where& where) {
  if (preset.causes == "node_rate" && !preset.node_failures_per_1000_node_days) {
    fail(where.key("node_failures_per_1000_node_days"), "required when causes is \"node_rate\"");
  }
  if (preset.causes != "node_rate" && preset.node_failures_per_1000_node_days) {
    fail(where.key("node_failures_per_1000_node_days"), "only for causes \"node_rate\"");
  }
  const bool any_planned = preset.planned_interruptions || preset.planned_window || preset.planned_duration;
  const bool all_planned = preset.planned_interruptions && preset.planned_window && preset.planned_duration;
  if (any_planned && !all_planned) {
    fail(where, "planned_interruptions, planned_window and planned_duration go together");
  }
  if (all_planned && *preset.planned_duration * *preset.planned_interruptions >= *preset.planned_window) {
    fail(where.key("planned_duration"), "the windows of the planned interruptions fill the whole planned_window");
  }
}

}  // namespace

const Table<FleetPreset>& fleet_preset_table() {
  static const Table<FleetPreset> table{
      .type_name = "FleetPreset",
      .fields =
          {
              {{.key = "name", .kind = text, .doc = "preset name, as in failures.preset"}, &FleetPreset::name},
              {{.key = "description", .kind = text, .presence = Presence::optional, .doc = "the fleet"},
               &FleetPreset::description},
              {{.key = "causes",
                .kind = enumeration,
                .choices = kPresetCauses,
                .example = "node_rate",
                .doc = "llama3-table5: the causes of failures.json; node_rate: one node-level cause"},
               &FleetPreset::causes},
              {{.key = "node_failures_per_1000_node_days",
                .kind = number,
                .presence = Presence::optional,
                .example = "6.5",
                .doc = "causes node_rate: failures per 1,000 node-days"},
               &FleetPreset::node_failures_per_1000_node_days},
              {{.key = "planned_interruptions",
                .kind = integer,
                .presence = Presence::optional,
                .example = "47",
                .doc = "planned interruptions observed over planned_window"},
               &FleetPreset::planned_interruptions},
              {{.key = "planned_window",
                .kind = duration,
                .presence = Presence::optional,
                .example = "54 d",
                .doc = "the observation the planned count comes from"},
               &FleetPreset::planned_window},
              {{.key = "planned_duration",
                .kind = duration,
                .presence = Presence::optional,
                .bound = Bound::non_negative,
                .example = "30 min",
                .doc = "the window of one planned interruption (restart and reload come on top)"},
               &FleetPreset::planned_duration},
          },
      .check = check_fleet_preset,
      .sources = &FleetPreset::sources,
  };
  return table;
}

const Table<CopyOverhead>& copy_overhead_table() {
  static const Table<CopyOverhead> table{
      .type_name = "CopyOverhead",
      .fields =
          {
              {{.key = "name",
                .kind = enumeration,
                .choices = kCheckpointTargets,
                .example = "host_dram",
                .doc = "the checkpoint target (policies.checkpoint.levels[].target)"},
               &CopyOverhead::name},
              {{.key = "description", .kind = text, .presence = Presence::optional, .doc = "what the figure covers"},
               &CopyOverhead::description},
              {{.key = "copy_overhead",
                .kind = duration,
                .bound = Bound::non_negative,
                .example = "0.55 s",
                .doc = "fixed time of one copy beside bytes / bandwidth"},
               &CopyOverhead::copy_overhead},
          },
      .check = {},
      .sources = &CopyOverhead::sources,
  };
  return table;
}

}  // namespace clustersim::models::catalog
