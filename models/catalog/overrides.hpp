// Field-by-field overrides of catalog entries for scenarios ("node": {"catalog": "DGX-H100", "nvme_count": 4}).
// The overrides object uses the catalog file's keys and units and goes through the same checks (field_table.hpp:
// override_entry); errors name `json_path` and the key, e.g.
//   architecture.node.nvme_count: expected a non-negative integer like 8, got -1
// "name" (and a storage system's "kind") cannot be overridden. Names of other entries are not resolved here:
// use Catalog::node_with_overrides or Catalog::check_references for a node.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "models/catalog/hardware_specs.hpp"
#include "models/catalog/storage_spec.hpp"

namespace clustersim::models::catalog {

NodeSpec apply_overrides(NodeSpec base, const nlohmann::json& overrides, std::string_view json_path);
GpuSpec apply_overrides(GpuSpec base, const nlohmann::json& overrides, std::string_view json_path);
NvmeSpec apply_overrides(NvmeSpec base, const nlohmann::json& overrides, std::string_view json_path);
NicSpec apply_overrides(NicSpec base, const nlohmann::json& overrides, std::string_view json_path);
SwitchSpec apply_overrides(SwitchSpec base, const nlohmann::json& overrides, std::string_view json_path);
StorageSpec apply_overrides(StorageSpec base, const nlohmann::json& overrides, std::string_view json_path);

}  // namespace clustersim::models::catalog
