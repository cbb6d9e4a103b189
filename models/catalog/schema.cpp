#include "models/catalog/schema.hpp"

#include <algorithm>

#include "models/catalog/failure_domain_spec.hpp"
#include "models/catalog/failure_spec.hpp"
#include "models/catalog/fleet_spec.hpp"
#include "models/catalog/hardware_specs.hpp"
#include "models/catalog/price_entry.hpp"
#include "models/catalog/storage_spec.hpp"

namespace clustersim::models::catalog {
namespace {

std::string presence_text(const FieldInfo& field) {
  switch (field.presence) {
    case Presence::required:
      if (!field.required_for.empty()) {
        std::string text = "required for " + std::string(field.required_for);
        if (field.applies_to != field.required_for)
          text +=
              ", optional for the other kinds of " + (field.applies_to.empty() ? "any" : std::string(field.applies_to));
        return text;
      }
      if (!field.applies_to.empty()) return "required for " + std::string(field.applies_to);
      return "required";
    case Presence::optional:
      return field.applies_to.empty() ? "optional" : "optional for " + std::string(field.applies_to);
    case Presence::defaulted:
      return "default " + std::string(field.default_value);
  }
  return "?";
}

}  // namespace

const std::vector<TableSchema>& catalog_schema() {
  static const std::vector<TableSchema> schema{
      {"gpus.json", "gpus[]", gpu_table().type_name, gpu_table().infos()},
      {"nodes.json", "nodes[]", node_table().type_name, node_table().infos()},
      {"nvme.json", "drives[]", nvme_table().type_name, nvme_table().infos()},
      {"nics.json", "nics[]", nic_table().type_name, nic_table().infos()},
      {"switches.json", "switches[]", switch_table().type_name, switch_table().infos()},
      {"links.json", "links[]", link_media_table().type_name, link_media_table().infos()},
      {"storage.json", "systems[]", storage_table().type_name, storage_table().infos()},
      {"failures.json", "observation", failure_observation_table().type_name, failure_observation_table().infos()},
      {"failures.json", "causes[]", failure_cause_table().type_name, failure_cause_table().infos()},
      {"failure_domains.json", "domains[]", failure_domain_table().type_name, failure_domain_table().infos()},
      {"prices.json", "prices[]", price_table().type_name, price_table().infos()},
      {"fleets.json", "presets[]", fleet_preset_table().type_name, fleet_preset_table().infos()},
      {"checkpointing.json", "copy_overheads[]", copy_overhead_table().type_name, copy_overhead_table().infos()},
  };
  return schema;
}

std::string schema_text() {
  std::string out;
  for (const auto& table : catalog_schema()) {
    out += std::string(table.file) + ": " + std::string(table.json_path) + " (" + std::string(table.type_name) + ")\n";
    std::size_t width = 0;
    for (const auto& field : table.fields) width = std::max(width, field.key.size());
    for (const auto& field : table.fields) {
      std::string line = "  " + std::string(field.key) + std::string(width + 2 - field.key.size(), ' ');
      line += std::string(kind_name(field.kind)) + ", " + presence_text(field) + ": ";
      line += field.doc.empty() ? expectation(field) : std::string(field.doc) + " (" + expectation(field) + ")";
      out += line + "\n";
    }
    out += "  sources" + std::string(width > 5 ? width - 5 : 2, ' ') +
           "object: field key -> public source and date (every number)\n";
    out += "\n";
  }
  return out;
}

}  // namespace clustersim::models::catalog
