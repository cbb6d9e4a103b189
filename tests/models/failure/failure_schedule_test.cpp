#include "models/failure/failure_schedule.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "models/failure/failure_cause.hpp"
#include "models/failure/failure_rates.hpp"

namespace failure = clustersim::models::failure;
namespace sim = clustersim::sim;
using failure::BlastRadius;
using failure::ComponentKind;
using failure::FailureCause;
using failure::FailureEvent;
using failure::FailureSchedule;
using failure::FleetAge;
using failure::LifetimeDistribution;

namespace {

constexpr std::int64_t kNodes = 2048;  // 16,384 GPUs, as in Llama 3's 54-day snapshot
const sim::SimTime kWindow = sim::days(54);

FailureCause cause_of(std::string name, ComponentKind component, double rate_per_component_hour,
                      double components_per_node, LifetimeDistribution distribution) {
  FailureCause cause;
  cause.name = std::move(name);
  cause.component = component;
  cause.rate_per_component_hour = rate_per_component_hour;
  cause.components_per_node = components_per_node;
  cause.distribution = distribution;
  return cause;
}

// An exponential cause with `count` expected failures in 54 days on kNodes nodes.
FailureCause make_cause(std::string name, ComponentKind component, double count, double components_per_node,
                        BlastRadius radius) {
  const double rate = failure::rate_from_count(count, components_per_node * kNodes, kWindow);
  FailureCause cause = cause_of(std::move(name), component, rate, components_per_node, LifetimeDistribution{});
  cause.blast_radius = radius;
  cause.repair_time = sim::hours(4);
  return cause;
}

// A synthetic, Llama-3-like set of exponential causes with 419 expected failures in 54 days on 2,048 nodes.
std::vector<FailureCause> llama_like_causes() {
  return {
      make_cause("faulty_gpu", ComponentKind::gpu, 148, 8, BlastRadius::node),
      make_cause("gpu_hbm", ComponentKind::gpu, 72, 8, BlastRadius::node),
      make_cause("software_bug", ComponentKind::software, 54, 1, BlastRadius::job),
      make_cause("leaf_switch", ComponentKind::network_switch, 35, 1.0 / 16, BlastRadius::leaf_switch),
      make_cause("host", ComponentKind::host, 32, 1, BlastRadius::node),
      make_cause("other_gpu", ComponentKind::gpu, 48, 8, BlastRadius::node),
      make_cause("ssd", ComponentKind::ssd, 3, 8, BlastRadius::node_and_local_storage),
      make_cause("other", ComponentKind::other, 27, 1, BlastRadius::node),
  };
}

std::vector<FailureEvent> drain(FailureSchedule& schedule) {
  std::vector<FailureEvent> events;
  while (auto event = schedule.next()) events.push_back(*event);
  return events;
}

std::vector<FailureEvent> run(const std::vector<FailureCause>& causes, std::int64_t nodes, std::uint64_t seed,
                              sim::SimTime horizon, FleetAge age = FleetAge::stationary) {
  FailureSchedule schedule(causes, nodes, seed, horizon, age);
  return drain(schedule);
}

struct Moments {
  double mean = 0;
  double variance = 0;  // sample variance
};

Moments moments(const std::vector<double>& values) {
  Moments m;
  for (double v : values) m.mean += v;
  m.mean /= static_cast<double>(values.size());
  for (double v : values) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= static_cast<double>(values.size() - 1);
  return m;
}

// Gaps between consecutive failures of one schedule, in hours.
std::vector<double> gaps_hours(const std::vector<FailureEvent>& events) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < events.size(); ++i) {
    gaps.push_back((events[i].time - events[i - 1].time).to_seconds() / 3600.0);
  }
  return gaps;
}

FailureCause single_component_cause(LifetimeDistribution distribution, double rate_per_hour) {
  return cause_of("part", ComponentKind::other, rate_per_hour, 1, distribution);
}

}  // namespace

TEST_CASE("rates and expected failures in closed form", "[failure]") {
  // Llama 3 Table 5: 148 faulty GPUs on 16,384 GPUs in 54 d = 1,296 h: 148 / (16,384 x 1,296) per GPU-hour.
  CHECK(failure::rate_from_count(148, 16384, sim::days(54)) == Approx(148.0 / (16384.0 * 1296.0)).epsilon(1e-12));
  CHECK(failure::rate_from_count(0, 10, sim::hours(1)) == 0.0);

  const auto causes = llama_like_causes();
  CHECK(failure::expected_failures(causes, kNodes, kWindow) == Approx(419).epsilon(1e-9));
  const auto by_cause = failure::expected_failures_by_cause(causes, kNodes, kWindow);
  REQUIRE(by_cause.size() == causes.size());
  CHECK(by_cause[0] == Approx(148).epsilon(1e-9));
  CHECK(by_cause[3] == Approx(35).epsilon(1e-9));  // 128 leaf switches
  // Half the nodes: half the failures (every population scales with the node count).
  CHECK(failure::expected_failures(causes, kNodes / 2, kWindow) == Approx(209.5).epsilon(1e-9));
  // MTBF of the whole job: 1,296 h / 419 = 3.093 h.
  CHECK(failure::failures_per_hour(causes, kNodes) == Approx(419.0 / 1296.0).epsilon(1e-9));
  CHECK(failure::mean_time_between_failures(causes, kNodes).to_seconds() ==
        Approx(1296.0 * 3600.0 / 419.0).epsilon(1e-9));
  // Weibull scale: mean lifetime = scale x Gamma(1 + 1/k) = 1 / rate.
  CHECK(failure::weibull_scale_hours(0.01, 1.0) == Approx(100).epsilon(1e-12));
  CHECK(failure::weibull_scale_hours(0.01, 2.0) * std::tgamma(1.5) == Approx(100).epsilon(1e-12));
}

TEST_CASE("component layout: components inside nodes and components shared by nodes", "[failure]") {
  const auto gpus = failure::component_layout(8, 3, "gpus");
  CHECK(gpus.population == 24);
  CHECK(failure::nodes_served(gpus, 3, 0).first == 0);
  CHECK(failure::nodes_served(gpus, 3, 15).first == 1);
  CHECK(failure::nodes_served(gpus, 3, 23).first == 2);
  CHECK(failure::nodes_served(gpus, 3, 23).count == 1);
  // One leaf switch per 16 nodes; 40 nodes -> 3 leaves, the last one half full.
  const auto leaves = failure::component_layout(1.0 / 16, 40, "leaves");
  CHECK(leaves.population == 3);
  CHECK(leaves.nodes_per_component == 16);
  CHECK(failure::nodes_served(leaves, 40, 1).first == 16);
  CHECK(failure::nodes_served(leaves, 40, 1).count == 16);
  CHECK(failure::nodes_served(leaves, 40, 2).first == 32);
  CHECK(failure::nodes_served(leaves, 40, 2).count == 8);
  CHECK(failure::component_layout(1.0 / 3, 9, "thirds").population == 3);  // 1/3 is not exact in binary
  CHECK_THROWS_AS(failure::nodes_served(leaves, 40, 3), std::out_of_range);
}

TEST_CASE("blast radii and names", "[failure]") {
  CHECK(failure::blast_effects(BlastRadius::node).dram_state_lost);
  CHECK_FALSE(failure::blast_effects(BlastRadius::node).local_nvme_lost);
  CHECK(failure::blast_effects(BlastRadius::node_and_local_storage).local_nvme_lost);
  CHECK(failure::blast_effects(BlastRadius::leaf_switch).nodes_leave_job);
  CHECK_FALSE(failure::blast_effects(BlastRadius::leaf_switch).dram_state_lost);
  CHECK_FALSE(failure::blast_effects(BlastRadius::job).nodes_leave_job);
  for (auto radius :
       {BlastRadius::node, BlastRadius::node_and_local_storage, BlastRadius::leaf_switch, BlastRadius::job}) {
    CHECK(failure::parse_blast_radius(failure::to_string(radius)) == radius);
  }
  CHECK(failure::parse_component_kind("switch") == ComponentKind::network_switch);
  CHECK(failure::to_string(ComponentKind::gpu) == "gpu");
  CHECK_THROWS_WITH(failure::parse_component_kind("toaster"), Catch::Contains("toaster") && Catch::Contains("gpu"));
}

TEST_CASE("exponential causes: counts, split by cause and inter-arrival times", "[failure]") {
  const auto causes = llama_like_causes();
  const auto expected = failure::expected_failures_by_cause(causes, kNodes, kWindow);
  constexpr int kSeeds = 200;
  std::vector<double> totals;
  std::vector<double> per_cause(causes.size(), 0.0);
  std::vector<double> gaps;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const auto events = run(causes, kNodes, static_cast<std::uint64_t>(seed), kWindow);
    totals.push_back(static_cast<double>(events.size()));
    for (const auto& event : events) {
      per_cause[event.cause] += 1;
      // Every event names a component of its cause and the nodes it serves.
      const auto layout = failure::component_layout(causes[event.cause].components_per_node, kNodes, "layout");
      REQUIRE(event.component >= 0);
      REQUIRE(event.component < layout.population);
      REQUIRE(event.nodes.first >= 0);
      REQUIRE(event.nodes.first + event.nodes.count <= kNodes);
      REQUIRE(event.nodes.count == (event.cause == 3 ? 16 : 1));
      REQUIRE(event.nodes == failure::nodes_served(layout, kNodes, event.component));
    }
    const auto more = gaps_hours(events);
    gaps.insert(gaps.end(), more.begin(), more.end());
  }

  // Total: Poisson(419) per seed; the mean of 200 has standard error sqrt(419 / 200) = 1.45.
  const Moments count = moments(totals);
  CHECK(std::abs(count.mean - 419.0) < 4.0 * std::sqrt(419.0 / kSeeds));
  // Poisson: variance = mean (the sample variance of 200 has a relative standard error of 0.1).
  CHECK(count.variance / count.mean == Approx(1.0).margin(0.4));

  // Split by cause proportional to the rates: per-cause z-scores within 4 sigma.
  for (std::size_t i = 0; i < causes.size(); ++i) {
    INFO(causes[i].name);
    const double mean = expected[i] * kSeeds;
    CHECK(std::abs(per_cause[i] - mean) < 4.0 * std::sqrt(mean));
  }

  // Inter-arrival times are Exp(419 / 1,296 h): mean 3.093 h and coefficient of variation 1.
  const Moments gap = moments(gaps);
  const double mtbf_h = 1296.0 / 419.0;
  CHECK(std::abs(gap.mean - mtbf_h) < 4.0 * mtbf_h / std::sqrt(static_cast<double>(gaps.size())));
  CHECK(std::sqrt(gap.variance) / gap.mean == Approx(1.0).margin(0.03));
}

TEST_CASE("events are time-ordered and inside the horizon", "[failure]") {
  const auto events = run(llama_like_causes(), kNodes, 42, kWindow);
  REQUIRE_FALSE(events.empty());
  for (std::size_t i = 1; i < events.size(); ++i) REQUIRE(events[i - 1].time <= events[i].time);
  CHECK(events.front().time >= sim::SimTime::zero());
  CHECK(events.back().time < kWindow);
}

TEST_CASE("the schedule is deterministic for a seed", "[failure]") {
  auto causes = llama_like_causes();
  causes.push_back(cause_of("aging_psu", ComponentKind::psu, 2e-5, 2, LifetimeDistribution::weibull(1.8)));
  const auto first = run(causes, kNodes, 7, kWindow);
  CHECK(first == run(causes, kNodes, 7, kWindow));
  CHECK(first != run(causes, kNodes, 8, kWindow));
  // A shorter horizon gives a prefix of the same sequence.
  const auto shorter = run(causes, kNodes, 7, sim::days(20));
  REQUIRE(shorter.size() < first.size());
  CHECK(std::equal(shorter.begin(), shorter.end(), first.begin()));
  CHECK(first[shorter.size()].time >= sim::days(20));
}

TEST_CASE("adding a cause leaves the other causes' failures unchanged", "[failure]") {
  for (auto age : {FleetAge::stationary, FleetAge::new_at_start}) {
    auto causes = llama_like_causes();
    causes[1].distribution = LifetimeDistribution::weibull(0.7);  // mix both samplers
    const auto before = run(causes, kNodes, 99, kWindow, age);
    auto extended = causes;
    extended.insert(extended.begin() + 2,
                    cause_of("new_nic", ComponentKind::nic, 1e-4, 8, LifetimeDistribution::weibull(2.0)));
    const auto after = run(extended, kNodes, 99, kWindow, age);
    std::vector<FailureEvent> others;
    std::size_t added = 0;
    for (FailureEvent event : after) {
      if (extended[event.cause].name == "new_nic") {
        ++added;
        continue;
      }
      if (event.cause > 2) --event.cause;  // back to the original indices
      others.push_back(event);
    }
    CHECK(added > 0);
    CHECK(others == before);
  }
}

TEST_CASE("a Weibull cause with shape 1 behaves like an exponential one", "[failure]") {
  // One component failing at 1 per hour, renewed for 20,000 h: ~20,000 gaps of mean 1 h and CV 1.
  for (auto distribution : {LifetimeDistribution::exponential(), LifetimeDistribution::weibull(1.0)}) {
    const auto events = run({single_component_cause(distribution, 1.0)}, 1, 5, sim::hours(20000));
    const Moments gap = moments(gaps_hours(events));
    const double n = static_cast<double>(events.size());
    CHECK(std::abs(n - 20000) < 4 * std::sqrt(20000.0));
    CHECK(std::abs(gap.mean - 1.0) < 4.0 / std::sqrt(n));
    CHECK(std::sqrt(gap.variance) / gap.mean == Approx(1.0).margin(0.04));
  }
  // And on a fleet: the mean count over seeds matches the closed form.
  std::vector<FailureCause> causes = llama_like_causes();
  for (auto& cause : causes) cause.distribution = LifetimeDistribution::weibull(1.0);
  std::vector<double> totals;
  for (std::uint64_t seed = 1; seed <= 50; ++seed)
    totals.push_back(static_cast<double>(run(causes, kNodes, seed, kWindow).size()));
  CHECK(std::abs(moments(totals).mean - 419.0) < 4.0 * std::sqrt(419.0 / 50));
}

TEST_CASE("Weibull shape 2: lifetimes have mean scale x Gamma(1.5) = 1 / rate", "[failure]") {
  // One component, rate 0.1 per hour (mean lifetime 10 h), scale = 10 / Gamma(1.5) = 11.284 h.
  const double scale_h = failure::weibull_scale_hours(0.1, 2.0);
  CHECK(scale_h == Approx(11.2837917).epsilon(1e-7));
  const auto events = run({single_component_cause(LifetimeDistribution::weibull(2.0), 0.1)}, 1, 11, sim::hours(200000),
                          FleetAge::new_at_start);
  std::vector<double> lifetimes{events.front().time.to_seconds() / 3600.0};  // the first lifetime starts at 0
  const auto gaps = gaps_hours(events);
  lifetimes.insert(lifetimes.end(), gaps.begin(), gaps.end());
  const Moments life = moments(lifetimes);
  const double n = static_cast<double>(lifetimes.size());
  // CV of Weibull(2) = sqrt(Gamma(2) / Gamma(1.5)^2 - 1) = sqrt(4 / pi - 1) = 0.5227.
  const double cv = std::sqrt(4.0 / std::numbers::pi - 1.0);
  CHECK(std::abs(life.mean - scale_h * std::tgamma(1.5)) < 4.0 * cv * 10.0 / std::sqrt(n));
  CHECK(std::sqrt(life.variance) / life.mean == Approx(cv).margin(0.02));
}

TEST_CASE("Weibull fleets: stationary start matches the closed form, a new fleet follows the CDF", "[failure]") {
  // 1,000 components with a 1,000 h mean lifetime over 200 h.
  constexpr int kSeeds = 100;
  for (double shape : {0.7, 2.0, 4.0}) {
    INFO("shape " << shape);
    const FailureCause cause = cause_of("part", ComponentKind::other, 1e-3, 1, LifetimeDistribution::weibull(shape));
    const double expected = failure::expected_failures(std::vector{cause}, 1000, sim::hours(200));
    REQUIRE(expected == Approx(200).epsilon(1e-12));
    std::vector<double> stationary, fresh;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
      stationary.push_back(static_cast<double>(run({cause}, 1000, seed, sim::hours(200)).size()));
      fresh.push_back(static_cast<double>(run({cause}, 1000, seed, sim::hours(200), FleetAge::new_at_start).size()));
    }
    const Moments s = moments(stationary);
    CHECK(std::abs(s.mean - expected) < 4.0 * std::sqrt(s.variance / kSeeds));
    const Moments f = moments(fresh);
    if (shape < 1) CHECK(f.mean > expected);  // infant mortality: a new fleet fails more at first
    if (shape > 1) {
      // Wear-out: less. Each new component fails before 200 h with probability F(200) = 1 - exp(-(200 / scale)^k);
      // a replacement failing again within 200 h is negligible here (< 1% of the count).
      const double scale_h = failure::weibull_scale_hours(1e-3, shape);
      const double p = 1.0 - std::exp(-std::pow(200.0 / scale_h, shape));
      CHECK(std::abs(f.mean - 1000.0 * p) < 4.0 * std::sqrt(1000.0 * p * (1 - p) / kSeeds) + 0.01 * 1000.0 * p);
      CHECK(f.mean < 0.5 * expected);
    }
  }
}

TEST_CASE("disabled causes and empty horizons produce no failures", "[failure]") {
  auto causes = llama_like_causes();
  for (auto& cause : causes) cause.rate_per_component_hour = 0;
  CHECK(run(causes, kNodes, 1, kWindow).empty());
  CHECK(run(llama_like_causes(), kNodes, 1, sim::SimTime::zero()).empty());
  CHECK(run({}, kNodes, 1, kWindow).empty());
  FailureSchedule schedule(llama_like_causes(), kNodes, 1, sim::hours(1));
  drain(schedule);
  CHECK_FALSE(schedule.next().has_value());  // stays exhausted
}

TEST_CASE("bad failure input is rejected naming the field", "[failure]") {
  using Catch::Matchers::Contains;
  using Catch::Matchers::Equals;
  const auto good = llama_like_causes();
  auto bad = good;
  bad[2].rate_per_component_hour = -1;
  CHECK_THROWS_WITH(FailureSchedule(bad, kNodes, 1, kWindow),
                    Equals("failure.causes[2].rate_per_component_hour: must be finite and >= 0, got -1"));
  bad = good;
  bad[0].rate_per_component_hour = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(FailureSchedule(bad, kNodes, 1, kWindow),
                    Equals("failure.causes[0].rate_per_component_hour: must be finite and >= 0, got nan"));
  bad = good;
  bad[1].distribution = LifetimeDistribution::weibull(0);
  CHECK_THROWS_WITH(FailureSchedule(bad, kNodes, 1, kWindow),
                    Equals("failure.causes[1].distribution.weibull_shape: must be finite and > 0, got 0"));
  bad[1].distribution = LifetimeDistribution::weibull(-2);
  CHECK_THROWS_WITH(failure::validate_causes(bad), Contains("weibull_shape: must be finite and > 0, got -2"));
  bad[1].distribution = LifetimeDistribution::weibull(std::numeric_limits<double>::quiet_NaN());
  CHECK_THROWS_WITH(failure::validate_causes(bad), Contains("failure.causes[1].distribution.weibull_shape"));
  bad = good;
  bad[3].components_per_node = 1.5;
  CHECK_THROWS_WITH(
      FailureSchedule(bad, kNodes, 1, kWindow),
      Catch::StartsWith("failure.causes[3].components_per_node: must be a whole number") && Catch::EndsWith("got 1.5"));
  bad[3].components_per_node = 0;
  CHECK_THROWS_WITH(failure::validate_causes(bad),
                    Equals("failure.causes[3].components_per_node: must be finite and > 0, got 0"));
  bad = good;
  bad[4].name = "faulty_gpu";
  CHECK_THROWS_WITH(
      failure::validate_causes(bad),
      Equals("failure.causes[4].name: must be unique (also used by failure.causes[0]), got \"faulty_gpu\""));
  bad[4].name = "";
  CHECK_THROWS_WITH(failure::validate_causes(bad), Equals("failure.causes[4].name: must not be empty, got \"\""));
  bad = good;
  bad[5].repair_time = sim::seconds(-3);
  CHECK_THROWS_WITH(failure::validate_causes(bad), Equals("failure.causes[5].repair_time: must be >= 0, got -3 s"));
  CHECK_THROWS_WITH(FailureSchedule(good, 0, 1, kWindow), Equals("nodes: must be >= 1, got 0"));
  CHECK_THROWS_WITH(FailureSchedule(good, -4, 1, kWindow), Equals("nodes: must be >= 1, got -4"));
  CHECK_THROWS_WITH(FailureSchedule(good, kNodes, 1, sim::seconds(-1)), Equals("horizon: must be >= 0, got -1 s"));
  CHECK_THROWS_WITH(failure::expected_failures(bad, kNodes, kWindow), Contains("failure.causes[5].repair_time"));
  CHECK_THROWS_WITH(failure::rate_from_count(-1, 10, kWindow), Equals("count: must be finite and >= 0, got -1"));
  CHECK_THROWS_WITH(failure::rate_from_count(1, 0, kWindow), Equals("components: must be finite and >= 1, got 0"));
  CHECK_THROWS_WITH(failure::rate_from_count(1, 10, sim::SimTime::zero()), Equals("window: must be > 0, got 0 s"));
  auto silent = good;
  for (auto& cause : silent) cause.rate_per_component_hour = 0;
  CHECK_THROWS_WITH(failure::mean_time_between_failures(silent, kNodes), Contains("positive rate"));
  CHECK_THROWS_AS(failure::mean_time_between_failures(silent, kNodes), std::invalid_argument);
}
