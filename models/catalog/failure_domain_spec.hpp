// Catalog correlated failure domains (data/failure_domains.json): failures that take down a whole
// power domain or pod, or make the shared storage unavailable or slow for a while, beside the
// per-component causes of failures.json. Each entry has a rate per domain-hour (one domain = one power
// domain, one pod, or the one shared storage system: models/failure/failure_domain.hpp), the time until
// the domain is back, and for a degradation the share of the storage bandwidth left. A scenario adds
// them with failures.domains.enabled and may override each figure (models/study param_table).
#pragma once

#include <optional>
#include <string>

#include "models/catalog/field_table.hpp"
#include "models/failure/failure_cause.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

struct FailureDomainSpec {
  std::string name;  // the blast radius: power_domain, pod, storage_outage or storage_degraded
  std::string description;
  double rate_per_domain_hour = 0;
  sim::SimTime repair_time;
  std::optional<double> storage_bandwidth_factor;  // storage_degraded only, in (0, 1)
  Sources sources;
};

const Table<FailureDomainSpec>& failure_domain_table();

// The entry as models/failure runs it (components_per_node unset: the scenario's geometry sets it).
failure::FailureCause to_failure_cause(const FailureDomainSpec& domain);

}  // namespace clustersim::models::catalog
