#include "models/catalog/catalog.hpp"

#include <cmath>
#include <string>

#include "models/catalog/json_file.hpp"
#include "models/catalog/overrides.hpp"
#include "models/failure/field_error.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::catalog {
namespace {

// Checks a file's top level: an object whose keys are "about" (a string) and `sections`; returns it.
const nlohmann::json& top_level(const nlohmann::json& document, const std::string& file,
                                std::initializer_list<std::string_view> sections) {
  const Where where{file, ""};
  if (!document.is_object()) fail(where, "expected a JSON object at the top level, got " + json_preview(document));
  std::string known = "about";
  for (auto section : sections) known += ", " + std::string(section);
  for (const auto& [key, value] : document.items()) {
    bool declared = key == "about";
    for (auto section : sections) declared = declared || key == section;
    if (!declared) fail(where.key(key), "unknown key (known keys: " + known + ")");
    if (key == "about" && !value.is_string()) fail(where.key(key), "expected a string, got " + json_preview(value));
  }
  for (auto section : sections)
    if (!document.contains(section)) fail(where, "missing required key \"" + std::string(section) + "\"");
  return document;
}

template <class T>
void load_list(NamedList<T>& list, const std::filesystem::path& dir, std::string_view file_name,
               std::string_view array_key, const Table<T>& table) {
  const std::string file = (dir / file_name).string();
  const nlohmann::json document = read_json_file(dir / file_name);
  top_level(document, file, {array_key});
  const Where where{file, std::string(array_key)};
  const auto& array = document.at(std::string(array_key));
  if (!array.is_array()) fail(where, "expected an array of entries, got " + json_preview(array));
  for (std::size_t i = 0; i < array.size(); ++i) list.add(parse_entry(table, array[i], where.index(i)), where.index(i));
}

// The name at `where` must be in `list`.
template <class T>
void check_name(const NamedList<T>& list, const std::string& name, const Where& where) {
  if (!list.contains(name)) fail(where, list.unknown_message(name));
}

}  // namespace

Catalog::Catalog()
    : gpus_("GPU"),
      nodes_("node"),
      nvme_("NVMe drive"),
      nics_("NIC"),
      switches_("switch"),
      link_media_("link media"),
      storage_("storage system"),
      failure_causes_("failure cause"),
      failure_domains_("failure domain"),
      prices_("price"),
      fleet_presets_("fleet preset"),
      copy_overheads_("checkpoint target") {}

std::filesystem::path Catalog::default_data_dir() {
  return CLUSTERSIM_DATA_DIR;
}

Catalog Catalog::load(const std::filesystem::path& data_dir) {
  Catalog catalog;
  catalog.data_dir_ = data_dir;
  if (!std::filesystem::is_directory(data_dir))
    throw CatalogError(data_dir.string() + ": not a directory (expected the catalog's data/ directory)");
  load_list(catalog.gpus_, data_dir, "gpus.json", "gpus", gpu_table());
  load_list(catalog.nics_, data_dir, "nics.json", "nics", nic_table());
  load_list(catalog.nvme_, data_dir, "nvme.json", "drives", nvme_table());
  load_list(catalog.switches_, data_dir, "switches.json", "switches", switch_table());
  load_list(catalog.link_media_, data_dir, "links.json", "links", link_media_table());
  load_list(catalog.storage_, data_dir, "storage.json", "systems", storage_table());
  load_list(catalog.nodes_, data_dir, "nodes.json", "nodes", node_table());
  for (std::size_t i = 0; i < catalog.nodes_.all().size(); ++i)
    catalog.check_references(catalog.nodes_.all()[i], catalog.nodes_.where(i));

  // failures.json: the observation, then causes that must reproduce it.
  const std::string failures_file = (data_dir / "failures.json").string();
  const nlohmann::json failures = read_json_file(data_dir / "failures.json");
  top_level(failures, failures_file, {"observation", "causes"});
  catalog.observation_ =
      parse_entry(failure_observation_table(), failures.at("observation"), Where{failures_file, "observation"});
  const Where causes_at{failures_file, "causes"};
  const auto& causes = failures.at("causes");
  if (!causes.is_array()) fail(causes_at, "expected an array of entries, got " + json_preview(causes));
  std::int64_t total = 0;
  for (std::size_t i = 0; i < causes.size(); ++i) {
    FailureCause cause = parse_entry(failure_cause_table(), causes[i], causes_at.index(i));
    const double implied = rate_from_observation(cause, catalog.observation_);
    if (std::abs(cause.rate_per_component_hour / implied - 1.0) > 0.01) {
      fail(causes_at.index(i).key("rate_per_component_hour"),
           "does not reproduce its count: count / (nodes x components_per_node x hours) = " +
               std::to_string(cause.count) + " / (" + std::to_string(catalog.observation_.nodes) + " x " +
               sim::number_text(cause.components_per_node) + " x " + sim::number_text(catalog.observation_.hours()) +
               ") = " + sim::number_text(implied) + ", got " + sim::number_text(cause.rate_per_component_hour) +
               " (more than 1% apart)");
    }
    total += cause.count;
    catalog.failure_causes_.add(std::move(cause), causes_at.index(i));
  }
  if (total != catalog.observation_.unexpected_interruptions) {
    fail(causes_at, "the counts add up to " + std::to_string(total) + ", but observation.unexpected_interruptions is " +
                        std::to_string(catalog.observation_.unexpected_interruptions));
  }

  load_list(catalog.prices_, data_dir, "prices.json", "prices", price_table());
  load_list(catalog.failure_domains_, data_dir, "failure_domains.json", "domains", failure_domain_table());
  load_list(catalog.fleet_presets_, data_dir, "fleets.json", "presets", fleet_preset_table());
  load_list(catalog.copy_overheads_, data_dir, "checkpointing.json", "copy_overheads", copy_overhead_table());
  for (std::string_view target : split_choices(copy_overhead_table().find("name")->info.choices)) {
    if (!catalog.copy_overheads_.contains(target))
      fail(Where{(data_dir / "checkpointing.json").string(), "copy_overheads"},
           "missing the entry for target \"" + std::string(target) + "\"");
  }
  return catalog;
}

void Catalog::check_references(const NodeSpec& node, const Where& where) const {
  check_name(gpus_, node.gpu, where.key("gpu"));
  check_name(nics_, node.backend_nic, where.key("backend_nic"));
  if (!node.frontend_nic.empty()) check_name(nics_, node.frontend_nic, where.key("frontend_nic"));
  if (!node.nvme.empty()) check_name(nvme_, node.nvme, where.key("nvme"));
}

NodeSpec Catalog::node_with_overrides(std::string_view name, const nlohmann::json& overrides,
                                      std::string_view json_path) const {
  NodeSpec spec = apply_overrides(node(name), overrides, json_path);
  check_references(spec, Where{"", std::string(json_path)});
  return spec;
}

NodeTotals Catalog::totals(const NodeSpec& node) const {
  const GpuSpec& g = gpu(node.gpu);
  const auto gpus = static_cast<double>(node.gpu_count);
  NodeTotals t;
  t.gpus = node.gpu_count;
  t.hbm_bytes = gpus * g.hbm_bytes;
  t.bf16_flops_per_s = gpus * g.bf16_flops_per_s;
  t.fp8_flops_per_s = gpus * g.fp8_flops_per_s;
  if (node.nvme_count > 0) {
    const NvmeSpec& drive = nvme(node.nvme);
    const auto drives = static_cast<double>(node.nvme_count);
    t.local_nvme_bytes = drives * drive.capacity_bytes;
    t.local_nvme_read_bytes_per_s = drives * drive.read_bytes_per_s;
    t.local_nvme_write_bytes_per_s = drives * drive.write_bytes_per_s;
  }
  t.backend_bytes_per_s = static_cast<double>(node.backend_nic_count) * nic(node.backend_nic).bytes_per_s();
  if (node.frontend_nic_count > 0)
    t.frontend_bytes_per_s = static_cast<double>(node.frontend_nic_count) * nic(node.frontend_nic).bytes_per_s();
  return t;
}

}  // namespace clustersim::models::catalog
