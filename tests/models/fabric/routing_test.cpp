// Shortest-path routing on Clos fabrics: ECMP, D-mod-k, spraying.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "models/fabric/builders.hpp"
#include "models/fabric/hash.hpp"
#include "models/fabric/routing.hpp"
#include "models/fabric/routing_policy.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim::models::fabric;
using clustersim::models::fabric::test::is_valid_route;
using clustersim::sim::SimTime;

namespace {
const double bw = 50e9;
const SimTime lat = SimTime::from_ns(500);

// The switch a route reaches at its top (highest tier).
VertexId top_of(const Topology& t, const Route& r) {
  VertexId best = t.target(r.front());
  for (DirectedLinkId d : r) {
    VertexId v = t.target(d);
    if (t.tier_of(v) > t.tier_of(best)) best = v;
  }
  return best;
}
}  // namespace

TEST_CASE("ecmp: shortest, deterministic, spreads flows over all spines", "[fabric]") {
  Topology t = leaf_spine(4, 4, 4, bw, bw, lat);
  const HostId src = 0;
  const HostId dst = 15;  // another leaf
  std::map<VertexId, int> per_spine;
  for (std::uint64_t key = 0; key < 400; ++key) {
    Route r = ecmp(t, src, dst, key);
    REQUIRE(is_valid_route(t, src, dst, r));
    CHECK(r.size() == 4);
    CHECK(r == ecmp(t, src, dst, key));  // same key, same route
    ++per_spine[top_of(t, r)];
  }
  REQUIRE(per_spine.size() == 4);
  for (const auto& [spine, flows] : per_spine) CHECK(flows > 60);  // 100 expected each

  // Same leaf: host - leaf - host.
  CHECK(ecmp(t, 0, 1, 7).size() == 2);
  CHECK(ecmp(t, 3, 3, 7).empty());
  // Latency and bottleneck along a route.
  Route r = ecmp(t, src, dst, 1);
  CHECK(route_latency(t, r) == lat * std::int64_t{4});
  CHECK(route_bottleneck_bytes_per_s(t, r) == bw);

  // k = 4 fat-tree, inter-pod: all 4 cores used.
  Topology ft = k_ary_fat_tree(4, bw, lat);
  std::set<VertexId> cores;
  for (std::uint64_t key = 0; key < 200; ++key) {
    Route fr = ecmp(ft, 0, 15, key);
    REQUIRE(is_valid_route(ft, 0, 15, fr));
    CHECK(fr.size() == 6);
    cores.insert(top_of(ft, fr));
  }
  CHECK(cores.size() == 4);
}

TEST_CASE("dmodk: shift permutations use every up-link at most once (non-blocking)", "[fabric]") {
  for (std::uint32_t k : {4u, 8u}) {
    CAPTURE(k);
    Topology t = k_ary_fat_tree(k, bw, lat);
    const std::uint32_t n = t.host_count();
    for (std::uint32_t shift = 1; shift < n; ++shift) {
      CAPTURE(shift);
      std::map<DirectedLinkId, int> uses;
      for (HostId src = 0; src < n; ++src) {
        HostId dst = (src + shift) % n;
        Route r = dmodk(t, src, dst);
        REQUIRE(is_valid_route(t, src, dst, r));
        for (DirectedLinkId d : r) ++uses[d];
      }
      int most = 0;
      for (const auto& [link, count] : uses) most = std::max(most, count);
      CHECK(most == 1);
    }
  }
  // Hand-checked: k = 4, host 0 -> host 5 (pod 1): leaf 0 takes aggregation 5 mod 2 = 1, which takes
  // core (5 / 2) mod 2 = 0 of plane 1.
  Topology t = k_ary_fat_tree(4, bw, lat);
  Route r = dmodk(t, 0, 5);
  REQUIRE(r.size() == 6);
  const SwitchInfo& agg = t.switch_info(t.switch_at(t.target(r[1])));
  const SwitchInfo& core = t.switch_info(t.switch_at(t.target(r[2])));
  CHECK(agg.tier == 1);
  CHECK(agg.position == 1);
  CHECK(core.tier == 2);
  CHECK(core.group == 1);
  CHECK(core.position == 0);
  CHECK(r == dmodk(t, 0, 5));
}

TEST_CASE("dmodk on leaf-spine: no two flows from one leaf share an up-link under a shift", "[fabric]") {
  Topology t = leaf_spine(8, 4, 8, bw, bw, lat);
  for (std::uint32_t shift = 8; shift < 32; shift += 3) {
    std::map<DirectedLinkId, int> uses;
    for (HostId src = 0; src < 32; ++src) {
      Route r = dmodk(t, src, (src + shift) % 32);
      if (r.size() == 4) ++uses[r[1]];  // leaf -> spine
    }
    for (const auto& [link, count] : uses) CHECK(count == 1);
  }
}

TEST_CASE("spray: even split over all equal-cost paths", "[fabric]") {
  Topology t = k_ary_fat_tree(4, bw, lat);
  auto inter_pod = spray(t, 0, 15);
  REQUIRE(inter_pod.size() == 4);  // 2 aggregation x 2 core choices
  std::set<Route> distinct;
  double total = 0.0;
  for (const auto& w : inter_pod) {
    CHECK(is_valid_route(t, 0, 15, w.route));
    CHECK(w.fraction == Approx(0.25));
    total += w.fraction;
    distinct.insert(w.route);
  }
  CHECK(distinct.size() == 4);
  CHECK(total == Approx(1.0));
  CHECK(spray(t, 0, 2).size() == 2);  // same pod, other edge: 2 aggregation switches
  CHECK(spray(t, 0, 1).size() == 1);  // same edge switch

  // Per-link shares agree with the path list.
  std::map<DirectedLinkId, double> from_paths;
  for (const auto& w : inter_pod) {
    for (DirectedLinkId d : w.route) from_paths[d] += w.fraction;
  }
  auto shares = spray_link_fractions(t, 0, 15);
  REQUIRE(shares.size() == from_paths.size());
  for (const auto& [link, share] : shares) CHECK(share == Approx(from_paths[link]));
  CHECK(shares.front().second == Approx(1.0));  // the host link carries everything

  CHECK_THROWS_AS(spray(t, 0, 15, 3), std::length_error);
}

TEST_CASE("flow hash is portable splitmix64", "[fabric]") {
  // First outputs of the reference splitmix64 generator seeded with 0 and 1.
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
  CHECK(splitmix64(0x9e3779b97f4a7c15ULL) == 0x6e789e6aa1b965f4ULL);
  CHECK(flow_hash(7, 3) == flow_hash(7, 3));
  CHECK(flow_hash(7, 3) != flow_hash(7, 4));
}

TEST_CASE("dmodk: the worked example of routing.hpp on a 2-level fat-tree", "[fabric]") {
  // k_ary_fat_tree(4, 2): leaves L0..L3 with hosts {2L, 2L+1}, spines S0, S1.
  Topology t = k_ary_fat_tree(4, 2, bw, lat);
  auto spine_of = [&](const Route& r) { return t.switch_info(t.switch_at(t.target(r[1]))); };
  const Route r16 = dmodk(t, 1, 6);
  REQUIRE(r16.size() == 4);
  CHECK(spine_of(r16).tier == 1);
  CHECK(spine_of(r16).position == 0);  // 6 mod 2
  CHECK(t.attached_hosts(t.switch_at(t.target(r16[2]))) == std::vector<HostId>{6, 7});
  CHECK(spine_of(dmodk(t, 0, 7)).position == 1);  // 7 mod 2
  // ECMP on the same pairs may pick either spine; D-mod-k depends on the destination only.
  CHECK(spine_of(dmodk(t, 2, 6)).position == 0);
  CHECK(spine_of(dmodk(t, 3, 7)).position == 1);
}

TEST_CASE("routing policy: auto by fabric and link layer; bad choices are refused", "[fabric]") {
  Topology clos = k_ary_fat_tree(4, bw, lat);
  CHECK(resolve_routing("auto", clos, LinkLayer::infiniband) == RoutingChoice::dmodk);
  CHECK(resolve_routing("auto", clos, LinkLayer::ethernet) == RoutingChoice::ecmp);
  CHECK(resolve_routing("spray", clos, LinkLayer::infiniband) == RoutingChoice::spray);
  DragonflyParams p;
  p.routers_per_group = 2;
  p.hosts_per_router = 1;
  p.global_links_per_router = 1;
  p.groups = 3;
  p.host_link_bytes_per_s = p.local_link_bytes_per_s = p.global_link_bytes_per_s = bw;
  Topology df = dragonfly(p);
  CHECK(resolve_routing("auto", df, LinkLayer::infiniband) == RoutingChoice::dragonfly_minimal);
  CHECK(resolve_routing("ugal", df, LinkLayer::ethernet) == RoutingChoice::dragonfly_ugal);
  CHECK(test::throws_naming([&] { resolve_routing("valiant", clos, LinkLayer::infiniband); },
                            "dragonfly_valiant needs a dragonfly fabric"));
  CHECK(test::throws_naming([&] { resolve_routing("table", clos, LinkLayer::infiniband); },
                            "table needs a platform with explicit routes"));
  CHECK(test::throws_naming([&] { resolve_routing("shortest", clos, LinkLayer::infiniband); },
                            "unknown routing 'shortest'"));
  CHECK(test::throws_naming([&] { parse_link_layer("fddi"); }, "expected infiniband or ethernet"));
  CHECK(parse_link_layer("roce") == LinkLayer::ethernet);
}

TEST_CASE("dmodk divides by the up-port counts below: multi-homed and oversubscribed PGFTs", "[fabric]") {
  // PGFT(2; 4,4; 2,2; 1,1): every host on 2 leaves (two planes of 4 leaves and 2 spines). A host
  // takes plane D mod 2, its leaf spine floor(D / 2) mod 2: each shift uses every link at most once.
  PgftParams two_planes{{4, 4}, {2, 2}, {1, 1}, bw, lat};
  Topology t = pgft(two_planes);
  REQUIRE(t.host_count() == 16);
  for (std::uint32_t shift = 1; shift < 16; ++shift) {
    CAPTURE(shift);
    std::map<DirectedLinkId, int> uses;
    for (HostId s = 0; s < 16; ++s) {
      const Route r = dmodk(t, s, (s + shift) % 16);
      REQUIRE(is_valid_route(t, s, (s + shift) % 16, r));
      for (DirectedLinkId d : r) ++uses[d];
    }
    for (const auto& [link, count] : uses) CHECK(count == 1);
  }
  // PGFT(3; 4,2,2; 1,2,2; 1,1,1): leaves of 4 hosts with 2 up-links (2:1). Hosts 0 and 2 send to 8
  // and 10: both leave on spine 0 (D mod 2 = 0); the spine then takes core floor(D / 2) mod 2 =
  // 0 and 1, two different links (dividing by the 4 down-ports would send both to core 0).
  PgftParams oversubscribed{{4, 2, 2}, {1, 2, 2}, {1, 1, 1}, bw, lat};
  Topology o = pgft(oversubscribed);
  const Route a = dmodk(o, 0, 8);
  const Route b = dmodk(o, 2, 10);
  REQUIRE(a.size() == 6);
  REQUIRE(b.size() == 6);
  CHECK(a[1] == b[1]);  // the shared leaf up-link (oversubscribed)
  CHECK(o.tier_of(o.target(a[2])) == 2);
  CHECK(a[2] != b[2]);  // spread over the spine's up-links
}
