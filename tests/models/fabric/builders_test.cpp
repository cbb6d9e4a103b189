// Fabric builders: counts, diameters, bisection and oversubscription against closed forms.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "models/fabric/builders.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim::models::fabric;
using clustersim::models::fabric::test::throws_naming;
using clustersim::sim::SimTime;

namespace {
const double bw = 50e9;  // 400 Gb/s
const SimTime lat = SimTime::from_ns(500);
}  // namespace

TEST_CASE("single switch: counts, diameter 2, bisection floor(n/2) x bw", "[fabric]") {
  Topology t = single_switch(5, bw, lat);
  CHECK(t.host_count() == 5);
  CHECK(t.switch_count() == 1);
  CHECK(t.link_count() == 5);
  CHECK(t.directed_link_count() == 10);
  CHECK(t.diameter() == 2);
  CHECK(t.bisection_bytes_per_s() == Approx(2 * bw));
  CHECK(t.oversubscription() == Approx(1.0));
  CHECK(t.attached_hosts(0) == std::vector<HostId>{0, 1, 2, 3, 4});
  CHECK(t.hosts_below(0).size() == 5);
  CHECK(t.link(0).latency == lat);
  CHECK(t.bytes_per_s(Topology::backward(3)) == bw);
  CHECK(t.source(Topology::forward(2)) == t.host_vertex(2));
  CHECK(t.target(Topology::forward(2)) == t.switch_vertex(0));
}

TEST_CASE("k-ary 3-level fat-tree: k^3/4 hosts, 5k^2/4 switches, diameter 6, full bisection", "[fabric]") {
  for (std::uint32_t k : {4u, 8u}) {
    CAPTURE(k);
    Topology t = k_ary_fat_tree(k, bw, lat);
    CHECK(t.host_count() == k * k * k / 4);
    CHECK(t.switch_count() == 5 * k * k / 4);
    CHECK(t.link_count() == 3 * k * k * k / 4);
    CHECK(t.diameter() == 6);
    CHECK(t.bisection_bytes_per_s() == Approx(t.host_count() / 2.0 * bw));
    CHECK(t.oversubscription() == Approx(1.0));
    // Tiers: k^2/2 edge, k^2/2 aggregation, k^2/4 core switches.
    std::uint32_t per_tier[3] = {0, 0, 0};
    for (SwitchId s = 0; s < t.switch_count(); ++s) ++per_tier[t.switch_info(s).tier];
    CHECK(per_tier[0] == k * k / 2);
    CHECK(per_tier[1] == k * k / 2);
    CHECK(per_tier[2] == k * k / 4);
    // Every switch uses exactly k ports.
    for (SwitchId s = 0; s < t.switch_count(); ++s) CHECK(t.incident_links(t.switch_vertex(s)).size() == k);
  }
  // k = 2: 2 hosts, 5 switches in a line.
  Topology two = k_ary_fat_tree(2, bw, lat);
  CHECK(two.host_count() == 2);
  CHECK(two.switch_count() == 5);
  CHECK(two.diameter() == 6);
}

TEST_CASE("k-ary 2-level fat-tree: k leaves of k/2 hosts, k/2 spines, diameter 4", "[fabric]") {
  Topology t = k_ary_fat_tree(8, 2, bw, lat);
  CHECK(t.host_count() == 32);
  CHECK(t.switch_count() == 12);
  CHECK(t.link_count() == 32 + 8 * 4);
  CHECK(t.diameter() == 4);
  CHECK(t.bisection_bytes_per_s() == Approx(16 * bw));
}

TEST_CASE("leaf-spine: oversubscription and bisection", "[fabric]") {
  // 16 hosts per leaf at 50 GB/s = 800 GB/s down; 4 spines x 50 GB/s = 200 GB/s up: 4:1.
  LeafSpineParams p;
  p.hosts_per_leaf = 16;
  p.leaves = 6;
  p.spines = 4;
  p.host_link_bytes_per_s = bw;
  p.uplink_bytes_per_s = bw;
  p.latency = lat;
  CHECK(leaf_spine_oversubscription(p) == Approx(4.0));
  Topology t = leaf_spine(p);
  CHECK(t.host_count() == 96);
  CHECK(t.switch_count() == 10);
  CHECK(t.diameter() == 4);
  CHECK(t.bisection_bytes_per_s() == Approx(3 * 4 * bw));  // 3 leaves x 4 uplinks
  CHECK(t.oversubscription() == Approx(4.0));
  CHECK(t.bisection_bytes_per_s() == Approx(t.host_count() / 2.0 * bw / 4.0));

  // Full bisection: 8 hosts per leaf, 8 spines.
  Topology full = leaf_spine(8, 4, 8, bw, bw, lat);
  CHECK(full.bisection_bytes_per_s() == Approx(full.host_count() / 2.0 * bw));
  CHECK(full.oversubscription() == Approx(1.0));

  // From a ratio: bisection = 1/ratio of full.
  Topology three = leaf_spine_oversubscribed(8, 4, 2, bw, 3.0, lat);
  CHECK(three.oversubscription() == Approx(3.0));
  CHECK(three.bisection_bytes_per_s() == Approx(three.host_count() / 2.0 * bw / 3.0));

  // Parallel links count once each.
  p.links_per_leaf_spine = 2;
  p.leaves = 2;
  Topology doubled = leaf_spine(p);
  CHECK(doubled.link_count() == 32 + 2 * 4 * 2);
  CHECK(doubled.oversubscription() == Approx(2.0));
  CHECK(doubled.links_between(doubled.switch_vertex(0), doubled.switch_vertex(2)).size() == 2);

  // One leaf, no spine: a single switch.
  Topology lone = leaf_spine(4, 1, 0, bw, bw, lat);
  CHECK(lone.bisection_bytes_per_s() == Approx(2 * bw));
}

TEST_CASE("three-tier Clos: Llama 3 style cluster (16 GPUs/ToR, 3,072-GPU pods, 1:7 between pods)", "[fabric]") {
  ClosShape shape;
  shape.hosts_per_leaf = 16;
  shape.leaves_per_pod = 192;
  shape.spines_per_pod = 16;
  shape.pods = 8;
  shape.cores_per_plane = 8;
  Topology t = clos_three_tier(shape, bw, 1.0, 7.0, lat);
  CHECK(t.host_count() == 24576);
  CHECK(t.host_count() / shape.pods == 3072);
  CHECK(t.switch_count() == 8 * (192 + 16) + 16 * 8);
  CHECK(t.link_count() == 24576 + 8 * 192 * 16 + 16 * 8 * 8);
  CHECK(t.bisection_bytes_per_s() == Approx(t.host_count() / 2.0 * bw / 7.0));
  CHECK(t.oversubscription() == Approx(7.0));
  CHECK(t.disconnected_hosts().empty());

  // Small one, hand-checked: 2 hosts/leaf, 2 leaves, 2 spines per pod, 2 pods, 1 core per plane.
  ClosThreeTierParams p;
  p.shape = {2, 2, 2, 2, 1, 0};
  p.host_link_bytes_per_s = 100.0;
  p.leaf_uplink_bytes_per_s = 50.0;   // pod: 2 x 100 / (2 x 50) = 2
  p.spine_uplink_bytes_per_s = 25.0;  // core: 2 x 50 / (1 x 25) = 4
  p.latency = lat;
  CHECK(clos_pod_oversubscription(p) == Approx(2.0));
  CHECK(clos_core_oversubscription(p) == Approx(4.0));
  Topology s = clos_three_tier(p);
  CHECK(s.host_count() == 8);
  CHECK(s.switch_count() == 2 * 4 + 2);
  CHECK(s.diameter() == 6);
  CHECK(s.bisection_bytes_per_s() == Approx(1 * 2 * 1 * 25.0));  // 1 pod x 2 spines x 1 core link
  CHECK(s.oversubscription() == Approx(8.0));                    // 4 hosts x 100 / 50
}

TEST_CASE("rail-optimized: GPU i of every node on rail switch i", "[fabric]") {
  Topology t = rail_optimized(4, 8, 2, bw, bw, lat);
  CHECK(t.host_count() == 32);
  CHECK(t.switch_count() == 8 + 2);
  for (HostId h = 0; h < t.host_count(); ++h) {
    const HostInfo& info = t.host_info(h);
    CHECK(info.node_index == h / 8);
    CHECK(info.rail_index == h % 8);
    auto sw = t.host_switches(h);
    REQUIRE(sw.size() == 1);
    CHECK(t.switch_info(sw[0]).tier == 0);
    CHECK(t.switch_info(sw[0]).position == info.rail_index);
  }
  CHECK(t.attached_hosts(3) == std::vector<HostId>{3, 11, 19, 27});
  CHECK(t.diameter() == 4);
  // Halves by rail: rails 0-3 in A; cut = 4 rail switches x 2 spines x bw; 4 nodes x 50 / 2 x 50 = 2:1.
  CHECK(t.bisection_bytes_per_s() == Approx(4 * 2 * bw));
  CHECK(t.oversubscription() == Approx(2.0));

  // Scalable units: 8 nodes, 4 per rail switch, 2 rails -> 4 rail switches.
  RailOptimizedParams p;
  p.nodes = 8;
  p.rails = 2;
  p.nodes_per_rail_switch = 4;
  p.spines = 4;
  p.host_link_bytes_per_s = bw;
  p.uplink_bytes_per_s = bw;
  p.latency = lat;
  Topology su = rail_optimized(p);
  CHECK(su.switch_count() == 4 + 4);
  CHECK(su.oversubscription() == Approx(1.0));
  CHECK(su.bisection_bytes_per_s() == Approx(su.host_count() / 2.0 * bw));
}

TEST_CASE("dragonfly: counts, global wiring, bisection", "[fabric]") {
  // Balanced: a = 4, h = 2, g = a*h + 1 = 9: one global link per group pair.
  DragonflyParams p;
  p.routers_per_group = 4;
  p.hosts_per_router = 2;
  p.global_links_per_router = 2;
  p.groups = 9;
  p.host_link_bytes_per_s = bw;
  p.local_link_bytes_per_s = bw;
  p.global_link_bytes_per_s = bw;
  p.host_latency = lat;
  p.local_latency = lat;
  p.global_latency = SimTime::from_ns(2000);
  Topology t = dragonfly(p);
  CHECK(t.host_count() == 72);
  CHECK(t.switch_count() == 36);
  CHECK(t.link_count() == 72 + 9 * 6 + 36);
  CHECK(t.dragonfly()->links_per_group_pair == 1);
  for (std::uint32_t g1 = 0; g1 < 9; ++g1) {
    for (std::uint32_t g2 = 0; g2 < 9; ++g2) {
      if (g1 != g2) CHECK(t.dragonfly()->links_between_groups(g1, g2).size() == 1);
    }
  }
  // Every router: p host ports + (a-1) local + h global.
  for (SwitchId s = 0; s < t.switch_count(); ++s) CHECK(t.incident_links(t.switch_vertex(s)).size() == 2 + 3 + 2);
  CHECK(t.diameter() == 5);  // host, local, global, local, host
  CHECK(t.bisection_bytes_per_s() == Approx(4 * 5 * bw));
  // Rule check: group 0's port k = r*h + j reaches group k + 1.
  LinkId first = t.dragonfly()->links_between_groups(0, 5).front();
  CHECK(t.link(first).a == t.switch_vertex(2));  // port 4 -> router 2 of group 0

  // Fewer groups: m = floor(a*h / (g-1)) links per pair, spread over routers.
  p.groups = 5;
  Topology m2 = dragonfly(p);
  CHECK(m2.dragonfly()->links_per_group_pair == 2);
  CHECK(m2.link_count() == 40 + 5 * 6 + 10 * 2);
  for (std::uint32_t g1 = 0; g1 < 5; ++g1) {
    for (std::uint32_t g2 = 0; g2 < 5; ++g2) {
      if (g1 != g2) CHECK(m2.dragonfly()->links_between_groups(g1, g2).size() == 2);
    }
  }
  for (SwitchId s = 0; s < m2.switch_count(); ++s) CHECK(m2.incident_links(m2.switch_vertex(s)).size() <= 2 + 3 + 2);
  CHECK(m2.bisection_bytes_per_s() == Approx(2 * 3 * 2 * bw));

  // One group: routers split in half.
  p.groups = 1;
  Topology one = dragonfly(p);
  CHECK(one.bisection_bytes_per_s() == Approx(2 * 2 * bw));
  CHECK(one.diameter() == 3);
}

TEST_CASE("dragonfly: Frontier-like parameters build with the right counts", "[fabric]") {
  DragonflyParams p;
  p.routers_per_group = 32;
  p.hosts_per_router = 16;
  p.global_links_per_router = 16;
  p.groups = 74;
  p.links_per_group_pair = 4;
  p.host_link_bytes_per_s = 25e9;
  p.local_link_bytes_per_s = 25e9;
  p.global_link_bytes_per_s = 25e9;
  p.router_radix = 64;
  Topology t = dragonfly(p);
  CHECK(t.host_count() == 37888);
  CHECK(t.host_count() / 74 == 512);
  CHECK(t.switch_count() == 2368);
  CHECK(t.link_count() == 37888 + 74 * 496 + 74 * 73 / 2 * 4);
  CHECK(t.dragonfly()->links_between_groups(0, 73).size() == 4);
  CHECK(t.dragonfly()->links_between_groups(40, 12).size() == 4);
  std::size_t most = 0;
  for (SwitchId s = 0; s < t.switch_count(); ++s) most = std::max(most, t.incident_links(t.switch_vertex(s)).size());
  CHECK(most <= 63);
  CHECK(t.bisection_bytes_per_s() == Approx(37.0 * 37.0 * 4 * 25e9));
}

TEST_CASE("builders reject bad parameters, naming them", "[fabric]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const SimTime negative = SimTime::from_ns(-1);
  CHECK_THROWS_WITH(k_ary_fat_tree(5, bw, lat), "fat_tree.k: must be even and >= 2, got 5");
  CHECK(throws_naming([&] { k_ary_fat_tree(0, bw, lat); }, "fat_tree.k"));
  CHECK(throws_naming([&] { k_ary_fat_tree(4, 4, bw, lat); }, "fat_tree.levels"));
  CHECK(throws_naming([&] { k_ary_fat_tree(4, 0.0, lat); }, "fat_tree.link_bytes_per_s"));
  CHECK(throws_naming([&] { k_ary_fat_tree(4, bw, negative); }, "fat_tree.latency"));

  CHECK(throws_naming([&] { single_switch(0, bw, lat); }, "single_switch.hosts"));
  CHECK(throws_naming([&] { single_switch(40, bw, lat, 32); }, "single_switch.hosts"));
  CHECK(throws_naming([&] { single_switch(4, nan, lat); }, "single_switch.link_bytes_per_s"));
  CHECK(throws_naming([&] { single_switch(4, -bw, lat); }, "single_switch.link_bytes_per_s"));
  CHECK(throws_naming([&] { single_switch(4, std::numeric_limits<double>::infinity(), lat); },
                      "single_switch.link_bytes_per_s"));
  CHECK(throws_naming([&] { single_switch(4, bw, negative); }, "single_switch.latency"));

  CHECK(throws_naming([&] { leaf_spine(0, 2, 2, bw, bw, lat); }, "leaf_spine.hosts_per_leaf"));
  CHECK(throws_naming([&] { leaf_spine(4, 0, 2, bw, bw, lat); }, "leaf_spine.leaves"));
  CHECK(throws_naming([&] { leaf_spine(4, 2, 0, bw, bw, lat); }, "leaf_spine.spines"));
  CHECK(throws_naming([&] { leaf_spine(4, 2, 8, bw, bw, lat); }, "oversubscription below 1"));
  CHECK(throws_naming([&] { leaf_spine_oversubscribed(4, 2, 2, bw, 0.5, lat); }, "leaf_spine.oversubscription"));
  CHECK(throws_naming([&] { leaf_spine_oversubscribed(4, 2, 2, bw, 0.5, lat); }, "oversubscription below 1"));
  CHECK(throws_naming([&] { leaf_spine(4, 2, 2, bw, 0.0, lat); }, "leaf_spine.uplink_bytes_per_s"));
  LeafSpineParams radix;
  radix.hosts_per_leaf = 30;
  radix.leaves = 2;
  radix.spines = 4;
  radix.host_link_bytes_per_s = bw;
  radix.uplink_bytes_per_s = bw;
  radix.switch_radix = 32;
  CHECK(throws_naming([&] { leaf_spine(radix); }, "leaf_spine.hosts_per_leaf"));
  radix.hosts_per_leaf = 16;
  radix.leaves = 40;
  CHECK(throws_naming([&] { leaf_spine(radix); }, "leaf_spine.leaves"));

  ClosShape shape{16, 4, 4, 2, 2, 0};
  CHECK(throws_naming([&] { clos_three_tier(ClosShape{16, 4, 4, 0, 2, 0}, bw, 1.0, 1.0, lat); }, "clos.pods"));
  CHECK(throws_naming(
      [&] {
        clos_three_tier(ClosShape{16, 4, 4, 2, 0, 0}, bw, 1.0, 1.0, lat);
      },
      "clos.cores_per_plane"));
  CHECK(throws_naming([&] { clos_three_tier(shape, bw, 1.0, 0.9, lat); }, "clos.core_oversubscription"));
  CHECK(throws_naming([&] { clos_three_tier(shape, bw, 0.9, 1.0, lat); }, "clos.pod_oversubscription"));
  CHECK(throws_naming(
      [&] {
        clos_three_tier(ClosShape{16, 40, 4, 2, 2, 32}, bw, 1.0, 1.0, lat);
      },
      "clos.leaves_per_pod"));
  CHECK(throws_naming([&] { clos_three_tier(shape, bw, 1.0, 1.0, negative); }, "clos.latency"));

  CHECK(throws_naming([&] { rail_optimized(4, 0, 2, bw, bw, lat); }, "rail_optimized.rails"));
  CHECK(throws_naming([&] { rail_optimized(0, 8, 2, bw, bw, lat); }, "rail_optimized.nodes"));
  CHECK(throws_naming([&] { rail_optimized(4, 8, 0, bw, bw, lat); }, "rail_optimized.spines"));
  RailOptimizedParams rails;
  rails.nodes = 10;
  rails.rails = 2;
  rails.nodes_per_rail_switch = 4;
  rails.spines = 2;
  rails.host_link_bytes_per_s = bw;
  rails.uplink_bytes_per_s = bw;
  CHECK(throws_naming([&] { rail_optimized(rails); }, "rail_optimized.nodes_per_rail_switch"));

  DragonflyParams d;
  d.routers_per_group = 4;
  d.hosts_per_router = 2;
  d.global_links_per_router = 2;
  d.groups = 10;  // > a*h + 1 = 9
  d.host_link_bytes_per_s = bw;
  d.local_link_bytes_per_s = bw;
  d.global_link_bytes_per_s = bw;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.groups"));
  d.groups = 5;
  d.links_per_group_pair = 3;  // 3 x 4 > 8 ports
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.links_per_group_pair"));
  d.links_per_group_pair = 0;
  d.router_radix = 8;  // 2 + 3 + 2 = 7 fits; 6 does not
  CHECK_NOTHROW(dragonfly(d));
  d.router_radix = 6;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.router_radix"));
  d.router_radix = 0;
  d.hosts_per_router = 0;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.hosts_per_router"));
  d.hosts_per_router = 2;
  d.global_links_per_router = 0;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.global_links_per_router"));
  d.global_links_per_router = 2;
  d.global_link_bytes_per_s = -1.0;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.global_link_bytes_per_s"));
  d.global_link_bytes_per_s = bw;
  d.local_latency = negative;
  CHECK(throws_naming([&] { dragonfly(d); }, "dragonfly.local_latency"));
}

TEST_CASE("topology rejects bad links", "[fabric]") {
  Topology t;
  HostId h0 = t.add_host(0, 0);
  HostId h1 = t.add_host(1, 0);
  SwitchId s = t.add_switch(0, 0, 0);
  CHECK_THROWS_AS(t.add_link(t.host_vertex(h0), t.host_vertex(h1), bw, lat), std::invalid_argument);
  CHECK_THROWS_AS(t.add_link(t.switch_vertex(s), t.switch_vertex(s), bw, lat), std::invalid_argument);
  CHECK(throws_naming([&] { t.add_link(t.host_vertex(h0), t.switch_vertex(s), 0.0, lat); }, "bytes_per_s"));
  CHECK(throws_naming([&] { t.add_link(t.host_vertex(h0), t.switch_vertex(s), bw, SimTime::from_ns(-5)); }, "latency"));
  CHECK_THROWS_AS(t.add_link(0, 99, bw, lat), std::out_of_range);
  CHECK_THROWS_AS(t.bisection_bytes_per_s(), std::logic_error);
  CHECK_THROWS_AS(t.host_info(7), std::out_of_range);
}

TEST_CASE("pgft and torus sizes that overflow 64 bits are refused, not wrapped", "[fabric][bad-input]") {
  PgftParams p;
  p.down = {65536, 65536, 65536, 65536};  // 2^64 hosts: the unchecked product wrapped to 0
  p.up = {1, 1, 1, 1};
  p.parallel = {1, 1, 1, 1};
  p.link_bytes_per_s = 1e9;
  CHECK(throws_naming([&] { pgft(p); }, "pgft: more than 2^24 hosts and switches"));
  TorusParams t;
  t.dimensions = {65536, 65536, 65536, 65536};
  t.link_bytes_per_s = 1e9;
  CHECK(throws_naming([&] { torus(t); }, "torus.dimensions: more than 2^23 hosts"));
}
