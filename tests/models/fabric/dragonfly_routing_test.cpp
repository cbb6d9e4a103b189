// Dragonfly routing: minimal (<= 1 global link), Valiant (<= 2), UGAL, failures.
#include <catch2/catch.hpp>

#include <set>

#include "models/fabric/builders.hpp"
#include "models/fabric/routing.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim::models::fabric;
using clustersim::models::fabric::test::global_links_in;
using clustersim::models::fabric::test::is_valid_route;
using clustersim::models::fabric::test::route_touches;
using clustersim::sim::SimTime;

namespace {
DragonflyParams small_dragonfly(std::uint32_t groups) {
  DragonflyParams p;
  p.routers_per_group = 4;
  p.hosts_per_router = 2;
  p.global_links_per_router = 2;
  p.groups = groups;
  p.host_link_bytes_per_s = 25e9;
  p.local_link_bytes_per_s = 25e9;
  p.global_link_bytes_per_s = 25e9;
  p.host_latency = SimTime::from_ns(100);
  p.local_latency = SimTime::from_ns(100);
  p.global_latency = SimTime::from_ns(1000);
  return p;
}

std::uint32_t group_of_host(const Topology& t, HostId h) {
  return t.switch_info(t.host_switches(h).front()).group;
}
}  // namespace

TEST_CASE("dragonfly minimal: at most one global link; Valiant: at most two", "[fabric]") {
  Topology t = dragonfly(small_dragonfly(9));
  for (HostId a = 0; a < t.host_count(); ++a) {
    for (HostId b = 0; b < t.host_count(); ++b) {
      const std::uint64_t key = a * 1000 + b;
      Route m = dragonfly_minimal(t, a, b, key);
      Route v = dragonfly_valiant(t, a, b, key);
      REQUIRE(is_valid_route(t, a, b, m));
      REQUIRE(is_valid_route(t, a, b, v));
      CHECK(m.size() <= 5);
      CHECK(v.size() <= 7);
      if (a == b) continue;
      const bool same_group = group_of_host(t, a) == group_of_host(t, b);
      CHECK(global_links_in(t, m) == (same_group ? 0 : 1));
      CHECK(global_links_in(t, v) == 2);  // through another group, always
      CHECK(m == dragonfly_minimal(t, a, b, key));
      CHECK(v == dragonfly_valiant(t, a, b, key));
    }
  }
}

TEST_CASE("dragonfly Valiant spreads intermediate groups by flow key", "[fabric]") {
  Topology t = dragonfly(small_dragonfly(9));
  std::set<std::uint32_t> via;
  for (std::uint64_t key = 0; key < 200; ++key) {
    Route v = dragonfly_valiant(t, 0, 70, key);
    // The group reached by the first global link.
    for (DirectedLinkId d : v) {
      if (global_links_in(t, Route{d}) == 1) {
        via.insert(t.switch_info(t.switch_at(t.target(d))).group);
        break;
      }
    }
  }
  CHECK(via.size() == 7);  // every group but the source (0) and destination (8)
  CHECK(via.count(0) == 0);
  CHECK(via.count(8) == 0);
}

TEST_CASE("dragonfly minimal with several links per group pair uses them all", "[fabric]") {
  Topology t = dragonfly(small_dragonfly(5));  // 2 links per pair
  std::set<DirectedLinkId> globals;
  for (std::uint64_t key = 0; key < 64; ++key) {
    Route m = dragonfly_minimal(t, 2, 14, key);  // router 1 of group 0 -> router 3 of group 1
    REQUIRE(is_valid_route(t, 2, 14, m));
    CHECK(m.size() == 5);
    for (DirectedLinkId d : m) {
      if (global_links_in(t, Route{d}) == 1) globals.insert(d);
    }
  }
  CHECK(globals.size() == 2);
}

TEST_CASE("dragonfly UGAL: minimal when idle, Valiant when the minimal path is loaded", "[fabric]") {
  Topology t = dragonfly(small_dragonfly(9));
  const HostId a = 0;
  const HostId b = 70;
  const std::uint64_t key = 42;
  Route minimal = dragonfly_minimal(t, a, b, key);
  Route valiant = dragonfly_valiant(t, a, b, key);
  REQUIRE(minimal != valiant);
  CHECK(dragonfly_ugal(t, a, b, key, [](DirectedLinkId) { return 0.0; }) == minimal);
  CHECK(dragonfly_ugal(t, a, b, key, [](DirectedLinkId) { return 1.0; }) == minimal);  // fewer hops
  DirectedLinkId hot = 0;
  for (DirectedLinkId d : minimal) {
    if (global_links_in(t, Route{d}) == 1) hot = d;
  }
  auto loaded = [hot](DirectedLinkId d) { return d == hot ? 10.0 : 0.5; };
  // minimal: 5 hops x 10 = 50; Valiant: at most 7 hops x 0.5 = 3.5.
  CHECK(dragonfly_ugal(t, a, b, key, loaded) == valiant);
  CHECK_THROWS_AS(dragonfly_ugal(t, a, b, key, [](DirectedLinkId) { return -1.0; }), std::invalid_argument);
  CHECK_THROWS_AS(dragonfly_ugal(t, a, b, key, LinkLoad{}), std::invalid_argument);
}

TEST_CASE("dragonfly routing avoids failed global links and routers", "[fabric]") {
  Topology t = dragonfly(small_dragonfly(9));
  // Host 0 (group 0) -> host 70 (group 8): the single global link between the groups fails.
  LinkId direct = t.dragonfly()->links_between_groups(0, 8).front();
  t.fail_link(direct);
  for (std::uint64_t key = 0; key < 20; ++key) {
    Route m = dragonfly_minimal(t, 0, 70, key);
    Route v = dragonfly_valiant(t, 0, 70, key);
    REQUIRE(is_valid_route(t, 0, 70, m));
    REQUIRE(is_valid_route(t, 0, 70, v));
    CHECK(global_links_in(t, m) >= 2);  // the shortest live path now crosses another group
    CHECK(global_links_in(t, v) == 2);
  }
  // A failed router in an intermediate group is avoided by Valiant.
  t.restore_link(direct);
  const SwitchId router = 4 * 3 + 1;  // group 3, router 1
  t.fail_switch(router);
  for (std::uint64_t key = 0; key < 50; ++key) {
    Route v = dragonfly_valiant(t, 0, 70, key);
    REQUIRE(is_valid_route(t, 0, 70, v));
    CHECK_FALSE(route_touches(t, v, t.switch_vertex(router)));
  }
  // Its hosts are the blast radius.
  CHECK(t.disconnected_hosts() == std::vector<HostId>{26, 27});
  CHECK_THROWS_AS(dragonfly_minimal(t, 0, 26, 1), UnreachableError);
}

TEST_CASE("dragonfly routing on Frontier-like parameters and on a non-dragonfly", "[fabric]") {
  DragonflyParams p = small_dragonfly(74);
  p.routers_per_group = 32;
  p.hosts_per_router = 16;
  p.global_links_per_router = 16;
  p.links_per_group_pair = 4;
  Topology t = dragonfly(p);
  for (HostId b : {1u, 17u, 600u, 20000u, 37887u}) {
    Route m = dragonfly_minimal(t, 0, b, b);
    REQUIRE(is_valid_route(t, 0, b, m));
    CHECK(global_links_in(t, m) <= 1);
    Route v = dragonfly_valiant(t, 0, b, b);
    REQUIRE(is_valid_route(t, 0, b, v));
    CHECK(global_links_in(t, v) <= 2);
  }
  Topology ft = k_ary_fat_tree(4, 1e9, SimTime::zero());
  CHECK_THROWS_AS(dragonfly_minimal(ft, 0, 5, 1), std::invalid_argument);
}
