// Failure domains in the campaign: which partner copies a domain failure takes (partner_geometry.hpp), the
// recovery that follows (recovery_plan.hpp) and the shared storage failing or degrading, checked by hand on the
// small cluster (small_cluster.hpp: 4 nodes, 2 per rack, one pod; 4e9 bytes of state per node; storage 8 GB/s
// write, 16 GB/s read, no first-byte latency or metadata cost; 1e9 bytes of staged data per node).
#include <catch2/catch.hpp>

#include "models/failure/failure_domain.hpp"
#include "models/workload/campaign.hpp"
#include "models/workload/campaign_failures.hpp"
#include "models/workload/partner_geometry.hpp"
#include "models/workload/recovery_plan.hpp"
#include "models/workload/shared_storage_io.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;
using models::failure::BlastRadius;
using models::failure::NodeRange;

namespace {

// Level 0 every step, other-rack partners every 10 steps, shared storage every 100 steps.
CampaignConfig three_levels(PartnerPlacement partner) {
  CampaignConfig config = testing::small_cluster();
  CheckpointLevel dram{.target = CheckpointTarget::host_dram, .interval_steps = 1};
  CheckpointLevel nvme{.target = CheckpointTarget::partner_nvme, .interval_steps = 10};
  nvme.partner = partner;
  CheckpointLevel shared{.target = CheckpointTarget::shared_storage, .interval_steps = 100};
  shared.file_per_rank = false;
  config.checkpoint.levels = {dram, nvme, shared};
  return config;
}

// One cause whose blast radius is a domain of `nodes_per_domain` nodes, at one event per domain-hour.
models::failure::FailureCause domain_cause(BlastRadius radius, int nodes_per_domain, sim::SimTime repair) {
  models::failure::FailureCause cause;
  cause.name = std::string(models::failure::to_string(radius));
  cause.blast_radius = radius;
  cause.rate_per_component_hour = 1;
  cause.components_per_node = 1.0 / nodes_per_domain;
  cause.repair_time = repair;
  return cause;
}

}  // namespace

TEST_CASE("partner geometry: the partner of each node, and the copies a run of failed nodes takes", "[domains]") {
  FabricConfig fabric;
  fabric.nodes_per_leaf = 2;
  fabric.nodes_per_pod = 4;  // 8 nodes: racks {0,1} {2,3} | {4,5} {6,7}
  const PartnerGeometry same_rack(PartnerPlacement::same_rack, fabric, 8);
  const PartnerGeometry other_rack(PartnerPlacement::other_rack, fabric, 8);
  const PartnerGeometry other_pod(PartnerPlacement::other_pod, fabric, 8);
  CHECK(same_rack.partner(0) == 1);
  CHECK(same_rack.partner(1) == 0);
  CHECK(other_rack.partner(0) == 2);
  CHECK(other_rack.partner(3) == 1);  // wraps inside the pod
  CHECK(other_rack.partner(6) == 4);
  CHECK(other_pod.partner(1) == 5);
  CHECK(other_pod.partner(6) == 2);
  // A rack (leaf) takes same-rack copies only; a power domain of two racks the other-rack ones too; a pod takes
  // every copy inside it but none of the other_pod ones.
  CHECK(same_rack.copies_lost(NodeRange{2, 2}));
  CHECK_FALSE(other_rack.copies_lost(NodeRange{2, 2}));
  CHECK(other_rack.copies_lost(NodeRange{4, 4}));
  CHECK_FALSE(other_pod.copies_lost(NodeRange{4, 4}));
  CHECK_FALSE(other_rack.copies_lost(NodeRange{3, 1}));
  // A single pod has no other pod: other_pod partners sit in the next rack.
  CHECK(PartnerGeometry(PartnerPlacement::other_pod, fabric, 4).partner(0) == 2);
}

TEST_CASE("a domain larger than the cluster, of size 0 or not a whole number of racks is refused", "[domains]") {
  using models::failure::DomainGeometry;
  const auto error_of = [](const DomainGeometry& geometry) {
    try {
      models::failure::validate_geometry(geometry, "fabric.");
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK(error_of({.nodes = 8, .nodes_per_leaf = 2, .nodes_per_power_domain = 4, .nodes_per_pod = 8}) == "no error");
  CHECK(error_of({.nodes = 8, .nodes_per_leaf = 2, .nodes_per_power_domain = 4, .nodes_per_pod = 16}) ==
        "fabric.nodes_per_pod: must be at most the 8 nodes of the cluster, got 16");
  CHECK(error_of({.nodes = 8, .nodes_per_leaf = 0, .nodes_per_power_domain = 4, .nodes_per_pod = 8}) ==
        "fabric.nodes_per_leaf: must be >= 1, got 0");
  CHECK(error_of({.nodes = 8, .nodes_per_leaf = 2, .nodes_per_power_domain = 3, .nodes_per_pod = 8}) ==
        "fabric.nodes_per_power_domain: must be a whole number of racks (a multiple of nodes_per_leaf = 2), got 3");
}

TEST_CASE("a power event with other-rack partners in its domain forces a shared-storage recovery", "[domains]") {
  CampaignConfig config = three_levels(PartnerPlacement::other_rack);
  const StepTimeModel steps(config);
  const CheckpointVersions versions{105, 100, 50};
  SECTION("a power domain of both racks: each rack holds the other's copies") {
    config.failures.causes = {domain_cause(BlastRadius::power_domain, 4, sim::hours(4))};
    CampaignFailures failures(config, 1);
    const PendingFailure failure = *failures.next();
    CHECK(failure.impact.nodes_lost == 4);
    CHECK(failure.impact.partners_lost_too);
    const RecoveryPlan plan = plan_recovery(config, steps, testing::io_for(config, steps), versions, failure.impact);
    CHECK(plan.tier == RecoveryTier::shared_storage);
    CHECK(plan.resume_step == 50);
    // 4 nodes read their 4e9-byte shards at 16 GB/s / 4 each: 1 s; re-staging 1e9 bytes each takes 0.25 s.
    CHECK(plan.reload_s == Approx(1.0));
    CHECK(plan.shared_bytes_read == Approx(4 * 4e9 + 4 * 1e9));
    // Degraded to half its bandwidth, the storage takes twice as long.
    CHECK(plan_recovery(config, steps, testing::io_for(config, steps, 0.5), versions, failure.impact).reload_s ==
          Approx(2.0));
    // Down, it still holds the only copy the failed nodes can use: the campaign waits for it.
    CHECK(plan_recovery(config, steps, testing::io_for(config, steps), versions, failure.impact, false).tier ==
          RecoveryTier::shared_storage);
  }
  SECTION("a power domain of one rack: the partners next door survive") {
    config.failures.causes = {domain_cause(BlastRadius::power_domain, 2, sim::hours(4))};
    CampaignFailures failures(config, 1);
    const PendingFailure failure = *failures.next();
    CHECK(failure.impact.nodes_lost == 2);
    CHECK_FALSE(failure.impact.partners_lost_too);
    const RecoveryPlan plan = plan_recovery(config, steps, testing::io_for(config, steps), versions, failure.impact);
    CHECK(plan.tier == RecoveryTier::partner_nvme);
    CHECK(plan.resume_step == 100);
    CHECK(plan.reload_s == Approx(0.4));  // 4e9 bytes from the partner's NVMe at 10 GB/s
  }
}

TEST_CASE("while the shared storage is down a recovery takes the next older tier it can read", "[domains]") {
  const CampaignConfig config = three_levels(PartnerPlacement::other_rack);
  const StepTimeModel steps(config);
  const CheckpointVersions versions{40, std::nullopt, 60};
  CHECK(plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{0, false}).resume_step ==
        60);
  const RecoveryPlan down =
      plan_recovery(config, steps, testing::io_for(config, steps), versions, FailureImpact{0, false}, false);
  CHECK(down.tier == RecoveryTier::host_dram);
  CHECK(down.resume_step == 40);
  CHECK(down.reload_s == Approx(0.05));  // 4e9 bytes over PCIe at 80 GB/s
}

TEST_CASE("a storage outage skips every drain due while it lasts; the job trains on from staged data", "[domains]") {
  CampaignConfig config = three_levels(PartnerPlacement::other_rack);
  // An outage about every second, each 10 h long: the storage is down from the first seconds on, before the
  // first drain at step 100 (37.5 s); the 9 drains due at steps 100, ..., 900 are all skipped.
  config.failures.causes = {domain_cause(BlastRadius::storage_outage, 4, sim::hours(10))};
  config.failures.causes[0].rate_per_component_hour = 3600;
  const CampaignResult result = run_campaign(config, 1);
  CHECK(result.budget_reached);
  CHECK(result.interruptions == 0);
  CHECK(result.storage_events.at("storage_outage") > 100);  // about one a second over the 375 s of training
  CHECK(result.checkpoints_completed.count("shared_storage") == 0);
  CHECK(result.checkpoints_skipped.at("shared_storage") == 9);
  CHECK(result.checkpoints_completed.at("partner_nvme") == 99);
  CHECK(result.breakdown_s.at("storage_outage") == 0);

  // Streaming its data from the storage, the same job stops at the first outage and waits for the storage, which
  // the next outages keep down until the 2 h horizon (detected at once: each outage interrupts the wait).
  config.data.mode = DataMode::streamed_from_shared_storage;
  config.horizon = sim::hours(2);
  config.failures.detection_time = sim::SimTime::zero();
  const CampaignResult streamed = run_campaign(config, 1);
  CHECK_FALSE(streamed.budget_reached);
  CHECK(streamed.interruptions_by_cause.at("storage_outage") == streamed.storage_events.at("storage_outage"));
  CHECK(streamed.breakdown_s.at("storage_outage") > 0.9 * streamed.wall_time_s);
}

TEST_CASE("a recovery that needs the shared storage waits out its outage", "[domains]") {
  // Power events take both racks (and every partner copy) about every hour, storage outages of 1 h come about
  // every 10 min: some recoveries must wait for the storage, and those are charged to storage_outage.
  CampaignConfig config = three_levels(PartnerPlacement::other_rack);
  config.model.token_budget = 1e11;  // 100,000 steps, about 10.4 h
  config.failures.spare_nodes = 4;
  config.failures.causes = {domain_cause(BlastRadius::power_domain, 4, sim::minutes(1)),
                            domain_cause(BlastRadius::storage_outage, 4, sim::hours(1))};
  config.failures.causes[1].rate_per_component_hour = 6;
  const CampaignResult result = run_campaign(config, 1);
  CHECK(result.recoveries_by_tier.at("shared_storage") > 0);
  CHECK(result.breakdown_s.at("storage_outage") > 0);
  CHECK(testing::sum_of(result.breakdown_s) == Approx(result.wall_time_s));
}
