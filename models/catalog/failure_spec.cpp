#include "models/catalog/failure_spec.hpp"

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

// Must list exactly the names models/failure accepts (tests check the round trip).
constexpr std::string_view kComponentChoices = "gpu|host|cpu|dram|nic|ssd|psu|switch|cable|software|other";
constexpr std::string_view kBlastChoices = "node|node_and_local_storage|leaf_switch|job";

}  // namespace

const Table<FailureObservation>& failure_observation_table() {
  static const Table<FailureObservation> table{
      .type_name = "FailureObservation",
      .fields =
          {
              {{.key = "gpus",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "16384",
                .doc = "GPUs in the observed job"},
               &FailureObservation::gpus},
              {{.key = "nodes",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "2048",
                .doc = "nodes in the observed job"},
               &FailureObservation::nodes},
              {{.key = "window", .kind = duration, .example = "54 d", .doc = "length of the observation"},
               &FailureObservation::window},
              {{.key = "unexpected_interruptions",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "419",
                .doc = "unexpected interruptions observed; the causes' counts must add up to it"},
               &FailureObservation::unexpected_interruptions},
              {{.key = "notes", .kind = text, .presence = Presence::optional, .doc = "free-text remarks"},
               &FailureObservation::notes},
          },
      .check = {},
      .sources = &FailureObservation::sources,
  };
  return table;
}

const Table<FailureCause>& failure_cause_table() {
  static const Table<FailureCause> table{
      .type_name = "FailureCause",
      .fields =
          {
              {{.key = "name", .kind = text, .doc = "unique cause name"}, &FailureCause::name},
              {{.key = "description", .kind = text, .presence = Presence::optional, .doc = "what failed"},
               &FailureCause::description},
              {{.key = "component",
                .kind = enumeration,
                .choices = kComponentChoices,
                .example = "gpu",
                .doc = "the kind of component that fails (models/failure ComponentKind)"},
               CustomMember<FailureCause>{
                   [](FailureCause& c, const FieldValue& v) {
                     c.component = failure::parse_component_kind(std::get<std::string>(v));
                   },
                   [](const FailureCause& c) { return FieldValue(std::string(failure::to_string(c.component))); }}},
              {{.key = "count",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "148",
                .doc = "interruptions observed over the observation window"},
               &FailureCause::count},
              {{.key = "components_per_node",
                .kind = number,
                .example = "8",
                .doc = "integer k (k per node) or 1/k (one component shared by k nodes)"},
               &FailureCause::components_per_node},
              {{.key = "rate_per_component_hour",
                .kind = number,
                .example = "6.97e-06",
                .doc = "failures per component per hour = count / (components x hours)"},
               &FailureCause::rate_per_component_hour},
              {{.key = "blast_radius",
                .kind = enumeration,
                .choices = kBlastChoices,
                .example = "node",
                .doc = "what a failure takes down (models/failure BlastRadius)"},
               CustomMember<FailureCause>{
                   [](FailureCause& c, const FieldValue& v) {
                     c.blast_radius = failure::parse_blast_radius(std::get<std::string>(v));
                   },
                   [](const FailureCause& c) { return FieldValue(std::string(failure::to_string(c.blast_radius))); }}},
          },
      .check =
          [](const FailureCause& cause, const Where& where) {
            try {
              failure::component_layout(cause.components_per_node, 1, "components_per_node");
            } catch (const std::invalid_argument& e) {
              fail(where, e.what());
            }
          },
      .sources = &FailureCause::sources,
  };
  return table;
}

failure::FailureCause to_failure_cause(const FailureCause& cause) {
  failure::FailureCause model;
  model.name = cause.name;
  model.component = cause.component;
  model.rate_per_component_hour = cause.rate_per_component_hour;
  model.components_per_node = cause.components_per_node;
  model.blast_radius = cause.blast_radius;
  return model;
}

double rate_from_observation(const FailureCause& cause, const FailureObservation& observation) {
  const double components = static_cast<double>(observation.nodes) * cause.components_per_node;
  return static_cast<double>(cause.count) / (components * observation.hours());
}

}  // namespace clustersim::models::catalog
