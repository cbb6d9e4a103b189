// Cost of a simulated campaign: owned hardware or cloud rental, over the simulated wall time.
//
// Owned (capex spread linearly over the amortisation period, plus energy and support):
//   years            = wall_time_s / (8,766 h x 3,600 s)               (a year of 365.25 days)
//   capex share      = price x count x years / amortisation_years      per component class
//                      (nodes incl. spares, network = switches + host links + switch links, each
//                      link at its media's price: a cable, or two transceivers and a fiber; storage)
//   energy           = (sum of power draws) [kW] x PUE x hours x usd_per_kwh
//                      (every node, spare, switch, link (its transceivers) and the storage system
//                      drawing its rated power)
//   support          = support_fraction_per_year x (total purchase price) x years
// Cloud (pay as you go):
//   nodes            = hourly rate x nodes x hours
//   storage capacity = stored GB x usd_per_gb_month x hours / 730      (730 h per billing month)
//   requests         = ceil(bytes written / request size) x put price / 1,000
//                      + ceil(bytes read / request size) x get price / 1,000
//                      (request size = the storage's part size: each part is one request, as S3 bills them)
// Ratios: $ per useful GPU-hour = total / useful GPU-hours (compute time x GPUs), $ per trained
// token = total / tokens trained, $ per million served tokens = total / served tokens x 1e6; a ratio
// whose denominator is zero is absent (std::nullopt).
// Prices are list prices from data/ (see each entry's source); nothing here is a default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace clustersim::models::cost {

struct OwnedPricing {
  std::int64_t nodes = 0;  // including spares
  double node_price_usd = 0;
  double node_power_w = 0;
  std::int64_t switches = 0;
  double switch_price_usd = 0;
  double switch_power_w = 0;
  std::int64_t host_links = 0;  // of the built fabric (models/fabric/inventory.hpp)
  double host_link_price_usd = 0;
  double host_link_power_w = 0;
  std::int64_t switch_links = 0;
  double switch_link_price_usd = 0;
  double switch_link_power_w = 0;
  double storage_price_usd = 0;
  double storage_power_w = 0;
  double amortisation_years = 4;
  double pue = 1.3;
  double usd_per_kwh = 0.10;
  double support_fraction_per_year = 0.08;
};

struct CloudPricing {
  std::int64_t nodes = 0;  // including spares
  double node_hourly_usd = 0;
  double stored_bytes = 0;  // billed shared-storage capacity
  double storage_usd_per_gb_month = 0.023;
  double put_usd_per_1000 = 0.005;
  double get_usd_per_1000 = 0.0004;
  double request_bytes = 8.0 * 1024 * 1024;  // bytes per billed request: the storage's part size
};

enum class CostModelKind { owned, cloud };

struct CostConfig {
  CostModelKind model = CostModelKind::owned;
  OwnedPricing owned;
  CloudPricing cloud;
};

// What one simulated campaign used.
struct Usage {
  double wall_time_s = 0;
  double useful_gpu_hours = 0;
  double tokens_trained = 0;
  double tokens_served = 0;
  double storage_bytes_written = 0;
  double storage_bytes_read = 0;
};

struct CostReport {
  double total_usd = 0;
  // owned: nodes, network, storage, energy, support; cloud: nodes, storage_capacity, storage_requests.
  std::map<std::string, double> breakdown_usd;
  std::optional<double> usd_per_useful_gpu_hour;
  std::optional<double> usd_per_trained_token;
  std::optional<double> usd_per_million_served_tokens;
};

// Throws std::invalid_argument naming the field (e.g. "cost.owned.amortisation_years: must be > 0,
// got 0") for negative prices, counts or usage, a non-positive amortisation period or request size,
// or a PUE below 1.
CostReport cost_of(const CostConfig& config, const Usage& usage);

std::string_view to_string(CostModelKind kind);  // "owned", "cloud"

}  // namespace clustersim::models::cost
