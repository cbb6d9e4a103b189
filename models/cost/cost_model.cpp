#include "models/cost/cost_model.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace clustersim::models::cost {

namespace {

constexpr double kHoursPerYear = 8766.0;  // 365.25 days
constexpr double kHoursPerMonth = 730.0;

std::string show(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

void require(bool ok, const char* field, const char* requirement, double value) {
  if (!ok) throw std::invalid_argument(std::string(field) + ": " + requirement + ", got " + show(value));
}

void require_non_negative(double value, const char* field) {
  require(std::isfinite(value) && value >= 0, field, "must be >= 0", value);
}

void validate(const Usage& usage) {
  require_non_negative(usage.wall_time_s, "usage.wall_time_s");
  require_non_negative(usage.useful_gpu_hours, "usage.useful_gpu_hours");
  require_non_negative(usage.tokens_trained, "usage.tokens_trained");
  require_non_negative(usage.tokens_served, "usage.tokens_served");
  require_non_negative(usage.storage_bytes_written, "usage.storage_bytes_written");
  require_non_negative(usage.storage_bytes_read, "usage.storage_bytes_read");
}

void validate(const OwnedPricing& p) {
  require_non_negative(static_cast<double>(p.nodes), "architecture.nodes");
  require_non_negative(p.node_price_usd, "architecture.node.price");
  require_non_negative(p.node_power_w, "architecture.node.power");
  require_non_negative(static_cast<double>(p.switches), "cost.owned.switches");
  require_non_negative(p.switch_price_usd, "cost.owned.switch_price");
  require_non_negative(p.switch_power_w, "cost.owned.switch_power");
  require_non_negative(static_cast<double>(p.host_links), "architecture.fabric: host links");
  require_non_negative(p.host_link_price_usd, "architecture.fabric.host_link: price_usd");
  require_non_negative(p.host_link_power_w, "architecture.fabric.host_link: power_w");
  require_non_negative(static_cast<double>(p.switch_links), "architecture.fabric: switch links");
  require_non_negative(p.switch_link_price_usd, "architecture.fabric.switch_link: price_usd");
  require_non_negative(p.switch_link_power_w, "architecture.fabric.switch_link: power_w");
  require_non_negative(p.storage_price_usd, "architecture.storage.price");
  require_non_negative(p.storage_power_w, "architecture.storage.power");
  require(std::isfinite(p.amortisation_years) && p.amortisation_years > 0, "cost.owned.amortisation_years",
          "must be > 0", p.amortisation_years);
  require(std::isfinite(p.pue) && p.pue >= 1, "cost.owned.pue", "must be >= 1", p.pue);
  require_non_negative(p.usd_per_kwh, "cost.owned.usd_per_kwh");
  require(std::isfinite(p.support_fraction_per_year) && p.support_fraction_per_year >= 0 &&
              p.support_fraction_per_year <= 1,
          "cost.owned.support_fraction_per_year", "must be in [0, 1]", p.support_fraction_per_year);
}

void validate(const CloudPricing& p) {
  require_non_negative(static_cast<double>(p.nodes), "architecture.nodes");
  require_non_negative(p.node_hourly_usd, "architecture.node.hourly_price");
  require_non_negative(p.stored_bytes, "cost.cloud.stored_bytes");
  require_non_negative(p.storage_usd_per_gb_month, "cost.cloud.storage_usd_per_gb_month");
  require_non_negative(p.put_usd_per_1000, "cost.cloud.put_usd_per_1000");
  require_non_negative(p.get_usd_per_1000, "cost.cloud.get_usd_per_1000");
  require(std::isfinite(p.request_bytes) && p.request_bytes > 0, "architecture.storage.part_size", "must be > 0",
          p.request_bytes);
}

std::map<std::string, double> owned_breakdown(const OwnedPricing& p, const Usage& usage) {
  const double hours = usage.wall_time_s / 3600.0;
  const double years = hours / kHoursPerYear;
  const double node_capex = p.node_price_usd * static_cast<double>(p.nodes);
  const double host_links = static_cast<double>(p.host_links);
  const double switch_links = static_cast<double>(p.switch_links);
  const double network_capex = p.switch_price_usd * static_cast<double>(p.switches) +
                               p.host_link_price_usd * host_links + p.switch_link_price_usd * switch_links;
  const double storage_capex = p.storage_price_usd;
  const double share = years / p.amortisation_years;
  const double power_kw =
      (p.node_power_w * static_cast<double>(p.nodes) + p.switch_power_w * static_cast<double>(p.switches) +
       p.host_link_power_w * host_links + p.switch_link_power_w * switch_links + p.storage_power_w) /
      1e3;
  return {
      {"nodes", node_capex * share},
      {"network", network_capex * share},
      {"storage", storage_capex * share},
      {"energy", power_kw * p.pue * hours * p.usd_per_kwh},
      {"support", p.support_fraction_per_year * (node_capex + network_capex + storage_capex) * years},
  };
}

std::map<std::string, double> cloud_breakdown(const CloudPricing& p, const Usage& usage) {
  const double hours = usage.wall_time_s / 3600.0;
  const double puts = std::ceil(usage.storage_bytes_written / p.request_bytes);
  const double gets = std::ceil(usage.storage_bytes_read / p.request_bytes);
  return {
      {"nodes", p.node_hourly_usd * static_cast<double>(p.nodes) * hours},
      {"storage_capacity", p.stored_bytes / 1e9 * p.storage_usd_per_gb_month * hours / kHoursPerMonth},
      {"storage_requests", puts * p.put_usd_per_1000 / 1000.0 + gets * p.get_usd_per_1000 / 1000.0},
  };
}

std::optional<double> ratio(double numerator, double denominator) {
  if (!(denominator > 0)) return std::nullopt;
  return numerator / denominator;
}

}  // namespace

std::string_view to_string(CostModelKind kind) {
  return kind == CostModelKind::owned ? "owned" : "cloud";
}

CostReport cost_of(const CostConfig& config, const Usage& usage) {
  validate(usage);
  CostReport report;
  if (config.model == CostModelKind::owned) {
    validate(config.owned);
    report.breakdown_usd = owned_breakdown(config.owned, usage);
  } else {
    validate(config.cloud);
    report.breakdown_usd = cloud_breakdown(config.cloud, usage);
  }
  for (const auto& [component, usd] : report.breakdown_usd) report.total_usd += usd;
  report.usd_per_useful_gpu_hour = ratio(report.total_usd, usage.useful_gpu_hours);
  report.usd_per_trained_token = ratio(report.total_usd, usage.tokens_trained);
  const auto per_served = ratio(report.total_usd, usage.tokens_served);
  if (per_served) report.usd_per_million_served_tokens = *per_served * 1e6;
  return report;
}

}  // namespace clustersim::models::cost
