// CatalogSource: what scenario resolution needs from the catalog (data/*.json), already reduced to
// the figures the campaign and cost models use. load_catalog_source reads the real catalog
// (models/catalog); tests may supply their own entries.
//
// A node's back-end bandwidth = backend NICs x usable NIC bandwidth (min(ports x port rate, host
// interface)), its front-end bandwidth likewise; its NVMe array = drives x per-drive figures.
// A storage system's aggregate bandwidth and capacity = servers (object store: gateways) x per-server
// figures. Unknown names throw ScenarioError naming the scenario field and listing the known names.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/failure/failure_cause.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::study {

struct NodeFacts {
  workload::NodeConfig config;  // frontend_nic_bytes_per_s = the node's front-end NICs (0: none)
  double power_w = 0;
  std::optional<double> price_usd;
};

struct StorageFacts {
  std::string name;
  workload::StorageKind kind = workload::StorageKind::parallel_file_system;
  std::int64_t servers = 1;
  double server_write_bytes_per_s = 0;
  double server_read_bytes_per_s = 0;
  double server_capacity_bytes = 0;  // 0: unlimited
  double metadata_ops_per_s = 0;     // whole system; 0: unlimited
  std::int64_t metadata_servers = 1;
  std::int64_t stripe_count = 1;         // 0: all servers
  double server_read_iops = 0;           // 0: not limiting
  double prefix_write_ops_per_s = 3500;  // object store, per prefix
  double prefix_read_ops_per_s = 5500;
  std::int64_t prefixes = 1;
  double part_bytes = 8.0 * 1024 * 1024;
  sim::SimTime first_byte_latency;
  std::optional<double> price_usd;  // the whole system
  std::optional<double> power_w;
};

// A failure preset: its causes (repair_time unset: the scenario's node repair time applies) and its
// planned interruptions (period zero: none).
struct FailurePreset {
  std::vector<failure::FailureCause> causes;
  workload::PlannedInterruptions planned;
};

struct SwitchFacts {
  std::string name;
  int ports = 0;
  double port_bytes_per_s = 0;
  std::optional<double> price_usd;
  std::optional<double> power_w;
};

// A fabric link's media (data/links.json): price and power of one link, both ends.
struct LinkFacts {
  std::string name;
  double price_usd = 0;
  double power_w = 0;
};

class CatalogSource {
 public:
  virtual ~CatalogSource() = default;
  // `field` is the scenario path naming the entry ("architecture.node.catalog"), for messages.
  virtual NodeFacts node(const std::string& name, std::string_view field) const = 0;
  virtual StorageFacts storage(const std::string& name, std::string_view field) const = 0;
  virtual SwitchFacts network_switch(const std::string& name, std::string_view field) const = 0;
  virtual LinkFacts link_media(const std::string& name, std::string_view field) const = 0;
  virtual FailurePreset failure_preset(const std::string& name, std::string_view field) const = 0;
  // The correlated failure domains (data/failure_domains.json): causes whose blast radius is power_domain, pod,
  // storage_outage or storage_degraded, with their repair times; components_per_node unset (the geometry sets it).
  virtual std::vector<failure::FailureCause> failure_domains() const = 0;
  // The catalog's fixed overhead of one checkpoint copy to `target` ("host_dram", ...; checkpointing.json).
  virtual sim::SimTime copy_overhead(std::string_view target) const = 0;
  // For `clustersim catalog`: every entry name by kind, and one entry as text.
  virtual std::vector<std::pair<std::string, std::vector<std::string>>> names() const = 0;
  virtual std::string describe(const std::string& name) const = 0;  // throws ScenarioError if unknown
};

// The catalog in `data_dir`. Catalog errors become ScenarioError.
std::unique_ptr<CatalogSource> load_catalog_source(const std::filesystem::path& data_dir);
// The catalog in $CLUSTERSIM_DATA when set, else the repository's data/ (CLUSTERSIM_DATA_DIR).
std::unique_ptr<CatalogSource> load_catalog_source();

}  // namespace clustersim::models::study
