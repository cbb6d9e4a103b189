// Validation against Young/Daly (issue 4): synchronous checkpoints, exponential failures, restart R.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <vector>

#include "models/workload/campaign.hpp"
#include "models/workload/checkpoint_interval.hpp"
#include "sim/statistics.hpp"
#include "small_cluster.hpp"

using namespace clustersim;
using namespace clustersim::models::workload;
namespace failure = clustersim::models::failure;

namespace {

constexpr double kStepS = 0.375 + 0.06 + 24e-6;  // small cluster, see campaign_test.cpp
constexpr double kMtbfS = 4 * 3600.0;            // the whole job's mean time between failures
constexpr double kCheckpointS = 32.0;            // 4e9 B per node at 0.5 GB/s / 4 nodes
constexpr double kRestartS = 120 + 600 + 1.0;    // detection + restart overhead + reload (4e9 B at 4 GB/s)

CampaignConfig daly_campaign(std::int64_t interval_steps) {
  CampaignConfig config = testing::small_cluster();
  config.data.mode = DataMode::streamed_from_shared_storage;  // no staging; 1 MB per step reads in 0.25 ms
  config.storage.write_bytes_per_s = 0.5e9;
  config.model.token_budget = 5000 * 3600 / kStepS * 1e6;  // 5,000 hours of steps
  CheckpointLevel sync;
  sync.target = CheckpointTarget::shared_storage_sync;
  sync.interval_steps = interval_steps;
  sync.file_per_rank = false;
  config.checkpoint.levels = {sync};
  config.failures.causes = {testing::gpu_failures(1.0 / (32 * kMtbfS / 3600))};  // 32 GPUs
  config.failures.spare_nodes = 1000;
  config.failures.detection_time = sim::seconds(120);
  config.failures.restart_overhead = sim::seconds(600);
  config.horizon = sim::days(3650);
  return config;
}

// Daly's waste counts against the failure-free step (compute and the exposed gradient exchange), so this is
// 1 - (compute + exposed communication) / wall time, not 1 - forward progress (compute alone).
double waste(const CampaignResult& result) {
  return 1.0 - (result.breakdown_s.at("compute") + result.breakdown_s.at("exposed_communication")) / result.wall_time_s;
}

}  // namespace

TEST_CASE("the simulated optimum interval agrees with Daly's within 5%", "[campaign][daly]") {
  const CheckpointCosts costs{sim::seconds(kCheckpointS), sim::seconds(kRestartS), sim::seconds(kMtbfS)};
  const double daly_s = daly_interval(costs.checkpoint_cost, costs.mtbf).to_seconds();
  REQUIRE(daly_s == Approx(939).margin(2));

  // Waste over a sweep of intervals, fitted to W(tau) = a / tau + b tau + c, minimised at sqrt(a / b).
  const std::vector<double> factors = {0.5, 0.65, 0.8, 1.0, 1.25, 1.5, 1.8};
  const int seeds = 6;
  Eigen::MatrixXd basis(static_cast<Eigen::Index>(factors.size() * seeds), 3);
  Eigen::VectorXd observed(basis.rows());
  Eigen::Index row = 0;
  for (double factor : factors) {
    const auto steps = static_cast<std::int64_t>(std::llround(factor * daly_s / kStepS));
    const double tau_s = static_cast<double>(steps) * kStepS;
    for (int seed = 1; seed <= seeds; ++seed) {
      basis.row(row) << 1.0 / tau_s, tau_s, 1.0;
      observed(row) = waste(run_campaign(daly_campaign(steps), static_cast<std::uint64_t>(seed)));
      ++row;
    }
  }
  const Eigen::Vector3d fit = basis.colPivHouseholderQr().solve(observed);
  REQUIRE(fit(0) > 0);
  REQUIRE(fit(1) > 0);
  const double simulated_optimum_s = std::sqrt(fit(0) / fit(1));
  CAPTURE(simulated_optimum_s, daly_s);
  REQUIRE(std::abs(simulated_optimum_s - daly_s) / daly_s < 0.05);
}

TEST_CASE("the simulated waste at Daly's interval matches the analytic expectation", "[campaign][daly]") {
  const CheckpointCosts costs{sim::seconds(kCheckpointS), sim::seconds(kRestartS), sim::seconds(kMtbfS)};
  const auto steps =
      static_cast<std::int64_t>(std::llround(daly_interval(costs.checkpoint_cost, costs.mtbf).to_seconds() / kStepS));
  sim::SampleSummary simulated;
  for (int seed = 1; seed <= 20; ++seed)
    simulated.add(waste(run_campaign(daly_campaign(steps), static_cast<std::uint64_t>(seed))));
  const double analytic = daly_waste_fraction(costs, sim::seconds(static_cast<double>(steps) * kStepS));
  const auto [low, high] = simulated.ci95();
  CAPTURE(simulated.mean(), low, high, analytic);
  REQUIRE(analytic >= low);
  REQUIRE(analytic <= high);
}
