// Routes of larger fabrics pinned by fingerprint: every ordered host pair routed with dmodk and
// ecmp, and spray_link_fractions from the first hosts, hashed (FNV-1a over the directed link ids
// and the fractions' bits). The expected values were taken from the routing code before the switch
// distances were cached per destination (commit ca9ea91), so caching must not move a single route;
// the failure cases also check that the cache follows failures and restores.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>

#include "models/fabric/builders.hpp"
#include "models/fabric/routing.hpp"

using namespace clustersim::models::fabric;
using clustersim::sim::SimTime;

namespace {

struct Fingerprint {
  std::uint64_t value = 1469598103934665603ull;
  void add(std::uint64_t x) {
    for (int i = 0; i < 8; ++i) {
      value ^= (x >> (8 * i)) & 0xffu;
      value *= 1099511628211ull;
    }
  }
};

// All ordered pairs with dmodk and ecmp; spray fractions from hosts 0..7.
std::uint64_t fingerprint_routes(const Topology& t) {
  Fingerprint f;
  const HostId n = t.host_count();
  for (HostId s = 0; s < n; ++s) {
    for (HostId d = 0; d < n; ++d) {
      for (DirectedLinkId l : dmodk(t, s, d)) f.add(l);
      f.add(0xffffffffu);
      for (DirectedLinkId l : ecmp(t, s, d, std::uint64_t{s} * 100003u + d)) f.add(l);
      f.add(0xfffffffeu);
      if (s < 8) {
        for (const auto& [l, share] : spray_link_fractions(t, s, d)) {
          f.add(l);
          f.add(std::bit_cast<std::uint64_t>(share));
        }
        f.add(0xfffffffdu);
      }
    }
  }
  return f.value;
}

const double kBw = 50e9;
const SimTime kLat = SimTime::from_ns(1000);

}  // namespace

TEST_CASE("routes of a 3-level k=8 fat-tree (128 hosts) are pinned, with failures and restores") {
  Topology t = k_ary_fat_tree(8, 3, kBw, kLat);
  const std::uint64_t intact = fingerprint_routes(t);
  CHECK(intact == 0x60610130542a317full);
  LinkId edge_up = 0;  // the first leaf-to-aggregation link
  while (t.tier_of(t.link(edge_up).a) + t.tier_of(t.link(edge_up).b) != 1) ++edge_up;
  const SwitchId core = t.switch_count() - 1;
  REQUIRE(t.switch_info(core).tier == 2);
  t.fail_link(edge_up);
  t.fail_switch(core);
  CHECK(fingerprint_routes(t) == 0x825b76aba9675007ull);
  t.restore_link(edge_up);
  t.restore_switch(core);
  CHECK(fingerprint_routes(t) == intact);
}

TEST_CASE("routes of a multi-homed PGFT (hosts on 2 leaves) are pinned") {
  // PGFT(2; 8,8; 2,4; 1,1): 64 hosts each on 2 of 16 leaves, 4 spines per leaf.
  const Topology t = pgft(PgftParams{{8, 8}, {2, 4}, {1, 1}, kBw, kLat});
  CHECK(fingerprint_routes(t) == 0x0ebf3ad2b7ee5353ull);
}

TEST_CASE("routes of a 4x4x4 torus (a destination set per router) are pinned") {
  const Topology t = torus(TorusParams{{4, 4, 4}, kBw, kLat});
  Fingerprint f;
  for (HostId s = 0; s < t.host_count(); ++s) {
    for (HostId d = 0; d < t.host_count(); ++d) {
      for (DirectedLinkId l : ecmp(t, s, d, std::uint64_t{s} * 100003u + d)) f.add(l);
      f.add(0xffffffffu);
    }
  }
  CHECK(f.value == 0xde776aff96581f30ull);
}
