#include "models/failure/failure_cause.hpp"

#include <array>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/failure/field_error.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::failure {
namespace {

constexpr std::array<std::pair<ComponentKind, std::string_view>, 11> kComponentNames{{
    {ComponentKind::gpu, "gpu"},
    {ComponentKind::host, "host"},
    {ComponentKind::cpu, "cpu"},
    {ComponentKind::dram, "dram"},
    {ComponentKind::nic, "nic"},
    {ComponentKind::ssd, "ssd"},
    {ComponentKind::psu, "psu"},
    {ComponentKind::network_switch, "switch"},
    {ComponentKind::cable, "cable"},
    {ComponentKind::software, "software"},
    {ComponentKind::other, "other"},
}};

constexpr std::array<std::pair<BlastRadius, std::string_view>, 8> kBlastNames{{
    {BlastRadius::node, "node"},
    {BlastRadius::node_and_local_storage, "node_and_local_storage"},
    {BlastRadius::leaf_switch, "leaf_switch"},
    {BlastRadius::job, "job"},
    {BlastRadius::power_domain, "power_domain"},
    {BlastRadius::pod, "pod"},
    {BlastRadius::storage_outage, "storage_outage"},
    {BlastRadius::storage_degraded, "storage_degraded"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return {};  // not a declared enumerator
}

template <typename Enum, std::size_t N>
Enum parse_name(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name,
                std::string_view what) {
  std::string accepted;
  for (const auto& [value, candidate] : table) {
    if (candidate == name) return value;
    accepted += accepted.empty() ? "" : ", ";
    accepted += candidate;
  }
  throw std::invalid_argument(std::string(what) + ": unknown name '" + std::string(name) + "' (expected one of " +
                              accepted + ")");
}

// The nearest integer to `value` when it is one up to rounding (1e-9 relative), else 0.
std::int64_t as_whole_number(double value) {
  const double rounded = std::round(value);
  if (rounded < 1.0 || rounded > 1e15) return 0;
  return std::abs(value - rounded) <= 1e-9 * rounded ? static_cast<std::int64_t>(rounded) : 0;
}

}  // namespace

std::string_view to_string(ComponentKind kind) {
  return name_of(kComponentNames, kind);
}

ComponentKind parse_component_kind(std::string_view name) {
  return parse_name(kComponentNames, name, "component kind");
}

std::string_view to_string(BlastRadius radius) {
  return name_of(kBlastNames, radius);
}

BlastRadius parse_blast_radius(std::string_view name) {
  return parse_name(kBlastNames, name, "blast radius");
}

BlastEffects blast_effects(BlastRadius radius) {
  switch (radius) {
    case BlastRadius::node:
    case BlastRadius::power_domain:
      return {
          .nodes_leave_job = true, .dram_state_lost = true, .local_nvme_lost = false, .unreachable_until_repair = true};
    case BlastRadius::node_and_local_storage:
      return {
          .nodes_leave_job = true, .dram_state_lost = true, .local_nvme_lost = true, .unreachable_until_repair = true};
    case BlastRadius::leaf_switch:
    case BlastRadius::pod:
      return {.nodes_leave_job = true,
              .dram_state_lost = false,
              .local_nvme_lost = false,
              .unreachable_until_repair = true};
    case BlastRadius::job:
      return {};
    case BlastRadius::storage_outage:
      return {.storage_unavailable = true};
    case BlastRadius::storage_degraded:
      return {.storage_degraded = true};
  }
  throw std::invalid_argument("blast_effects: undeclared BlastRadius value " +
                              std::to_string(static_cast<int>(radius)));
}

ComponentLayout component_layout(double components_per_node, std::int64_t nodes, std::string_view field) {
  validate_nodes(nodes);
  const std::string got = sim::number_text(components_per_node);
  if (!(std::isfinite(components_per_node) && components_per_node > 0.0)) {
    reject_field(field, "must be finite and > 0", got);
  }
  ComponentLayout layout;
  if (components_per_node >= 1.0 - 1e-9) {
    layout.components_per_node = as_whole_number(components_per_node);
    if (layout.components_per_node == 0) {
      reject_field(field,
                   "must be a whole number of components per node (8 GPUs) or 1/k for one component "
                   "shared by k nodes (1/16 for a leaf switch)",
                   got);
    }
    layout.population = layout.components_per_node * nodes;
  } else {
    layout.nodes_per_component = as_whole_number(1.0 / components_per_node);
    if (layout.nodes_per_component < 2) {
      reject_field(field,
                   "must be a whole number of components per node (8 GPUs) or 1/k for one component "
                   "shared by k nodes (1/16 for a leaf switch)",
                   got);
    }
    layout.population = (nodes + layout.nodes_per_component - 1) / layout.nodes_per_component;
  }
  return layout;
}

NodeRange nodes_served(const ComponentLayout& layout, std::int64_t nodes, std::int64_t component) {
  if (component < 0 || component >= layout.population) {
    throw std::out_of_range("nodes_served: component " + std::to_string(component) + " is outside [0, " +
                            std::to_string(layout.population) + ")");
  }
  if (layout.nodes_per_component == 1) return {component / layout.components_per_node, 1};
  const std::int64_t first = component * layout.nodes_per_component;
  const std::int64_t end = std::min(first + layout.nodes_per_component, nodes);
  return {first, end - first};
}

void validate_nodes(std::int64_t nodes, std::string_view field) {
  if (nodes < 1) reject_field(field, "must be >= 1", std::to_string(nodes));
}

void validate_causes(std::span<const FailureCause> causes, std::string_view path) {
  std::map<std::string, std::size_t> index_by_name;  // ordered: error messages do not depend on hashing
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const FailureCause& cause = causes[i];
    const std::string prefix = std::string(path) + "[" + std::to_string(i) + "].";
    if (cause.name.empty()) reject_field(prefix + "name", "must not be empty", "\"\"");
    if (const auto [it, inserted] = index_by_name.emplace(cause.name, i); !inserted) {
      reject_field(prefix + "name",
                   "must be unique (also used by " + std::string(path) + "[" + std::to_string(it->second) + "])",
                   "\"" + cause.name + "\"");
    }
    if (to_string(cause.component).empty()) {
      reject_field(prefix + "component", "must be a declared ComponentKind",
                   std::to_string(static_cast<int>(cause.component)));
    }
    const double rate = cause.rate_per_component_hour;
    if (!(std::isfinite(rate) && rate >= 0.0)) {
      reject_field(prefix + "rate_per_component_hour", "must be finite and >= 0", sim::number_text(rate));
    }
    component_layout(cause.components_per_node, 1, prefix + "components_per_node");
    switch (cause.distribution.kind) {
      case LifetimeDistribution::Kind::exponential:
        break;
      case LifetimeDistribution::Kind::weibull: {
        const double shape = cause.distribution.weibull_shape;
        if (!(std::isfinite(shape) && shape > 0.0)) {
          reject_field(prefix + "distribution.weibull_shape", "must be finite and > 0", sim::number_text(shape));
        }
        // The scale is 1 / (rate Gamma(1 + 1/k)); Gamma overflows for k below ~0.006.
        if (!std::isfinite(std::tgamma(1.0 + 1.0 / shape))) {
          reject_field(prefix + "distribution.weibull_shape", "is too small (Gamma(1 + 1/k) overflows)",
                       sim::number_text(shape));
        }
        break;
      }
      default:
        reject_field(prefix + "distribution.kind", "must be exponential or weibull",
                     std::to_string(static_cast<int>(cause.distribution.kind)));
    }
    if (to_string(cause.blast_radius).empty()) {
      reject_field(prefix + "blast_radius", "must be a declared BlastRadius",
                   std::to_string(static_cast<int>(cause.blast_radius)));
    }
    if (cause.repair_time < sim::SimTime::zero()) {
      reject_field(prefix + "repair_time", "must be >= 0", sim::to_string(cause.repair_time));
    }
    const double factor = cause.storage_bandwidth_factor;
    if (cause.blast_radius == BlastRadius::storage_degraded) {
      if (!(factor > 0.0 && factor < 1.0)) {
        reject_field(prefix + "storage_bandwidth_factor", "must be in (0, 1) for a storage_degraded cause",
                     sim::number_text(factor));
      }
    } else if (factor != 1.0) {
      reject_field(prefix + "storage_bandwidth_factor", "is only for storage_degraded causes (must be 1)",
                   sim::number_text(factor));
    }
  }
}

}  // namespace clustersim::models::failure
