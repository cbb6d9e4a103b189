// Catalog: the hardware, storage, failure and price data of data/, loaded and validated as a whole.
//
// Catalog::load(dir) reads gpus.json, nics.json, nvme.json, switches.json, links.json, storage.json, nodes.json,
// failures.json, failure_domains.json, fleets.json, checkpointing.json and prices.json (schema.hpp lists their
// formats). Every file is checked field by field (field_table.hpp: unknown keys, missing required keys, wrong types,
// bad units, non-positive values, missing sources), names are unique per file, nodes' gpu/nic/nvme names must exist,
// and the failure causes must reproduce their observation (failure_spec.hpp). The first problem throws CatalogError
// naming the file and the JSON path, e.g. `.../data/nodes.json: nodes[0].gpu: unknown GPU "H1000" (known: B200,
// H100-SXM, H200, MI300X)`. Lookups throw CatalogError `unknown GPU "H1000" (known: ...)`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/catalog/failure_domain_spec.hpp"
#include "models/catalog/failure_spec.hpp"
#include "models/catalog/fleet_spec.hpp"
#include "models/catalog/hardware_specs.hpp"
#include "models/catalog/named_list.hpp"
#include "models/catalog/price_entry.hpp"
#include "models/catalog/storage_spec.hpp"

namespace clustersim::models::catalog {

// Per-node sums of a NodeSpec resolved against the catalog.
struct NodeTotals {
  std::int64_t gpus = 0;
  double hbm_bytes = 0;
  double bf16_flops_per_s = 0;
  double fp8_flops_per_s = 0;
  double local_nvme_bytes = 0;
  double local_nvme_read_bytes_per_s = 0;
  double local_nvme_write_bytes_per_s = 0;
  double backend_bytes_per_s = 0;   // sum over back-end NICs of min(ports x port rate, host interface)
  double frontend_bytes_per_s = 0;  // same for front-end NICs (0 when they share the back end)
};

class Catalog {
 public:
  static Catalog load(const std::filesystem::path& data_dir);
  // The data/ directory of the source tree this build came from (CLUSTERSIM_DATA_DIR).
  static std::filesystem::path default_data_dir();

  const GpuSpec& gpu(std::string_view name) const { return gpus_.get(name); }
  const NodeSpec& node(std::string_view name) const { return nodes_.get(name); }
  const NvmeSpec& nvme(std::string_view name) const { return nvme_.get(name); }
  const NicSpec& nic(std::string_view name) const { return nics_.get(name); }
  const SwitchSpec& switch_spec(std::string_view name) const { return switches_.get(name); }
  const LinkMediaSpec& link_media(std::string_view name) const { return link_media_.get(name); }
  const StorageSpec& storage(std::string_view name) const { return storage_.get(name); }
  const FailureCause& failure_cause(std::string_view name) const { return failure_causes_.get(name); }
  const PriceEntry& price(std::string_view name) const { return prices_.get(name); }
  const FleetPreset& fleet_preset(std::string_view name) const { return fleet_presets_.get(name); }
  bool has_fleet_preset(std::string_view name) const { return fleet_presets_.contains(name); }
  // One entry per checkpoint target (the loader checks that none is missing).
  const CopyOverhead& copy_overhead(std::string_view target) const { return copy_overheads_.get(target); }

  // Entries in file order.
  const std::vector<GpuSpec>& gpus() const { return gpus_.all(); }
  const std::vector<NodeSpec>& nodes() const { return nodes_.all(); }
  const std::vector<NvmeSpec>& nvme_drives() const { return nvme_.all(); }
  const std::vector<NicSpec>& nics() const { return nics_.all(); }
  const std::vector<SwitchSpec>& switches() const { return switches_.all(); }
  const std::vector<StorageSpec>& storage_systems() const { return storage_.all(); }
  const std::vector<FailureCause>& failure_causes() const { return failure_causes_.all(); }
  const std::vector<FailureDomainSpec>& failure_domains() const { return failure_domains_.all(); }
  const std::vector<PriceEntry>& prices() const { return prices_.all(); }
  const FailureObservation& failure_observation() const { return observation_; }

  // Names, sorted.
  std::vector<std::string> gpu_names() const { return gpus_.names(); }
  std::vector<std::string> node_names() const { return nodes_.names(); }
  std::vector<std::string> nvme_names() const { return nvme_.names(); }
  std::vector<std::string> nic_names() const { return nics_.names(); }
  std::vector<std::string> switch_names() const { return switches_.names(); }
  std::vector<std::string> link_media_names() const { return link_media_.names(); }
  std::vector<std::string> storage_names() const { return storage_.names(); }
  std::vector<std::string> failure_cause_names() const { return failure_causes_.names(); }
  std::vector<std::string> price_names() const { return prices_.names(); }
  std::vector<std::string> fleet_preset_names() const { return fleet_presets_.names(); }

  // Throws CatalogError at `where` ("architecture.node.gpu: unknown GPU ...") when a name in `node` is unknown.
  void check_references(const NodeSpec& node, const Where& where) const;
  // The node entry `name` with `overrides` applied (overrides.hpp) and its references checked.
  NodeSpec node_with_overrides(std::string_view name, const nlohmann::json& overrides,
                               std::string_view json_path) const;
  // Per-node sums; the node's references must exist.
  NodeTotals totals(const NodeSpec& node) const;

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  Catalog();

  std::filesystem::path data_dir_;
  NamedList<GpuSpec> gpus_;
  NamedList<NodeSpec> nodes_;
  NamedList<NvmeSpec> nvme_;
  NamedList<NicSpec> nics_;
  NamedList<SwitchSpec> switches_;
  NamedList<LinkMediaSpec> link_media_;
  NamedList<StorageSpec> storage_;
  NamedList<FailureCause> failure_causes_;
  NamedList<FailureDomainSpec> failure_domains_;
  NamedList<PriceEntry> prices_;
  NamedList<FleetPreset> fleet_presets_;
  NamedList<CopyOverhead> copy_overheads_;
  FailureObservation observation_;
};

}  // namespace clustersim::models::catalog
