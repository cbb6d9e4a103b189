// Collectives on real topologies against their closed forms and hand-worked max-min cases.
#include <catch2/catch.hpp>

#include <numeric>
#include <string>

#include "models/fabric/builders.hpp"
#include "models/fabric/collectives.hpp"
#include "models/fabric/collectives_cache.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::fabric;
using sim::SimTime;

namespace {

constexpr double B = 50e9;                      // host link bytes/s
constexpr double S = 1e9;                       // collective size
const SimTime L = sim::microseconds(1);         // per link
const SimTime overhead = sim::microseconds(2);  // software alpha per message

std::vector<HostId> ranks(std::uint32_t n) {
  std::vector<HostId> g(n);
  std::iota(g.begin(), g.end(), 0u);
  return g;
}

CollectiveSpec spec(Collective c, CollectiveAlgorithm a, std::vector<HostId> group, double bytes = S) {
  CollectiveSpec s;
  s.collective = c;
  s.algorithm = a;
  s.bytes = bytes;
  s.group = std::move(group);
  s.message_overhead = overhead;
  return s;
}

double secs(SimTime t) {
  return t.to_seconds();
}

}  // namespace

TEST_CASE("ring all-reduce on non-blocking fabrics matches 2(n-1)/n S/B + 2(n-1) alpha", "[collectives]") {
  SECTION("single switch, 8 ranks") {
    Topology t = single_switch(8, B, L);
    const double alpha = secs(L * std::int64_t{2} + overhead);
    const double expected = 2.0 * 7 / 8 * S / B + 14 * alpha;
    const double got = secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(8))));
    REQUIRE(got == Approx(expected).epsilon(0.01));
    REQUIRE(got == Approx(expected).epsilon(1e-6));  // in fact exact up to ns rounding
  }
  SECTION("k=4 fat tree, 16 ranks across pods, D-mod-k and ECMP") {
    Topology t = k_ary_fat_tree(4, B, L);
    // The slowest hop of every step crosses pods: 6 links.
    const double alpha = secs(L * std::int64_t{6} + overhead);
    const double expected = 2.0 * 15 / 16 * S / B + 30 * alpha;
    for (RoutingChoice r : {RoutingChoice::dmodk, RoutingChoice::ecmp, RoutingChoice::spray}) {
      CollectiveSpec s = spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(16));
      s.routing = r;
      REQUIRE(secs(simulate_collective(t, s)) == Approx(expected).epsilon(0.01));
    }
  }
}

TEST_CASE("oversubscribed leaf-spine: ranks spread across leaves slow the ring as max-min predicts", "[collectives]") {
  // 2 leaves x 4 hosts, 1 spine, uplinks of 2B: oversubscription 4B / 2B = 2.
  Topology t = leaf_spine(4, 2, 1, B, 2 * B, L);
  const double alpha = secs(L * std::int64_t{4} + overhead);  // host-leaf-spine-leaf-host
  SECTION("rank order: only 3->4 and 7->0 cross the spine, one flow per uplink: non-blocking") {
    const double got = secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(8))));
    REQUIRE(got == Approx(2.0 * 7 / 8 * S / B + 14 * alpha).epsilon(1e-6));
  }
  SECTION("interleaved ranks 0,4,1,5,2,6,3,7: every hop crosses leaves") {
    // By hand: each step, hosts 0..3 each send one chunk up leaf 0's uplink (capacity 2B) and hosts
    // 4..7 up leaf 1's; the spine's down-links carry 4 flows each too. Host links carry one flow
    // (B), so the uplinks are the bottleneck: every flow gets 2B / 4 = B/2. Each of the 14 steps then
    // takes alpha + (S/8) / (B/2): twice the bandwidth term of the non-blocking case.
    const double got =
        secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, {0, 4, 1, 5, 2, 6, 3, 7})));
    REQUIRE(got == Approx(14 * (alpha + (S / 8) / (B / 2))).epsilon(1e-6));
  }
}

TEST_CASE("competing flows slow a ring all-reduce as max-min predicts", "[collectives]") {
  Topology t = single_switch(4, B, L);
  const double alpha = secs(L * std::int64_t{2} + overhead);
  // Ring 0->1->2->3->0 plus a greedy flow 0->2. By hand: host 0's up-link carries {0->1, 0->2},
  // host 2's down-link {1->2, 0->2}; progressive filling saturates both at level B/2, so 0->1 and
  // 1->2 get B/2 and the other two ring flows B. Each of the 6 steps waits for the slow ones:
  // alpha + (S/4) / (B/2). (When 2->3 and 3->0 finish, nothing frees capacity for 0->1 or 1->2.)
  SECTION("greedy competitor") {
    const double got = secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(4)),
                                                {CompetingFlow{0, 2, std::nullopt}}));
    REQUIRE(got == Approx(6 * (alpha + (S / 4) / (B / 2))).epsilon(1e-6));
  }
  SECTION("competitor bounded at 0.2 B: ring flow 0->1 gets 0.8 B") {
    const double got = secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(4)),
                                                {CompetingFlow{0, 2, 0.2 * B}}));
    REQUIRE(got == Approx(6 * (alpha + (S / 4) / (0.8 * B))).epsilon(1e-6));
  }
}

TEST_CASE("tree, broadcast, reduce-scatter, all-gather and all-to-all closed forms", "[collectives]") {
  Topology t = single_switch(8, B, L);
  const double alpha = secs(L * std::int64_t{2} + overhead);
  auto run = [&](Collective c, CollectiveAlgorithm a, std::uint32_t n) {
    return secs(simulate_collective(t, spec(c, a, ranks(n))));
  };
  using C = Collective;
  using A = CollectiveAlgorithm;
  // Binomial reduce + broadcast: 2 ceil(log2 n) rounds of one full-size message per receiver.
  REQUIRE(run(C::all_reduce, A::tree, 8) == Approx(6 * (S / B + alpha)).epsilon(1e-6));
  REQUIRE(run(C::all_reduce, A::tree, 6) == Approx(6 * (S / B + alpha)).epsilon(1e-6));
  REQUIRE(run(C::broadcast, A::tree, 8) == Approx(3 * (S / B + alpha)).epsilon(1e-6));
  // Scatter (7 chunks share the root's link) then ring all-gather.
  REQUIRE(run(C::broadcast, A::ring, 8) == Approx(2.0 * 7 / 8 * S / B + 8 * alpha).epsilon(1e-6));
  REQUIRE(run(C::reduce_scatter, A::ring, 8) == Approx(7.0 / 8 * S / B + 7 * alpha).epsilon(1e-6));
  REQUIRE(run(C::all_gather, A::ring, 8) == Approx(7.0 / 8 * S / B + 7 * alpha).epsilon(1e-6));
  // Recursive halving / doubling: log2 n rounds.
  REQUIRE(run(C::reduce_scatter, A::tree, 8) == Approx(7.0 / 8 * S / B + 3 * alpha).epsilon(1e-6));
  REQUIRE(run(C::all_gather, A::tree, 8) == Approx(7.0 / 8 * S / B + 3 * alpha).epsilon(1e-6));
  REQUIRE(run(C::all_to_all, A::ring, 8) == Approx(7 * (S / 8 / B + alpha)).epsilon(1e-6));
  // All 56 messages at once: every host link carries 7, each gets B/7.
  REQUIRE(run(C::all_to_all, A::direct, 8) == Approx(7.0 / 8 * S / B + alpha).epsilon(1e-6));
  REQUIRE(run(C::all_reduce, A::ring, 1) == 0.0);
}

TEST_CASE("hierarchical all-reduce: NVLink inside the node, fabric between nodes", "[collectives]") {
  // 4 nodes x 4 GPUs, every GPU a host of one switch (its own NIC).
  Topology t = single_switch(16, B, L);
  const double nv = 400e9;
  const SimTime nv_lat = sim::microseconds(1);
  const double alpha = secs(L * std::int64_t{2} + overhead);
  const double alpha_nv = secs(nv_lat + overhead);
  const double g = 4, N = 4;
  const double intra = (g - 1) / g * S / nv + (g - 1) * alpha_nv;  // one ring RS or AG in a node
  auto hier = [&](Collective c, InterNode mode) {
    CollectiveSpec s = spec(c, CollectiveAlgorithm::ring, ranks(16));
    s.nvlink = NvlinkDomain{4, nv, nv_lat, mode};
    return secs(simulate_collective(t, s));
  };
  SECTION("per rail: 4 concurrent inter-node rings of S/4, one per local rank") {
    const double inter = 2 * (N - 1) / N * (S / g) / B + 2 * (N - 1) * alpha;
    REQUIRE(hier(Collective::all_reduce, InterNode::per_rail) == Approx(2 * intra + inter).epsilon(1e-6));
    REQUIRE(hier(Collective::all_gather, InterNode::per_rail) ==
            Approx(intra + (N - 1) / N * (S / g) / B + (N - 1) * alpha).epsilon(1e-6));
    REQUIRE(hier(Collective::reduce_scatter, InterNode::per_rail) ==
            Approx(intra + (N - 1) / N * (S / g) / B + (N - 1) * alpha).epsilon(1e-6));
  }
  SECTION("per node: the 4 rings share the node's one fabric link") {
    const double inter = 2 * (N - 1) / N * S / B + 2 * (N - 1) * alpha;
    REQUIRE(hier(Collective::all_reduce, InterNode::per_node) == Approx(2 * intra + inter).epsilon(1e-6));
  }
  SECTION("flat all-reduce on the same 16 hosts for comparison: 2(n-1)/n S/B + 2(n-1) alpha") {
    const double flat =
        secs(simulate_collective(t, spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(16))));
    REQUIRE(flat == Approx(2.0 * 15 / 16 * S / B + 30 * alpha).epsilon(1e-6));
    REQUIRE(hier(Collective::all_reduce, InterNode::per_rail) < flat);
  }
}

TEST_CASE("CollectiveCache: hits for the same collective, misses when anything in the key changes", "[collectives]") {
  Topology t = single_switch(8, B, L);
  CollectiveCache cache;
  CollectiveSpec s = spec(Collective::all_reduce, CollectiveAlgorithm::ring, ranks(8));
  const SimTime first = cached_collective_duration(cache, t, s);
  REQUIRE(cache.misses() == 1);
  REQUIRE(cache.hits() == 0);
  for (int step = 0; step < 10; ++step) REQUIRE(cached_collective_duration(cache, t, s) == first);
  REQUIRE(cache.hits() == 10);
  REQUIRE(cache.misses() == 1);

  CollectiveSpec bigger = s;
  bigger.bytes = 2 * S;
  REQUIRE(cached_collective_duration(cache, t, bigger) > first);
  CollectiveSpec moved = s;
  std::swap(moved.group[0], moved.group[1]);  // another placement
  cached_collective_duration(cache, t, moved);
  const SimTime loaded = cached_collective_duration(cache, t, s, {CompetingFlow{0, 2, std::nullopt}});
  REQUIRE(loaded > first);
  REQUIRE(cache.misses() == 4);
  REQUIRE(cached_collective_duration(cache, t, s, {CompetingFlow{0, 2, std::nullopt}}) == loaded);
  REQUIRE(cache.hits() == 11);
  // A failure elsewhere changes the fabric-state signature: a new key.
  Topology t2 = single_switch(9, B, L);
  const std::uint64_t before = fabric_state_signature(t2);
  t2.fail_link(t2.incident_links(t2.host_vertex(8)).front());
  REQUIRE(fabric_state_signature(t2) != before);
  REQUIRE(collective_key(s, 0, before) != collective_key(s, 0, fabric_state_signature(t2)));
  REQUIRE(cache.size() == 4);
}

TEST_CASE("bad collective specs name the field", "[collectives]") {
  using test::throws_naming;
  Topology t = single_switch(8, B, L);
  auto check = [&](CollectiveSpec s) { validate(s, t); };
  using C = Collective;
  using A = CollectiveAlgorithm;
  REQUIRE(throws_naming([&] { check(spec(C::all_reduce, A::ring, {0, 1, 99})); }, "group[2]: unknown host 99"));
  REQUIRE(throws_naming([&] { check(spec(C::all_reduce, A::ring, {0, 1, 0})); }, "group[2]: host 0 is also rank 0"));
  REQUIRE(throws_naming([&] { check(spec(C::all_reduce, A::ring, {})); }, "collective.group"));
  REQUIRE(throws_naming([&] { check(spec(C::all_reduce, A::ring, ranks(4), -1.0)); }, "collective.bytes"));
  REQUIRE(throws_naming([&] { check(spec(C::all_to_all, A::tree, ranks(4))); }, "collective.algorithm"));
  REQUIRE(throws_naming([&] { check(spec(C::all_reduce, A::direct, ranks(4))); }, "collective.algorithm"));
  REQUIRE(throws_naming([&] { check(spec(C::reduce_scatter, A::tree, ranks(6))); }, "power-of-two"));
  CollectiveSpec s = spec(C::all_reduce, A::ring, ranks(8));
  s.nvlink = NvlinkDomain{3, 400e9, SimTime::zero()};
  REQUIRE(throws_naming([&] { check(s); }, "collective.nvlink.gpus_per_node"));
  s.nvlink = NvlinkDomain{4, 0.0, SimTime::zero()};
  REQUIRE(throws_naming([&] { check(s); }, "collective.nvlink.bytes_per_s"));
  s.nvlink.reset();
  s.routing = RoutingChoice::dragonfly_ugal;
  REQUIRE(throws_naming([&] { check(s); }, "collective.routing"));
}
