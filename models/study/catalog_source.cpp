#include "models/study/catalog_source.hpp"

#include <algorithm>
#include <cstdlib>

#include "models/catalog/catalog.hpp"
#include "models/study/scenario_values.hpp"

namespace clustersim::models::study {

namespace {

constexpr std::string_view kFailurePreset = "llama3-table5";

workload::StorageKind storage_kind(catalog::StorageKind kind) {
  switch (kind) {
    case catalog::StorageKind::object_store:
      return workload::StorageKind::object_store;
    case catalog::StorageKind::unified:
      return workload::StorageKind::unified;
    case catalog::StorageKind::parallel_file_system:
      break;
  }
  return workload::StorageKind::parallel_file_system;
}

// Runs `body`, turning a catalog lookup error into a ScenarioError naming the scenario field.
template <typename F>
auto wrap(std::string_view field, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const catalog::CatalogError& error) {
    throw ScenarioError(std::string(field) + ": " + error.what());
  }
}

class RealCatalog : public CatalogSource {
 public:
  explicit RealCatalog(catalog::Catalog catalog) : catalog_(std::move(catalog)) {}

  NodeFacts node(const std::string& name, std::string_view field) const override {
    return wrap(field, [&] {
      const catalog::NodeSpec& spec = catalog_.node(name);
      const catalog::GpuSpec& gpu = catalog_.gpu(spec.gpu);
      const catalog::NodeTotals totals = catalog_.totals(spec);
      NodeFacts facts;
      workload::NodeConfig& n = facts.config;
      n.name = spec.name;
      n.gpus = static_cast<int>(spec.gpu_count);
      n.gpu_peak_flops_per_s = gpu.bf16_flops_per_s;
      n.gpu_hbm_bytes = gpu.hbm_bytes;
      n.pcie_bytes_per_s_per_gpu = spec.pcie_bytes_per_s;
      n.dram_bytes = spec.host_dram_bytes;
      n.backend_nic_bytes_per_s = totals.backend_bytes_per_s;
      n.frontend_nic_bytes_per_s = totals.frontend_bytes_per_s;
      n.nvme_read_bytes_per_s = totals.local_nvme_read_bytes_per_s;
      n.nvme_write_bytes_per_s = totals.local_nvme_write_bytes_per_s;
      n.nvme_capacity_bytes = totals.local_nvme_bytes;
      facts.power_w = spec.power_w;
      facts.price_usd = spec.price_usd;
      return facts;
    });
  }

  StorageFacts storage(const std::string& name, std::string_view field) const override {
    return wrap(field, [&] {
      const catalog::StorageSpec& spec = catalog_.storage(name);
      StorageFacts facts;
      facts.name = spec.name;
      facts.kind = storage_kind(spec.kind);
      if (spec.kind == catalog::StorageKind::object_store) {
        facts.servers = spec.gateways.value_or(1);
        facts.server_read_bytes_per_s = spec.gateway_bytes_per_s.value_or(0);
        facts.server_write_bytes_per_s = spec.gateway_bytes_per_s.value_or(0);
        facts.prefix_write_ops_per_s = spec.prefix_write_ops_per_s.value_or(facts.prefix_write_ops_per_s);
        facts.prefix_read_ops_per_s = spec.prefix_read_ops_per_s.value_or(facts.prefix_read_ops_per_s);
        facts.prefixes = spec.prefixes.value_or(1);
        facts.part_bytes = spec.part_bytes.value_or(facts.part_bytes);
        if (spec.capacity_bytes)
          facts.server_capacity_bytes = *spec.capacity_bytes / static_cast<double>(facts.servers);
      } else {
        facts.servers = spec.servers.value_or(1);
        facts.server_read_bytes_per_s = spec.server_read_bytes_per_s.value_or(0);
        facts.server_write_bytes_per_s = spec.server_write_bytes_per_s.value_or(0);
        facts.server_capacity_bytes = spec.server_capacity_bytes.value_or(0);
        facts.metadata_ops_per_s = spec.metadata_ops_per_s.value_or(0);
        facts.metadata_servers = spec.metadata_servers.value_or(1);
        facts.stripe_count = spec.stripe_count.value_or(1);
        facts.server_read_iops = spec.server_read_iops.value_or(0);
      }
      facts.first_byte_latency = spec.first_byte_latency.value_or(sim::SimTime::zero());
      return facts;
    });
  }

  SwitchFacts network_switch(const std::string& name, std::string_view field) const override {
    return wrap(field, [&] {
      const catalog::SwitchSpec& spec = catalog_.switch_spec(name);
      return SwitchFacts{spec.name, static_cast<int>(spec.ports), spec.port_bytes_per_s, spec.price_usd, spec.power_w};
    });
  }

  LinkFacts link_media(const std::string& name, std::string_view field) const override {
    return wrap(field, [&] {
      const catalog::LinkMediaSpec& spec = catalog_.link_media(name);
      return LinkFacts{spec.name, spec.price_usd, spec.power_w};
    });
  }

  FailurePreset failure_preset(const std::string& name, std::string_view field) const override {
    if (name == kFailurePreset) return {table5_causes(), {}};
    if (!catalog_.has_fleet_preset(name)) {
      throw ScenarioError(std::string(field) + ": unknown failure preset \"" + name +
                          "\" (known: " + join(preset_names()) + ", none)");
    }
    const catalog::FleetPreset& fleet = catalog_.fleet_preset(name);
    FailurePreset preset;
    if (fleet.causes == "node_rate") {
      failure::FailureCause node;
      node.name = "node_failure";
      node.component = failure::ComponentKind::host;
      node.rate_per_component_hour = *fleet.node_failures_per_1000_node_days / 1000.0 / 24.0;
      node.blast_radius = failure::BlastRadius::node;
      preset.causes.push_back(node);
    } else {
      preset.causes = table5_causes();
    }
    if (fleet.planned_interruptions) {
      preset.planned.period = *fleet.planned_window / *fleet.planned_interruptions;
      preset.planned.duration = *fleet.planned_duration;
    }
    return preset;
  }

  std::vector<failure::FailureCause> failure_domains() const override {
    std::vector<failure::FailureCause> causes;
    for (const catalog::FailureDomainSpec& entry : catalog_.failure_domains())
      causes.push_back(catalog::to_failure_cause(entry));
    return causes;
  }

  sim::SimTime copy_overhead(std::string_view target) const override {
    return catalog_.copy_overhead(target).copy_overhead;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> names() const override {
    return {{"nodes", catalog_.node_names()},
            {"gpus", catalog_.gpu_names()},
            {"nics", catalog_.nic_names()},
            {"nvme", catalog_.nvme_names()},
            {"switches", catalog_.switch_names()},
            {"link media", catalog_.link_media_names()},
            {"storage", catalog_.storage_names()},
            {"failure presets", preset_names()},
            {"failure domains", {"power_domain", "pod", "storage_outage", "storage_degraded"}},
            {"checkpoint copy overheads", {"host_dram", "partner_nvme", "shared_storage", "shared_storage_sync"}},
            {"prices", catalog_.price_names()}};
  }

  std::string describe(const std::string& name) const override {
    if (name == kFailurePreset) return describe_file("failures.json", "");
    for (const char* file :
         {"nodes.json", "gpus.json", "nics.json", "nvme.json", "switches.json", "links.json", "storage.json",
          "prices.json", "failures.json", "failure_domains.json", "fleets.json", "checkpointing.json"}) {
      const std::string text = describe_file(file, name);
      if (!text.empty()) return text;
    }
    throw ScenarioError("catalog: unknown name \"" + name + "\" (run `clustersim catalog` for the list)");
  }

 private:
  // Llama 3's Table 5 (failures.json); repair times unset (the scenario's node repair time applies).
  std::vector<failure::FailureCause> table5_causes() const {
    std::vector<failure::FailureCause> causes;
    for (const catalog::FailureCause& entry : catalog_.failure_causes())
      causes.push_back(catalog::to_failure_cause(entry));
    return causes;
  }

  std::vector<std::string> preset_names() const {
    std::vector<std::string> names{std::string(kFailurePreset)};
    for (std::string& name : catalog_.fleet_preset_names()) names.push_back(std::move(name));
    return names;
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
  }

  // The entry named `name` in `file` as indented JSON ("" when absent); name "" = the whole file.
  std::string describe_file(const char* file, const std::string& name) const {
    const nlohmann::json document = read_json_file(catalog_.data_dir() / file);
    if (name.empty()) return document.dump(2);
    for (const auto& [key, value] : document.items()) {
      if (!value.is_array()) continue;
      for (const nlohmann::json& entry : value) {
        if (entry.is_object() && entry.value("name", "") == name) return std::string(file) + ": " + entry.dump(2);
      }
    }
    return "";
  }

  catalog::Catalog catalog_;
};

}  // namespace

std::unique_ptr<CatalogSource> load_catalog_source(const std::filesystem::path& data_dir) {
  try {
    return std::make_unique<RealCatalog>(catalog::Catalog::load(data_dir));
  } catch (const catalog::CatalogError& error) {
    throw ScenarioError(std::string("catalog: ") + error.what());
  }
}

}  // namespace clustersim::models::study

namespace clustersim::models::study {

std::unique_ptr<CatalogSource> load_catalog_source() {
  const char* override_dir = std::getenv("CLUSTERSIM_DATA");
  return load_catalog_source(override_dir != nullptr && *override_dir != '\0'
                                 ? std::filesystem::path(override_dir)
                                 : std::filesystem::path(CLUSTERSIM_DATA_DIR));
}

}  // namespace clustersim::models::study
