#include "models/catalog/overrides.hpp"

#include <string>
#include <utility>

namespace clustersim::models::catalog {
namespace {

Where at(std::string_view json_path) {
  return Where{"", std::string(json_path)};
}

}  // namespace

NodeSpec apply_overrides(NodeSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(node_table(), std::move(base), overrides, at(json_path));
}
GpuSpec apply_overrides(GpuSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(gpu_table(), std::move(base), overrides, at(json_path));
}
NvmeSpec apply_overrides(NvmeSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(nvme_table(), std::move(base), overrides, at(json_path));
}
NicSpec apply_overrides(NicSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(nic_table(), std::move(base), overrides, at(json_path));
}
SwitchSpec apply_overrides(SwitchSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(switch_table(), std::move(base), overrides, at(json_path));
}
StorageSpec apply_overrides(StorageSpec base, const nlohmann::json& overrides, std::string_view json_path) {
  return override_entry(storage_table(), std::move(base), overrides, at(json_path));
}

}  // namespace clustersim::models::catalog
