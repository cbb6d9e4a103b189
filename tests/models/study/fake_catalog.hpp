// A small hand-made catalog for the study tests: a DGX-H100-like node, a PFS, an object store, one
// switch model and a one-cause failure preset, so resolution can be checked by hand.
#pragma once

#include <stdexcept>
#include <tuple>

#include "models/study/catalog_source.hpp"
#include "models/study/resolve.hpp"
#include "models/study/scenario_values.hpp"

namespace clustersim::models::study::testing {

class FakeCatalog : public CatalogSource {
 public:
  NodeFacts node(const std::string& name, std::string_view field) const override {
    if (name != "DGX-H100") unknown(name, field, "DGX-H100");
    NodeFacts facts;
    facts.config.name = name;
    facts.config.gpus = 8;
    facts.config.gpu_peak_flops_per_s = 989e12;
    facts.config.gpu_hbm_bytes = 80e9;
    facts.config.pcie_bytes_per_s_per_gpu = 63e9;
    facts.config.dram_bytes = 2e12;
    facts.config.backend_nic_bytes_per_s = 400e9;  // 8 x 400 Gb/s
    facts.config.frontend_nic_bytes_per_s = 100e9;
    facts.config.nvme_read_bytes_per_s = 51.2e9;
    facts.config.nvme_write_bytes_per_s = 30.4e9;
    facts.config.nvme_capacity_bytes = 30.72e12;
    facts.power_w = 10'200;
    facts.price_usd = 270'000;
    return facts;
  }
  StorageFacts storage(const std::string& name, std::string_view field) const override {
    StorageFacts facts;
    facts.name = name;
    if (name == "pfs") {
      facts.servers = 10;
      facts.server_write_bytes_per_s = 20e9;
      facts.server_read_bytes_per_s = 40e9;
      facts.server_capacity_bytes = 250e12;
      facts.metadata_ops_per_s = 1e6;
      facts.price_usd = 1e6;
      facts.power_w = 10'000;
    } else if (name == "object") {
      facts.kind = workload::StorageKind::object_store;
      facts.servers = 16;
      facts.server_write_bytes_per_s = 12.5e9;
      facts.server_read_bytes_per_s = 12.5e9;
      facts.first_byte_latency = sim::milliseconds(100);
    } else {
      unknown(name, field, "object, pfs");
    }
    return facts;
  }
  SwitchFacts network_switch(const std::string& name, std::string_view field) const override {
    if (name != "QM9700") unknown(name, field, "QM9700");
    return {name, 64, 50e9, std::nullopt, std::nullopt};
  }
  LinkFacts link_media(const std::string& name, std::string_view field) const override {
    if (name == "NDR-optical") return {name, 2000, 17};
    if (name == "NDR-copper") return {name, 300, 0};
    unknown(name, field, "NDR-copper, NDR-optical");
  }
  FailurePreset failure_preset(const std::string& name, std::string_view field) const override {
    if (name != "llama3-table5") unknown(name, field, "llama3-table5");
    failure::FailureCause gpu;
    gpu.name = "faulty_gpu";
    gpu.rate_per_component_hour = 7e-6;
    gpu.components_per_node = 8;
    failure::FailureCause leaf;
    leaf.name = "leaf";
    leaf.component = failure::ComponentKind::network_switch;
    leaf.rate_per_component_hour = 2.6e-5;
    leaf.components_per_node = 0.5;
    leaf.blast_radius = failure::BlastRadius::leaf_switch;
    return {{gpu, leaf}, {}};
  }
  // One entry per domain, with round figures.
  std::vector<failure::FailureCause> failure_domains() const override {
    std::vector<failure::FailureCause> causes;
    for (const auto& [name, rate, repair_hours] : {std::tuple<const char*, double, double>{"power_domain", 1e-5, 4},
                                                   {"pod", 1e-5, 2},
                                                   {"storage_outage", 1e-3, 1},
                                                   {"storage_degraded", 2e-3, 6}}) {
      failure::FailureCause cause;
      cause.name = name;
      cause.blast_radius = failure::parse_blast_radius(name);
      cause.rate_per_component_hour = rate;
      cause.repair_time = sim::hours(repair_hours);
      if (cause.blast_radius == failure::BlastRadius::storage_degraded) cause.storage_bandwidth_factor = 0.5;
      causes.push_back(cause);
    }
    return causes;
  }
  sim::SimTime copy_overhead(std::string_view) const override { return sim::SimTime::zero(); }
  std::vector<std::pair<std::string, std::vector<std::string>>> names() const override {
    return {{"nodes", {"DGX-H100"}}, {"storage", {"object", "pfs"}}};
  }
  std::string describe(const std::string& name) const override { return name; }

 private:
  [[noreturn]] static void unknown(const std::string& name, std::string_view field, const char* known) {
    throw ScenarioError(std::string(field) + ": unknown entry \"" + name + "\" (known: " + known + ")");
  }
};

// The ScenarioError message resolving `document` against FakeCatalog gives, or "no error".
inline std::string resolution_error(const nlohmann::json& document) {
  try {
    resolve_scenario(parse_scenario(document), FakeCatalog{});
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace clustersim::models::study::testing
