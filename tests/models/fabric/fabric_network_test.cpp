// FabricNetwork: messages as flows on a topology's links, routing choices, route cache, failures.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "models/fabric/builders.hpp"
#include "models/fabric/fabric_network.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

using namespace clustersim;
using namespace clustersim::models::fabric;
using sim::SimTime;

namespace {

sim::Task<> timed_send(FabricNetwork* f, HostId a, HostId b, double bytes, RoutingChoice r, std::uint64_t key,
                       SimTime* done) {
  co_await f->send(a, b, bytes, r, key);
  *done = f->engine().now();
}

}  // namespace

TEST_CASE("a message alone takes route latency plus bytes over the bottleneck", "[fabric_network]") {
  Topology t = single_switch(4, 1e9, sim::microseconds(1));
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  REQUIRE(net.constraint_count() == t.directed_link_count());
  SimTime done;
  engine.spawn("m", timed_send(&fabric, 0, 3, 2e9, RoutingChoice::ecmp, 7, &done));
  engine.run();
  REQUIRE(done == sim::microseconds(2) + sim::seconds(2));  // 2 links of 1 us, 2e9 B at 1e9 B/s
}

TEST_CASE("two messages sharing a host link split it (max-min)", "[fabric_network]") {
  Topology t = single_switch(4, 1e9, SimTime::zero());
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  SimTime a, b;
  engine.spawn("a", timed_send(&fabric, 0, 1, 1e9, RoutingChoice::dmodk, 0, &a));
  engine.spawn("b", timed_send(&fabric, 0, 2, 0.5e9, RoutingChoice::dmodk, 1, &b));
  engine.run();
  REQUIRE(b == sim::seconds(1.0));  // 0.5e9 at 0.5e9 B/s
  REQUIRE(a == sim::seconds(1.5));  // 0.5e9 at 0.5e9, then 0.5e9 at 1e9
  REQUIRE(engine.now() == sim::seconds(1.5));
}

TEST_CASE("spray splits over every equal-cost path and ends like one flow when alone", "[fabric_network]") {
  Topology t = k_ary_fat_tree(4, 1e9, sim::microseconds(1));
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  auto routes = fabric.routes(0, 15, RoutingChoice::spray, 0);
  REQUIRE(routes.size() == 4);  // (k/2)^2 inter-pod paths
  for (const auto& r : routes) REQUIRE(r.fraction == Approx(0.25));
  SimTime done;
  engine.spawn("m", timed_send(&fabric, 0, 15, 1e9, RoutingChoice::spray, 0, &done));
  engine.run();
  // Each path carries 0.25e9 B alone on its core links; the host links carry all four at 1e9 B/s total.
  REQUIRE(done == sim::microseconds(6) + sim::seconds(1));
}

TEST_CASE("spray sub-flows weigh as one flow on a shared host link", "[fabric_network]") {
  Topology t = k_ary_fat_tree(4, 1e9, SimTime::zero());
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  SimTime sprayed, single;
  // Both leave host 0: one sprayed over 4 paths, one on a single path to its edge neighbour.
  engine.spawn("spray", timed_send(&fabric, 0, 15, 1e9, RoutingChoice::spray, 0, &sprayed));
  engine.spawn("single", timed_send(&fabric, 0, 1, 1e9, RoutingChoice::dmodk, 0, &single));
  engine.run();
  REQUIRE(single == sim::seconds(2.0));  // half of host 0's link each, 1e9 B at 0.5e9 B/s
  REQUIRE(sprayed == sim::seconds(2.0));
}

TEST_CASE("route cache returns the routes routing.hpp gives and counts hits", "[fabric_network]") {
  Topology t = k_ary_fat_tree(4, 1e9, SimTime::zero());
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  auto first = fabric.routes(0, 9, RoutingChoice::ecmp, 42);
  REQUIRE(first.front().route == ecmp(t, 0, 9, 42));
  REQUIRE(fabric.route_cache_misses() == 1);
  auto again = fabric.routes(0, 9, RoutingChoice::ecmp, 42);
  REQUIRE(again.front().route == first.front().route);
  REQUIRE(fabric.route_cache_hits() == 1);
  fabric.routes(0, 9, RoutingChoice::dmodk, 1);
  fabric.routes(0, 9, RoutingChoice::dmodk, 2);  // dmodk ignores the key: a hit
  REQUIRE(fabric.route_cache_hits() == 2);
  REQUIRE(fabric.routes(0, 9, RoutingChoice::dmodk, 3).front().route == dmodk(t, 0, 9));
}

TEST_CASE("failures: routes avoid failed links, unreachable hosts throw naming both", "[fabric_network]") {
  Topology t = leaf_spine(2, 2, 2, 1e9, 1e9, SimTime::zero());  // hosts 0,1 on leaf 0; 2,3 on leaf 1
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  // Fail the first spine: every route between the leaves must use the second one.
  SwitchId spine = 0;
  while (t.switch_info(spine).tier != 1) ++spine;
  t.fail_switch(spine);
  fabric.sync_with_topology();
  for (std::uint64_t key = 0; key < 8; ++key) {
    const auto routes = fabric.routes(0, 3, RoutingChoice::ecmp, key);
    for (DirectedLinkId d : routes.front().route) {
      REQUIRE(t.is_link_live(Topology::link_of(d)));
    }
  }
  // Cut host 3 off: its only link.
  t.fail_link(t.incident_links(t.host_vertex(3)).front());
  fabric.sync_with_topology();
  SimTime done;
  engine.spawn("m", timed_send(&fabric, 0, 3, 1e6, RoutingChoice::ecmp, 0, &done));
  try {
    engine.run();
    FAIL("no error");
  } catch (const std::exception& e) {
    const std::string what = e.what();
    REQUIRE(what.find("unreachable") != std::string::npos);
    REQUIRE(what.find("host 0") != std::string::npos);
    REQUIRE(what.find("host 3") != std::string::npos);
  }
  engine.shutdown();
}

TEST_CASE("dragonfly routing choices run and UGAL sees the messages in flight", "[fabric_network]") {
  DragonflyParams p;
  p.routers_per_group = 4;
  p.hosts_per_router = 2;
  p.global_links_per_router = 2;
  p.groups = 9;
  p.host_link_bytes_per_s = p.local_link_bytes_per_s = p.global_link_bytes_per_s = 1e9;
  Topology t = dragonfly(p);
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork fabric(net, t);
  std::vector<SimTime> done(40);
  // Many messages from group 0 to group 1 at once: UGAL moves some of them off the minimal global link.
  for (std::uint32_t i = 0; i < 8; ++i) {
    engine.spawn("u", timed_send(&fabric, i, 8 + i, 1e9, RoutingChoice::dragonfly_ugal, i, &done[i]));
  }
  engine.run();
  REQUIRE(engine.now() < sim::seconds(8.0));  // better than everything on the single minimal global link
  for (DirectedLinkId d = 0; d < t.directed_link_count(); ++d) REQUIRE(fabric.messages_on(d) == 0);
  REQUIRE_THROWS_AS(parse_routing_choice("fastest"), std::invalid_argument);
  REQUIRE(parse_routing_choice("d-mod-k") == RoutingChoice::dmodk);
  REQUIRE(to_string(RoutingChoice::dragonfly_ugal) == "dragonfly_ugal");
}

// Its speed-up is measured by BM_FatTreeRoutes (bench/fabric_bench.cpp).
TEST_CASE("on a k=16 fat tree the route cache gives the uncached routes, one miss per (src, dst, key)",
          "[fabric_network]") {
  Topology t = k_ary_fat_tree(16, 50e9, sim::microseconds(1));
  sim::Engine engine;
  sim::FlowNetwork net(engine);
  FabricNetwork::Options uncached_options;
  uncached_options.cache_routes = false;
  FabricNetwork uncached(net, t, uncached_options);
  FabricNetwork cached(net, t);
  const int calls = 4096;
  for (int i = 0; i < calls; ++i) {
    const HostId a = static_cast<HostId>(i % 1024);
    const auto key = static_cast<std::uint64_t>(a);
    const std::vector<WeightedRoute> want = uncached.routes(a, (a + 512) % 1024, RoutingChoice::ecmp, key);
    const std::vector<WeightedRoute> got = cached.routes(a, (a + 512) % 1024, RoutingChoice::ecmp, key);
    REQUIRE(got.size() == 1);
    REQUIRE(want.size() == 1);
    REQUIRE(got.front().route == want.front().route);
    REQUIRE(got.front().route.size() == 6);  // a and a + 512 are in different pods
  }
  REQUIRE(cached.route_cache_misses() == 1024);
  REQUIRE(cached.route_cache_hits() == calls - 1024);
  REQUIRE(cached.route_cache_size() == 1024);
  REQUIRE(uncached.route_cache_hits() == 0);
  REQUIRE(uncached.route_cache_size() == 0);
}
