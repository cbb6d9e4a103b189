// Cost model against cases worked out by hand.
#include <catch2/catch.hpp>

#include "models/cost/cost_model.hpp"

using namespace clustersim::models::cost;

TEST_CASE("owned cost over exactly one amortisation period", "[cost]") {
  CostConfig config;
  config.model = CostModelKind::owned;
  OwnedPricing& p = config.owned;
  p.nodes = 10;
  p.node_price_usd = 100'000;
  p.node_power_w = 1'000;
  p.switches = 2;
  p.switch_price_usd = 20'000;
  p.switch_power_w = 500;
  p.host_links = 2;  // copper: no power of their own
  p.host_link_price_usd = 1'000;
  p.switch_links = 2;  // optical: 500 W each (both transceivers)
  p.switch_link_price_usd = 1'000;
  p.switch_link_power_w = 500;
  p.storage_price_usd = 100'000;
  p.storage_power_w = 2'000;
  p.amortisation_years = 1;
  p.pue = 1.5;
  p.usd_per_kwh = 0.2;
  p.support_fraction_per_year = 0.1;

  Usage usage;
  usage.wall_time_s = 8766.0 * 3600.0;  // one year of 365.25 days
  usage.useful_gpu_hours = 80 * 8766.0 * 0.5;
  usage.tokens_trained = 1e12;

  const CostReport report = cost_of(config, usage);
  // capex is fully charged: 1e6 nodes, 44,000 network (2 x 20,000 + 2 x 1,000 + 2 x 1,000), 100,000 storage
  CHECK(report.breakdown_usd.at("nodes") == Approx(1e6));
  CHECK(report.breakdown_usd.at("network") == Approx(44'000));
  CHECK(report.breakdown_usd.at("storage") == Approx(100'000));
  // 14 kW (10 nodes, 2 switches, 2 optical links, storage) x 1.5 PUE x 8,766 h x $0.2
  CHECK(report.breakdown_usd.at("energy") == Approx(14 * 1.5 * 8766 * 0.2));
  CHECK(report.breakdown_usd.at("support") == Approx(0.1 * 1'144'000));
  const double total = 1e6 + 44'000 + 100'000 + 36'817.2 + 114'400;
  CHECK(report.total_usd == Approx(total));
  REQUIRE(report.usd_per_useful_gpu_hour);
  CHECK(*report.usd_per_useful_gpu_hour == Approx(total / 350'640));
  REQUIRE(report.usd_per_trained_token);
  CHECK(*report.usd_per_trained_token == Approx(total / 1e12));
  CHECK_FALSE(report.usd_per_million_served_tokens);  // nothing served
}

TEST_CASE("owned capex is charged pro rata of the amortisation period", "[cost]") {
  CostConfig config;
  config.owned.nodes = 1;
  config.owned.node_price_usd = 876'600;
  config.owned.amortisation_years = 4;
  config.owned.support_fraction_per_year = 0;
  Usage usage;
  usage.wall_time_s = 876.6 * 3600.0;  // a tenth of a year
  const CostReport report = cost_of(config, usage);
  CHECK(report.breakdown_usd.at("nodes") == Approx(876'600 * 0.1 / 4));
  CHECK(report.breakdown_usd.at("energy") == 0);
  CHECK(report.total_usd == Approx(21'915));
  CHECK_FALSE(report.usd_per_trained_token);  // no tokens: no ratio
}

TEST_CASE("cloud cost: node hours, storage GB-months and requests", "[cost]") {
  CostConfig config;
  config.model = CostModelKind::cloud;
  CloudPricing& p = config.cloud;
  p.nodes = 4;
  p.node_hourly_usd = 10;
  p.stored_bytes = 1e12;  // 1,000 GB
  p.storage_usd_per_gb_month = 0.023;
  p.put_usd_per_1000 = 0.005;
  p.get_usd_per_1000 = 0.0004;
  p.request_bytes = 1e8;

  Usage usage;
  usage.wall_time_s = 730 * 3600.0;   // one billing month
  usage.storage_bytes_written = 1e9;  // 10 PUTs
  usage.storage_bytes_read = 2.5e8;   // 3 GETs (a partial request is a request)
  usage.tokens_served = 2e9;

  const CostReport report = cost_of(config, usage);
  CHECK(report.breakdown_usd.at("nodes") == Approx(29'200));
  CHECK(report.breakdown_usd.at("storage_capacity") == Approx(23));
  CHECK(report.breakdown_usd.at("storage_requests") == Approx(10 * 0.005 / 1000 + 3 * 0.0004 / 1000));
  const double total = 29'223 + 5e-5 + 1.2e-6;
  CHECK(report.total_usd == Approx(total));
  REQUIRE(report.usd_per_million_served_tokens);
  CHECK(*report.usd_per_million_served_tokens == Approx(total / 2000));
}

TEST_CASE("cost inputs out of range name the field", "[cost]") {
  CostConfig config;
  config.owned.amortisation_years = 0;
  CHECK_THROWS_WITH(cost_of(config, Usage{}), "cost.owned.amortisation_years: must be > 0, got 0");
  config.owned.amortisation_years = 4;
  config.owned.pue = 0.9;
  CHECK_THROWS_WITH(cost_of(config, Usage{}), "cost.owned.pue: must be >= 1, got 0.9");
  config.owned.pue = 1.2;
  Usage usage;
  usage.wall_time_s = -1;
  CHECK_THROWS_WITH(cost_of(config, usage), "usage.wall_time_s: must be >= 0, got -1");
}
