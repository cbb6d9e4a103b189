// Every documented scenario parameter reaches the model: for each leaf of the parameter table
// (param_table.hpp, what docs/schema.md lists), setting it to another valid value changes the resolved
// model (resolved_json.hpp: the CampaignConfig and CostConfig the models read, and the run settings),
// in at least one of a few base scenarios that between them switch every section on. Parameters bound
// together (tp x pp x dp = nodes x gpus) are changed with a partner. A parameter that
// is parsed and then ignored fails here, naming itself.
//
// Other values are tried in turn until one resolves: for quantities x2, x0.5, +1 (or a typical value
// of the unit when the current one is 0 or absent), every other choice of an enumeration, the other
// boolean, every other catalog name for a catalog reference.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "models/study/catalog_source.hpp"
#include "models/study/param_table.hpp"
#include "models/study/resolve.hpp"
#include "models/study/resolved_json.hpp"
#include "models/study/scenario_overrides.hpp"

using namespace clustersim::models::study;
using nlohmann::json;

namespace {

// Owned cost, staged data, full restart, all four checkpoint targets, every failure section on.
json owned_base() {
  return json::parse(R"({
    "name": "effects-owned", "description": "base",
    "architecture": {"node": {"catalog": "DGX-H100", "hourly_price": 98.32}, "nodes": 16, "spare_nodes": 1,
                     "fabric": {"kind": "leaf_spine", "nodes_per_leaf": 4},
                     "storage": {"catalog": "reference-pfs", "server_price": 150000, "server_power": "1.5 kW"}},
    "workload": {"training": {"model": "m", "parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "layers": 32, "hidden_size": 4096, "sequence_length": 4096,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 16}}},
    "policies": {"checkpoint": {"levels": [
        {"target": "host_dram", "interval_steps": 50},
        {"target": "partner_nvme", "interval": "10 min"},
        {"target": "shared_storage", "interval": "30 min"},
        {"target": "shared_storage_sync", "interval": "6 h"}]}},
    "failures": {"planned": {"period": "7 d", "duration": "1 h"},
                 "fail_slow": {"rate_per_gpu_hour": 1e-5, "step_slowdown": 2, "time_to_detect": "1 h"},
                 "lemons": {"fraction": 0.1, "refail_mean": "2 d"},
                 "causes": [{"name": "extra", "rate_per_component_hour": 1e-5}]},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}}
  })");
}

// Cloud cost, streamed data, in-place recovery, object storage, a different fabric.
json cloud_base() {
  return json::parse(R"({
    "name": "effects-cloud",
    "architecture": {"node": {"catalog": "DGX-H100", "hourly_price": 98.32}, "nodes": 16, "frontend_network": false,
                     "fabric": {"kind": "fat_tree", "nodes_per_leaf": 2, "nodes_per_pod": 8},
                     "storage": "s3-standard"},
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e11,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 16}, "data": {"mode": "streamed"}}},
    "policies": {"recovery": {"mode": "in_place"},
                 "checkpoint": {"levels": [{"target": "shared_storage_sync", "interval": "1 h"}]}},
    "cost": {"model": "cloud"}
  })");
}

// The owned base with the storage priced as a whole system instead of per server.
json owned_system_priced_base() {
  json base = owned_base();
  base["architecture"]["storage"] = {{"catalog", "reference-pfs"}, {"price", 4e6}, {"power", "40 kW"}};
  return base;
}

// The owned base with the correlated failure domains on (power domains of two racks).
json failure_domains_base() {
  json base = owned_base();
  base["architecture"]["fabric"]["nodes_per_power_domain"] = 8;
  base["failures"]["domains"] = {{"enabled", true}};
  return base;
}

// The fabric read from a SimGrid platform file (2 nodes x 8 GPUs = the platform's 16 hosts).
json simgrid_base() {
  json base = owned_base();
  base["architecture"]["nodes"] = 2;
  base["architecture"]["fabric"] = {{"kind", "simgrid-xml"}, {"platform", "platforms/fat-tree-16.xml"}};
  base["workload"]["training"]["parallelism"]["dp"] = 2;
  return base;
}

std::filesystem::path scenarios_dir() {
  return std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios";
}

// Another 16-host platform: the fat-tree of platforms/fat-tree-16.xml with one spine instead of two.
std::string other_platform() {
  const auto path = std::filesystem::temp_directory_path() / "clustersim-param-effect-ft16-one-spine.xml";
  std::ofstream(path) << R"(<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">
<platform version="4.1">
  <cluster id="ft16" prefix="node-" radical="0-15" suffix=".example.org" speed="1Gf"
           bw="25GBps" lat="1us" topology="FAT_TREE" topo_parameters="2;4,4;1,1;1,1"/>
</platform>
)";
  return path.string();
}

// Parameters bound by tp x pp x dp = nodes x gpus change with a partner.
std::vector<ScenarioOverrides> coupled_changes(std::string_view path) {
  const std::string tp = "workload.training.parallelism.tp", pp = "workload.training.parallelism.pp",
                    dp = "workload.training.parallelism.dp";
  if (path == "architecture.nodes") return {{{"architecture.nodes", 32}, {dp, 32}}};
  if (path == "architecture.node.gpus") return {{{"architecture.node.gpus", 4}, {tp, 4}}};
  if (path == tp) return {{{tp, 4}, {dp, 32}}};
  if (path == pp) return {{{pp, 2}, {dp, 8}}};
  if (path == dp) return {{{dp, 32}, {"architecture.nodes", 32}}};
  return {};
}

// What a parameter can be set to when it is absent or 0, per unit.
double typical(ParamKind kind) {
  switch (kind) {
    case ParamKind::bytes:
      return 2e12;
    case ParamKind::bytes_per_s:
      return 3e10;
    case ParamKind::duration:
      return 1800;
    case ParamKind::ops_per_s:
      return 2e5;
    case ParamKind::flops_per_s:
      return 1.5e15;
    case ParamKind::power:
      return 5000;
    case ParamKind::usd:
      return 20000;
    case ParamKind::integer:
      return 2;
    default:
      return 0.5;
  }
}

const char* catalog_kind(std::string_view path) {
  if (path == "architecture.node.catalog") return "nodes";
  if (path == "architecture.storage.catalog") return "storage";
  if (path == "architecture.fabric.switch") return "switches";
  if (path == "failures.preset") return "failure presets";
  if (path == "architecture.fabric.host_link" || path == "architecture.fabric.switch_link") return "link media";
  return nullptr;
}

std::vector<json> other_values(const ParamSpec& spec, std::string_view path, const json& current,
                               const CatalogSource& catalog) {
  std::vector<json> values;
  switch (spec.kind) {
    case ParamKind::boolean:
      values.push_back(current.is_boolean() ? !current.get<bool>() : !(spec.default_value == "true"));
      break;
    case ParamKind::enumeration:
      for (std::string_view choice : enum_choices(spec)) {
        if (!current.is_string() || current.get<std::string>() != choice) values.emplace_back(std::string(choice));
      }
      break;
    case ParamKind::string:
      if (path == "architecture.fabric.platform") {
        values.emplace_back(other_platform());
      } else if (const char* kind = catalog_kind(path)) {
        for (const auto& [name, entries] : catalog.names()) {
          if (name != kind) continue;
          for (const std::string& entry : entries) {
            if (!current.is_string() || current.get<std::string>() != entry) values.emplace_back(entry);
          }
        }
      } else {
        values.emplace_back("another " + std::string(path));
      }
      break;
    default: {
      const double x = current.is_number() ? current.get<double>() : 0.0;
      const std::vector<double> numbers =
          x != 0 ? std::vector<double>{2 * x, 0.5 * x, x + 1, x - 1}
                 : std::vector<double>{typical(spec.kind), 1, 3, 0.25 * typical(spec.kind), 128};
      for (double number : numbers) {
        if (spec.kind == ParamKind::integer) {
          values.emplace_back(static_cast<std::int64_t>(std::llround(number)));
        } else {
          values.emplace_back(number);
        }
      }
    }
  }
  return values;
}

// "a.b[].c" at element `index` -> "a.b[index].c".
std::string at_index(std::string_view pattern, int index) {
  const std::size_t brackets = pattern.find("[]");
  if (brackets == std::string_view::npos) return std::string(pattern);
  return std::string(pattern.substr(0, brackets)) + '[' + std::to_string(index) + ']' +
         std::string(pattern.substr(brackets + 2));
}

json::json_pointer pointer(const std::string& path) {
  std::string text;
  for (char c : path) {
    if (c == '.' || c == '[') {
      text += '/';
    } else if (c != ']') {
      text += c;
    }
  }
  return json::json_pointer("/" + text);
}

ResolvedScenario resolve(const json& document, const CatalogSource& catalog) {
  return resolve_scenario(parse_scenario(document), catalog, {}, scenarios_dir());
}

// True when some other value of `path` in `base` resolves to a different model.
bool changes_the_model(const ParamSpec& spec, const std::string& path, const json& base, const CatalogSource& catalog) {
  const ResolvedScenario reference = resolve(base, catalog);
  const json before = resolved_model_json(reference);
  const json current = reference.scenario.contains(pointer(path)) ? reference.scenario.at(pointer(path)) : json();
  std::vector<ScenarioOverrides> changes = coupled_changes(path);
  for (const json& value : other_values(spec, path, current, catalog)) changes.push_back({{path, value}});
  for (const ScenarioOverrides& change : changes) {
    json document = base;
    try {
      apply_overrides(document, change);
      if (resolved_model_json(resolve(document, catalog)) != before) return true;
    } catch (const std::exception&) {
      // Not a valid value in this base (out of bounds, no such array element, model no longer fits, ...).
    }
  }
  return false;
}

}  // namespace

TEST_CASE("every documented scenario parameter changes the resolved model", "[study][params]") {
  const auto catalog = load_catalog_source();
  const std::vector<json> bases = {owned_base(), cloud_base(), owned_system_priced_base(), failure_domains_base(),
                                   simgrid_base()};
  std::set<std::string> without_effect;
  int checked = 0;
  for (const ParamSpec& spec : scenario_params()) {
    if (spec.kind == ParamKind::section || spec.kind == ParamKind::catalog_section || spec.kind == ParamKind::array) {
      continue;
    }
    bool changed = false;
    for (const json& base : bases) {
      for (int index = 0; index < 4 && !changed; ++index) {
        const std::string path = at_index(spec.path, index);
        if (path == spec.path && index > 0) break;
        changed = changes_the_model(spec, path, base, *catalog);
      }
      if (changed) break;
    }
    ++checked;
    if (!changed) without_effect.insert(std::string(spec.path));
  }
  INFO("parameters whose other values leave the resolved model unchanged in every base scenario");
  CHECK(without_effect == std::set<std::string>{});
  CHECK(checked > 100);
}
