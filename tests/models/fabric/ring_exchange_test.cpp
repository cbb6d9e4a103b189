// Concurrent ring all-reduces as one simulated step (ring_exchange.hpp): 2(n-1) x T_step equals the full
// ring all-reduce of collectives.hpp step by step, the closed form on a non-blocking fabric, and the cache.
#include <catch2/catch.hpp>

#include "models/fabric/builders.hpp"
#include "models/fabric/collectives.hpp"
#include "models/fabric/ring_exchange.hpp"

using namespace clustersim;
using namespace clustersim::models::fabric;

namespace {

// A ring over `hosts` in order: one step's messages.
RingExchange ring(const std::vector<HostId>& hosts, double bytes, RoutingChoice routing) {
  RingExchange exchange;
  for (std::size_t i = 0; i < hosts.size(); ++i) exchange.messages.push_back({hosts[i], hosts[(i + 1) % hosts.size()]});
  exchange.message_bytes = bytes / static_cast<double>(hosts.size());
  exchange.steps = static_cast<std::uint32_t>(2 * (hosts.size() - 1));
  exchange.routing = routing;
  return exchange;
}

}  // namespace

TEST_CASE("ring exchange: 2(n-1) identical steps equal the step-by-step ring all-reduce", "[fabric][collective]") {
  // 4 leaves of 4 hosts, 2 spines, up-links at half the host bandwidth (oversubscription 4): a ring over one
  // host of each leaf crosses the up-links in every step.
  const Topology t = leaf_spine(4, 4, 2, 50e9, 25e9, sim::microseconds(1));
  const std::vector<HostId> hosts = {0, 4, 8, 12, 1, 5, 9, 13};
  const double bytes = 800e6;
  CollectiveSpec spec;
  spec.collective = Collective::all_reduce;
  spec.algorithm = CollectiveAlgorithm::ring;
  spec.bytes = bytes;
  spec.group = hosts;
  spec.routing = RoutingChoice::dmodk;
  const sim::SimTime full = simulate_collective(t, spec);
  CollectiveCache cache;
  const RingExchange exchange = ring(hosts, bytes, RoutingChoice::dmodk);
  const sim::SimTime shortcut = exchange_time(t, exchange, cache);
  // Each step is rounded up to the next ns in both: equal to within a ns per step.
  CHECK(std::abs(shortcut.ns() - full.ns()) <= exchange.steps);
  // Two messages leave each leaf (0->4 and 1->5 from leaf 0); D-mod-k sends them to different spines, each
  // alone on a 25 GB/s up-link: 100 MB / 25 GB/s + 4 hops of 1 us.
  CHECK(step_time(t, exchange).to_seconds() == Approx(100e6 / 25e9 + 4e-6).epsilon(1e-9));
}

TEST_CASE("ring exchange: closed form on a non-blocking fabric, cached by fabric and message size",
          "[fabric][collective]") {
  const Topology t = single_switch(8, 50e9, sim::microseconds(1));
  const RingExchange exchange = ring({0, 1, 2, 3, 4, 5, 6, 7}, 400e6, RoutingChoice::ecmp);
  CollectiveCache cache;
  const double expected = 14 * (50e6 / 50e9 + 2e-6);  // 2(n-1) (S/(n B) + 2 hops)
  CHECK(exchange_time(t, exchange, cache).to_seconds() == Approx(expected).epsilon(1e-9));
  CHECK(exchange_time(t, exchange, cache).to_seconds() == Approx(expected).epsilon(1e-9));
  CHECK(cache.misses() == 1);
  CHECK(cache.hits() == 1);
  RingExchange bigger = exchange;
  bigger.message_bytes *= 2;
  CHECK(exchange_time(t, bigger, cache) > exchange_time(t, exchange, cache));
  const Topology slower = single_switch(8, 25e9, sim::microseconds(1));  // same size, other bandwidth
  CHECK(exchange_time(slower, exchange, cache).to_seconds() == Approx(14 * (50e6 / 25e9 + 2e-6)).epsilon(1e-9));
  CHECK(cache.misses() == 3);
  RingExchange none = exchange;
  none.messages.clear();  // every rank on one node: NVLink only
  CHECK(exchange_time(t, none, cache) == sim::SimTime::zero());
}
