#include "models/catalog/failure_domain_spec.hpp"

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

constexpr std::string_view kDomainChoices = "power_domain|pod|storage_outage|storage_degraded";

void check_domain(const FailureDomainSpec& domain, const Where& where) {
  const bool degraded = domain.name == "storage_degraded";
  if (degraded && !domain.storage_bandwidth_factor) fail(where.key("storage_bandwidth_factor"), "required");
  if (!degraded && domain.storage_bandwidth_factor) {
    fail(where.key("storage_bandwidth_factor"), "only for storage_degraded");
  }
  if (domain.storage_bandwidth_factor && !(*domain.storage_bandwidth_factor < 1.0)) {
    fail(where.key("storage_bandwidth_factor"), "must be < 1 (1 is no degradation)");
  }
}

}  // namespace

const Table<FailureDomainSpec>& failure_domain_table() {
  static const Table<FailureDomainSpec> table{
      .type_name = "FailureDomain",
      .fields =
          {
              {{.key = "name",
                .kind = enumeration,
                .choices = kDomainChoices,
                .example = "power_domain",
                .doc = "the domain and what its failure does (models/failure BlastRadius)"},
               &FailureDomainSpec::name},
              {{.key = "description", .kind = text, .presence = Presence::optional, .doc = "the event"},
               &FailureDomainSpec::description},
              {{.key = "rate_per_domain_hour",
                .kind = number,
                .bound = Bound::non_negative,
                .example = "1e-05",
                .doc = "events per domain per hour (the shared storage is one domain)"},
               &FailureDomainSpec::rate_per_domain_hour},
              {{.key = "repair_time",
                .kind = duration,
                .bound = Bound::positive,
                .example = "4 h",
                .doc = "until the domain is back (storage: the length of the outage or degradation)"},
               &FailureDomainSpec::repair_time},
              {{.key = "storage_bandwidth_factor",
                .kind = number,
                .presence = Presence::optional,
                .bound = Bound::fraction,
                .example = "0.5",
                .doc = "storage_degraded: the share of the storage bandwidth left, in (0, 1)"},
               &FailureDomainSpec::storage_bandwidth_factor},
          },
      .check = check_domain,
      .sources = &FailureDomainSpec::sources,
  };
  return table;
}

failure::FailureCause to_failure_cause(const FailureDomainSpec& domain) {
  failure::FailureCause cause;
  cause.name = domain.name;
  cause.blast_radius = failure::parse_blast_radius(domain.name);
  cause.component = cause.blast_radius == failure::BlastRadius::power_domain ? failure::ComponentKind::psu
                    : cause.blast_radius == failure::BlastRadius::pod        ? failure::ComponentKind::network_switch
                                                                             : failure::ComponentKind::other;
  cause.rate_per_component_hour = domain.rate_per_domain_hour;
  cause.repair_time = domain.repair_time;
  cause.storage_bandwidth_factor = domain.storage_bandwidth_factor.value_or(1.0);
  return cause;
}

}  // namespace clustersim::models::catalog
