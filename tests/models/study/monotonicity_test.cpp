// The headline moves the right way (issue 17): with the same seeds, a slower fabric, a slower storage tier or a
// higher failure rate never raises forward progress (compute time of the kept steps / wall time).
#include <catch2/catch.hpp>

#include <filesystem>

#include "models/failure/failure_domain.hpp"
#include "models/study/catalog_source.hpp"
#include "models/study/resolve.hpp"
#include "models/study/scenario_overrides.hpp"
#include "models/workload/campaign.hpp"

using namespace clustersim;
using models::workload::CampaignConfig;

namespace {

// The reference campaign with `overrides` (--set PATH=VALUE), resolved: a fabric change is rebuilt and its
// gradient exchange simulated on it.
CampaignConfig reference_campaign(const std::vector<std::string>& overrides = {}) {
  const auto catalog = models::study::load_catalog_source();
  models::study::ResolvedScenario scenario = models::study::load_resolved_scenario(
      std::filesystem::path(CLUSTERSIM_DATA_DIR) / "../scenarios/llama405b-local-nvme.json", *catalog, {},
      models::study::parse_overrides(overrides));
  scenario.campaign.horizon = sim::days(30);  // a month of the campaign is enough to see every effect
  return scenario.campaign;
}

double progress(const CampaignConfig& config, std::uint64_t seed) {
  return models::workload::run_campaign(config, seed).forward_progress;
}

}  // namespace

TEST_CASE("a slower fabric, tier or higher failure rate never raises forward progress", "[study][monotone]") {
  const CampaignConfig base = reference_campaign();
  const CampaignConfig oversubscribed = reference_campaign({"architecture.fabric.oversubscription=3"});
  const CampaignConfig pods_oversubscribed = reference_campaign({"architecture.fabric.pod_oversubscription=14"});
  const CampaignConfig slower_nics = reference_campaign({"architecture.node.backend_bandwidth=\"200 GB/s\""});
  CHECK(*oversubscribed.fabric.gradient_exchange_s > *base.fabric.gradient_exchange_s);
  CHECK(*pods_oversubscribed.fabric.gradient_exchange_s > *base.fabric.gradient_exchange_s);
  CHECK(*slower_nics.fabric.gradient_exchange_s > *base.fabric.gradient_exchange_s);
  CampaignConfig slower_store = base;
  slower_store.storage.write_bytes_per_s /= 4;
  slower_store.storage.read_bytes_per_s /= 4;
  CampaignConfig fewer_prefixes = base;  // the object store's requests on one prefix instead of 64
  fewer_prefixes.storage.prefixes = 1;
  CampaignConfig slower_requests = base;
  slower_requests.storage.first_byte_latency = sim::SimTime::from_ns(4 * base.storage.first_byte_latency.ns());
  CampaignConfig streamed = base;  // input read as 4 KiB samples from the object store
  streamed.data.mode = models::workload::DataMode::streamed_from_shared_storage;
  streamed.data.sample_bytes = 4096;
  CampaignConfig streamed_fewer_reads = streamed;
  streamed_fewer_reads.data.reads_in_flight_per_node = 4;
  CampaignConfig more_failures = base;
  for (auto& cause : more_failures.failures.causes) cause.rate_per_component_hour *= 2;
  // The correlated domains alone (power domain, pod, storage outage and degradation) at 4 times their rates.
  CampaignConfig more_domain_failures = base;
  int domains = 0;
  for (auto& cause : more_domain_failures.failures.causes) {
    if (!models::failure::is_domain(cause.blast_radius) ||
        cause.blast_radius == models::failure::BlastRadius::leaf_switch) {
      continue;
    }
    cause.rate_per_component_hour *= 4;
    ++domains;
  }
  REQUIRE(domains == 4);
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const double reference = progress(base, seed);
    CAPTURE(seed, reference);
    CHECK(progress(oversubscribed, seed) < reference);  // the gradient exchange is exposed: strictly slower
    CHECK(progress(pods_oversubscribed, seed) < reference);
    CHECK(progress(slower_nics, seed) < reference);
    CHECK(progress(slower_store, seed) <= reference);
    CHECK(progress(fewer_prefixes, seed) <= reference);
    CHECK(progress(slower_requests, seed) <= reference);
    CHECK(progress(streamed_fewer_reads, seed) <= progress(streamed, seed));
    CHECK(progress(more_failures, seed) < reference);
    CHECK(progress(more_domain_failures, seed) < reference);
  }
}
