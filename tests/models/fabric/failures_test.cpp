// Failures: blast radius, connectivity, and routes that avoid failed parts.
#include <catch2/catch.hpp>

#include "models/fabric/builders.hpp"
#include "models/fabric/routing.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim::models::fabric;
using clustersim::models::fabric::test::is_valid_route;
using clustersim::models::fabric::test::route_touches;
using clustersim::sim::SimTime;

namespace {
const double bw = 50e9;
const SimTime lat = SimTime::from_ns(500);
}  // namespace

TEST_CASE("blast radius: a leaf takes its hosts, a spine or core takes none", "[fabric]") {
  Topology t = k_ary_fat_tree(4, bw, lat);
  for (SwitchId s = 0; s < t.switch_count(); ++s) {
    CAPTURE(s);
    if (t.switch_info(s).tier == 0) {
      CHECK(t.hosts_below(s) == t.attached_hosts(s));
      CHECK(t.attached_hosts(s).size() == 2);
    } else {
      CHECK(t.hosts_below(s).empty());
    }
  }
  Topology rails = rail_optimized(4, 8, 2, bw, bw, lat);
  CHECK(rails.hosts_below(2) == std::vector<HostId>{2, 10, 18, 26});
}

TEST_CASE("failing one spine leaves all hosts connected and routes avoid it", "[fabric]") {
  Topology t = leaf_spine(4, 4, 4, bw, bw, lat);
  const SwitchId spine = 5;  // leaves are switches 0-3
  REQUIRE(t.switch_info(spine).tier == 1);
  t.fail_switch(spine);
  CHECK(t.is_switch_failed(spine));
  CHECK(t.disconnected_hosts().empty());
  CHECK(t.is_connected(0, 15));
  CHECK(t.bisection_bytes_per_s() == Approx(2 * 3 * bw));  // 2 leaves x 3 live spines
  const VertexId sv = t.switch_vertex(spine);
  for (HostId a = 0; a < 16; ++a) {
    for (HostId b = 0; b < 16; ++b) {
      for (std::uint64_t key = 0; key < 4; ++key) {
        Route r = ecmp(t, a, b, key);
        REQUIRE(is_valid_route(t, a, b, r));
        CHECK_FALSE(route_touches(t, r, sv));
      }
      Route d = dmodk(t, a, b);
      REQUIRE(is_valid_route(t, a, b, d));
      CHECK_FALSE(route_touches(t, d, sv));
      for (const auto& w : spray(t, a, b)) CHECK_FALSE(route_touches(t, w.route, sv));
    }
  }
  CHECK(spray(t, 0, 15).size() == 3);
  t.restore_switch(spine);
  CHECK(spray(t, 0, 15).size() == 4);

  // A failed core in a 3-level fat-tree: 3 of 4 paths between pods remain.
  Topology ft = k_ary_fat_tree(4, bw, lat);
  SwitchId core = ft.switch_count() - 1;
  ft.fail_switch(core);
  CHECK(ft.disconnected_hosts().empty());
  CHECK(spray(ft, 0, 15).size() == 3);
  for (std::uint64_t key = 0; key < 50; ++key) {
    CHECK_FALSE(route_touches(ft, ecmp(ft, 0, 15, key), ft.switch_vertex(core)));
  }
}

TEST_CASE("failing a leaf disconnects exactly its hosts; restoring reconnects them", "[fabric]") {
  Topology t = k_ary_fat_tree(4, bw, lat);
  const SwitchId leaf = 0;
  const auto below = t.attached_hosts(leaf);
  REQUIRE(below == std::vector<HostId>{0, 1});
  t.fail_switch(leaf);
  CHECK(t.disconnected_hosts() == below);
  CHECK_FALSE(t.is_connected(0, 5));
  CHECK_FALSE(t.is_connected(0, 1));  // their only switch is down
  CHECK(t.is_connected(2, 15));
  CHECK_THROWS_AS(ecmp(t, 0, 5, 1), UnreachableError);
  try {
    dmodk(t, 5, 1);
    FAIL("expected UnreachableError");
  } catch (const UnreachableError& e) {
    CHECK(e.source() == 5);
    CHECK(e.destination() == 1);
    CHECK_THAT(e.what(), Catch::Matchers::Contains("host 5") && Catch::Matchers::Contains("host 1") &&
                             Catch::Matchers::Contains("unreachable"));
  }
  t.restore_switch(leaf);
  CHECK(t.disconnected_hosts().empty());
  CHECK(t.is_connected(0, 5));
}

TEST_CASE("failing a host link cuts off that host only; failing up-links reroutes", "[fabric]") {
  Topology t = leaf_spine(4, 3, 2, bw, bw, lat);  // leaves: switches 0-2, spines: 3-4
  LinkId host_link = t.incident_links(t.host_vertex(3)).front();
  t.fail_link(host_link);
  CHECK(t.is_link_failed(host_link));
  CHECK(t.disconnected_hosts() == std::vector<HostId>{3});
  CHECK_THROWS_AS(ecmp(t, 0, 3, 0), UnreachableError);
  t.restore_link(host_link);
  CHECK(t.disconnected_hosts().empty());

  // Cut leaf 0 from spine 0: everything from leaf 0 goes through spine 1.
  VertexId leaf0 = t.switch_vertex(0);
  VertexId spine0 = t.switch_vertex(3);
  VertexId spine1 = t.switch_vertex(4);
  for (LinkId l : t.links_between(leaf0, spine0)) t.fail_link(l);
  for (std::uint64_t key = 0; key < 20; ++key) {
    Route r = ecmp(t, 0, 6, key);
    REQUIRE(is_valid_route(t, 0, 6, r));
    CHECK(route_touches(t, r, spine1));
  }
  CHECK(t.bisection_bytes_per_s() == Approx(bw));  // half A is leaf 0 alone
  CHECK(t.oversubscription() == Approx(4.0));
  // Both up-links gone: leaf 0's hosts are cut off from the main component.
  for (LinkId l : t.links_between(leaf0, spine1)) t.fail_link(l);
  CHECK(t.disconnected_hosts() == std::vector<HostId>{0, 1, 2, 3});
  CHECK(t.is_connected(0, 1));  // still together under their leaf
  CHECK(t.diameter() == 4);     // among connected pairs
}
