// SimGrid platform import: every topology kind counted by hand, explicit routes and sharing
// policies through the flows tool, and bad platforms naming the element and line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "models/fabric/flows_tool.hpp"
#include "models/fabric/routing.hpp"
#include "models/fabric/routing_policy.hpp"
#include "models/fabric/simgrid_platform.hpp"
#include "models/fabric/xml_document.hpp"
#include "tests/models/fabric/fabric_test_util.hpp"

using namespace clustersim;
using namespace clustersim::models::fabric;
using sim::SimTime;

namespace {

std::string platform_file(const char* name) {
  return (std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios" / "platforms" / name).string();
}

std::string wrap(const std::string& body) {
  return "<?xml version='1.0'?>\n<platform version=\"4.1\">\n" + body + "</platform>\n";
}

// The platform throws PlatformError at `line` whose message contains `text`.
void refused_at(const std::string& xml, int line, const std::string& text) {
  try {
    parse_simgrid_platform(xml, "test.xml");
    FAIL("no PlatformError");
  } catch (const PlatformError& e) {
    CHECK(e.line() == line);
    CHECK_THAT(e.what(), Catch::Contains(text) && Catch::Contains("test.xml:" + std::to_string(line) + ":"));
  }
}

std::vector<FlowResult> simulate(const Platform& p, const std::string& csv, RoutingChoice routing) {
  std::istringstream in(csv);
  std::ostringstream out;
  return run_flows_tool(p.topology, in, routing, out, {}, p.host_names).flows;
}

std::uint32_t links_between(const Topology& t, SwitchId a, SwitchId b) {
  return static_cast<std::uint32_t>(t.links_between(t.switch_vertex(a), t.switch_vertex(b)).size());
}

}  // namespace

TEST_CASE("SimGrid FAT_TREE cluster: PGFT(2; 4,4; 1,2; 1,2) counted by hand", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform(platform_file("fat-tree-16.xml"));
  const Topology& t = p.topology;
  CHECK(t.host_count() == 16);
  CHECK(t.switch_count() == 6);  // 4 leaves, 2 spines
  CHECK(t.link_count() == 16 + 4 * 2 * 2);
  REQUIRE(p.host_names.size() == 16);
  CHECK(p.host_names[0] == "node-0.example.org");
  CHECK(p.host_names[15] == "node-15.example.org");
  for (SwitchId s = 0; s < 4; ++s) {
    CHECK(t.switch_info(s).tier == 0);
    CHECK(t.attached_hosts(s) == std::vector<HostId>{4 * s, 4 * s + 1, 4 * s + 2, 4 * s + 3});
    CHECK(links_between(t, s, 4) == 2);
    CHECK(links_between(t, s, 5) == 2);
  }
  CHECK(t.switch_info(4).tier == 1);
  CHECK(t.link(0).bytes_per_s == 25e9);
  CHECK(t.link(0).latency == SimTime::from_ns(1000));
  CHECK(t.link(0).sharing == LinkSharing::split_duplex);
  // Full bisection: leaves {0,1} have 8 hosts and 8 up-links.
  CHECK(t.oversubscription() == Approx(1.0));
  CHECK(default_routing(t, LinkLayer::infiniband) == RoutingChoice::dmodk);
  CHECK(default_routing(t, LinkLayer::ethernet) == RoutingChoice::ecmp);

  // D-mod-k with parallel links: leaf 0 has 4 up-ports (spine 0 x 2, spine 1 x 2); host 0 -> host 5
  // takes port 5 mod 4 = 1 (spine 0, second link), comes down spine 0's link 5 mod 2 = 1 to leaf 1.
  const Route r = dmodk(t, 0, 5);
  REQUIRE(r.size() == 4);
  const auto up = t.links_between(t.switch_vertex(0), t.switch_vertex(4));
  const auto down = t.links_between(t.switch_vertex(4), t.switch_vertex(1));
  CHECK(Topology::link_of(r[1]) == up[1]);
  CHECK(Topology::link_of(r[2]) == down[1]);
  // Every shift permutation is non-blocking under D-mod-k.
  for (std::uint32_t shift = 1; shift < 16; ++shift) {
    std::map<DirectedLinkId, int> uses;
    for (HostId s = 0; s < 16; ++s) {
      for (DirectedLinkId d : dmodk(t, s, (s + shift) % 16)) ++uses[d];
    }
    for (const auto& [link, count] : uses) CHECK(count == 1);
  }
}

TEST_CASE("SimGrid TORUS cluster: 4 x 4 counted by hand, wired as SimGrid wires it", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform(platform_file("torus-4x4.xml"));
  const Topology& t = p.topology;
  CHECK(t.host_count() == 16);
  CHECK(t.switch_count() == 16);
  CHECK(t.link_count() == 16 + 16);  // one link per node and dimension, no host link
  CHECK(p.host_names[3] == "t3");
  CHECK(p.link_names.at(1) == "torus_link_from_0_to_4");  // node 0, dimension 1
  CHECK(p.link_names.at(7) == "torus_link_from_3_to_7");
  CHECK(default_routing(t, LinkLayer::infiniband) == RoutingChoice::table);
  CHECK(default_routing(t, LinkLayer::ethernet) == RoutingChoice::table);
  // t0 sends to t1 and t4 at once: each flow runs alone on its own router link (0 -> 1 and
  // 0 -> 4, dimension 0 and dimension 1): 12.5 GB in 1 s + 0.5 us.
  const auto flows = simulate(p, "src,dst,bytes,start\nt0,t1,12.5 GB,0\nt0,t4,12.5 GB,0\n", RoutingChoice::table);
  for (const auto& f : flows) CHECK(f.finish == SimTime::from_ns(1'000'000'500));
  // t0 -> t2 and t1 -> t3 share torus_link_from_1_to_2 UP (both go forward on a tie): half each,
  // 2 s + 2 x 0.5 us.
  const auto shared = simulate(p, "src,dst,bytes,start\nt0,t2,12.5 GB,0\nt1,t3,12.5 GB,0\n", RoutingChoice::table);
  for (const auto& f : shared) CHECK(f.finish == SimTime::from_ns(2'000'001'000));
}

TEST_CASE("SimGrid DRAGONFLY cluster: 3 groups of 2 chassis x 4 routers counted by hand", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform(platform_file("dragonfly-24.xml"));
  const Topology& t = p.topology;
  CHECK(t.host_count() == 24);
  CHECK(t.switch_count() == 24);
  CHECK(t.link_count() == 24 + 3 * 2 * 6 + 3 * 4 + 3);  // host, green, black, blue
  CHECK(t.link(0).bytes_per_s == 25e9);
  CHECK(t.link(t.link_count() - 1).bytes_per_s == 50e9);  // blue = 2: one link of 2 x 25 GB/s
  CHECK(p.link_names.back() == "blue_link_between_group_1_and_2_routers_10_and_17_74");
  CHECK(default_routing(t, LinkLayer::infiniband) == RoutingChoice::table);
  // df-0 -> df-8, df-1 -> df-9 and df-2 -> df-10 all cross the blue link of groups 0 and 1
  // (50 GB/s). Each flow starts sending after its route's latency: 4, 4 and 5 links of 1 us. From
  // 4 us the first two get 25 GB/s each (their host links), from 5 us all three get 16.7 GB/s: the
  // first two finish at 5 us + (25 GB - 25 kB) / 16.7 GB/s = 1.5000035 s, the third sends its last
  // 25 kB alone at 25 GB/s: 1.5000045 s.
  const auto flows = simulate(p, "src,dst,bytes,start\ndf-0,df-8,25 GB,0\ndf-1,df-9,25 GB,0\ndf-2,df-10,25 GB,0\n",
                              RoutingChoice::table);
  REQUIRE(flows.size() == 3);
  CHECK(flows[0].finish == SimTime::from_ns(1'500'003'500));
  CHECK(flows[1].finish == SimTime::from_ns(1'500'003'500));
  CHECK(flows[2].finish == SimTime::from_ns(1'500'004'500));
}

TEST_CASE("SimGrid Full zone: explicit routes, SHARED and SPLITDUPLEX links", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform(platform_file("full-3-hosts.xml"));
  const Topology& t = p.topology;
  CHECK(p.host_names == std::vector<std::string>{"alice", "bob", "carol"});
  CHECK(t.link_count() == 3);
  REQUIRE(t.route_table());
  CHECK(t.route_table()->size() == 6);
  CHECK(default_routing(t, LinkLayer::infiniband) == RoutingChoice::table);
  CHECK(table_route(t, 0, 2) == Route{Topology::forward(1), Topology::forward(2)});
  CHECK(table_route(t, 2, 0) == Route{Topology::backward(2), Topology::backward(1)});
  CHECK(t.link(1).sharing == LinkSharing::shared);
  CHECK(t.link(2).sharing == LinkSharing::fatpipe);

  // SPLITDUPLEX: alice <-> bob both ways at full 10 GB/s: 1 s + 10 us.
  auto flows = simulate(p, "src,dst,bytes,start\nalice,bob,10 GB,0\nbob,alice,10 GB,0\n", RoutingChoice::table);
  for (const auto& f : flows) CHECK(f.finish == SimTime::from_ns(1'000'010'000));
  // SHARED backbone: alice -> carol and carol -> alice share 10 GB/s: 2 s + 51 us.
  flows = simulate(p, "src,dst,bytes,start\nalice,carol,10 GB,0\ncarol,alice,10 GB,0\n", RoutingChoice::table);
  for (const auto& f : flows) CHECK(f.finish == SimTime::from_ns(2'000'051'000));

  std::istringstream unknown("src,dst,bytes,start\nalice,dave,1 GB,0\n");
  try {
    read_flows_csv(t, unknown, p.host_names);
    FAIL("no error");
  } catch (const FlowsInputError& e) {
    CHECK(e.line() == 2);
    CHECK(e.field() == "dst");
    CHECK_THAT(e.what(), Catch::Contains("unknown host 'dave'"));
  }
}

TEST_CASE("SimGrid FLAT cluster: a crossbar, two flows into one host share its link", "[fabric][simgrid]") {
  const Platform p = parse_simgrid_platform(
      wrap("<cluster id=\"x\" prefix=\"c-\" radical=\"0-3\" suffix=\"\" bw=\"10GBps\" lat=\"5us\"/>\n"), "test.xml");
  CHECK(p.topology.host_count() == 4);
  CHECK(p.topology.switch_count() == 1);
  CHECK(p.topology.link_count() == 4);
  // c-0 and c-1 both send 10 GB to c-2: 5 GB/s each on c-2's private link, 2 s + 2 x 5 us.
  const auto flows = simulate(p, "src,dst,bytes,start\nc-0,c-2,10 GB,0\nc-1,c-2,10 GB,0\n", RoutingChoice::dmodk);
  for (const auto& f : flows) CHECK(f.finish == SimTime::from_ns(2'000'010'000));
  refused_at(wrap("<cluster id=\"x\" prefix=\"c-\" radical=\"0-3\" bw=\"10GBps\" bb_bw=\"20GBps\"/>\n"), 3,
             "a FLAT cluster with a backbone");
}

TEST_CASE("SimGrid notation: spaces in topo_parameters, radical lists", "[fabric][simgrid]") {
  const Platform p =
      parse_simgrid_platform(wrap("<cluster id=\"c\" prefix=\"n-\" radical=\"0-7, 16-23\" suffix=\".lab\" bw=\"1GBps\" "
                                  "topology=\"FAT_TREE\" topo_parameters=\"2 ; 4,4 ; 1,2 ; 1,2\"/>\n"),
                             "test.xml");
  CHECK(p.topology.host_count() == 16);
  CHECK(p.topology.link_count() == 32);
  CHECK(p.host_names[7] == "n-7.lab");
  CHECK(p.host_names[8] == "n-16.lab");
  CHECK(p.host_names[15] == "n-23.lab");
}

TEST_CASE("SimGrid units: SimGrid's bandwidth and latency notation", "[fabric][simgrid]") {
  const Platform p = parse_simgrid_platform(
      wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-1\" suffix=\"\" bw=\"100Gbps\" lat=\"2ms\" "
           "topology=\"FAT_TREE\" topo_parameters=\"1;2;1;1\" sharing_policy=\"SHARED\"/>\n"),
      "test.xml");
  CHECK(p.topology.link(0).bytes_per_s == 12.5e9);
  CHECK(p.topology.link(0).latency == SimTime::from_ns(2'000'000));
  CHECK(p.topology.link(0).sharing == LinkSharing::shared);
}

TEST_CASE("bad SimGrid platforms name the element and the line", "[fabric][simgrid]") {
  SECTION("malformed XML") {
    try {
      parse_simgrid_platform(
          "<?xml version='1.0'?>\n<platform version=\"4.1\">\n  <zone id=\"a\" routing=\"Full\">\n"
          "</platform>\n",
          "test.xml");
      FAIL("no XmlError");
    } catch (const XmlError& e) {
      CHECK(e.line() == 4);
      CHECK_THAT(e.what(), Catch::Contains("test.xml:4: malformed XML"));
    }
  }
  SECTION("unsupported element") {
    refused_at(wrap("<zone id=\"z\" routing=\"Full\">\n<host id=\"a\" speed=\"1f\"/>\n"
                    "<zoneRoute src=\"a\" dst=\"b\" gw_src=\"a\" gw_dst=\"b\"/>\n</zone>\n"),
               5, "unsupported element <zoneRoute>");
  }
  SECTION("unsupported attribute") {
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-1\" bw=\"1GBps\" topology=\"FAT_TREE\" "
                    "topo_parameters=\"1;2;1;1\" limiter_link=\"1GBps\"/>\n"),
               3, "unsupported attribute 'limiter_link'");
  }
  SECTION("unknown topology kind") {
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-1\" bw=\"1GBps\" topology=\"RING\" "
                    "topo_parameters=\"2\"/>\n"),
               3, "topology 'RING' is not supported (expected FLAT, FAT_TREE, TORUS or DRAGONFLY)");
  }
  SECTION("inconsistent topo_parameters") {
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-15\" bw=\"1GBps\" topology=\"FAT_TREE\"\n"
                    "  topo_parameters=\"2;4,4;1;1,2\"/>\n"),
               4, "2 levels need 2 numbers in every list, got 1");  // the line where the tag ends
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-14\" bw=\"1GBps\" topology=\"FAT_TREE\" "
                    "topo_parameters=\"2;4,4;1,2;1,2\"/>\n"),
               3, "radical '0-14' gives 15 hosts but topo_parameters '2;4,4;1,2;1,2' has 16");
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-3\" bw=\"1GBps\" topology=\"TORUS\" "
                    "topo_parameters=\"2,0\"/>\n"),
               3, "topo_parameters dimensions: expected a positive integer, got '0'");
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-3\" bw=\"1GBps\" topology=\"DRAGONFLY\" "
                    "topo_parameters=\"1,1;2,1\"/>\n"),
               3, "DRAGONFLY expects");
    // The old dragonfly-24 shape: group 2's blue link would need router 2 of a 2-router chassis.
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-23\" bw=\"1GBps\" topology=\"DRAGONFLY\" "
                    "topo_parameters=\"3,2;2,1;2,1;2\"/>\n"),
               3, "3 groups need at least 3 routers per chassis, got 2");
  }
  SECTION("routes naming unknown hosts or links") {
    refused_at(wrap("<zone id=\"z\" routing=\"Full\">\n<host id=\"a\" speed=\"1f\"/>\n"
                    "<route src=\"a\" dst=\"b\"/>\n</zone>\n"),
               5, "dst: unknown host 'b'");
    refused_at(wrap("<zone id=\"z\" routing=\"Full\">\n<host id=\"a\"/>\n<host id=\"b\"/>\n"
                    "<route src=\"a\" dst=\"b\">\n<link_ctn id=\"nope\"/>\n</route>\n</zone>\n"),
               7, "unknown link 'nope'");
  }
  SECTION("link directions") {
    const std::string head =
        "<zone id=\"z\" routing=\"Full\">\n<host id=\"a\"/>\n<host id=\"b\"/>\n"
        "<link id=\"l\" bandwidth=\"1GBps\"/>\n<link id=\"s\" bandwidth=\"1GBps\" "
        "sharing_policy=\"SHARED\"/>\n<route src=\"a\" dst=\"b\">\n";
    refused_at(wrap(head + "<link_ctn id=\"l\"/>\n</route>\n</zone>\n"), 9, "link 'l' is SPLITDUPLEX");
    refused_at(wrap(head + "<link_ctn id=\"s\" direction=\"UP\"/>\n</route>\n</zone>\n"), 9,
               "link 's' is not SPLITDUPLEX");
    refused_at(wrap(head + "<link_ctn id=\"l\" direction=\"LEFT\"/>\n</route>\n</zone>\n"), 9, "direction 'LEFT'");
  }
  SECTION("files that are not platforms") {
    CHECK(test::throws_naming([] { read_simgrid_platform("/no/such/file.xml"); }, "/no/such/file.xml"));
    CHECK(test::throws_naming([] { read_simgrid_platform("/dev/zero"); }, "not a regular file"));
  }
  SECTION("other versions and routings") {
    refused_at("<platform version=\"3\">\n</platform>\n", 1, "only SimGrid 4.1");
    refused_at(wrap("<zone id=\"z\" routing=\"Floyd\">\n<host id=\"a\"/>\n</zone>\n"), 3,
               "routing 'Floyd' is not supported");
  }
}

// Sizes past the import's caps (100,000 hosts, 1,000,000 links) are refused before anything is
// built, naming the attribute and the line; products that overflow 64 bits are reported, not wrapped.
TEST_CASE("SimGrid platforms asking for absurd sizes are refused, naming the attribute",
          "[fabric][simgrid][bad-input]") {
  const auto cluster = [](const std::string& radical, const std::string& topology, const std::string& params) {
    return wrap("<cluster id=\"c\" prefix=\"n\" radical=\"" + radical + "\" bw=\"1GBps\" topology=\"" + topology +
                "\" topo_parameters=\"" + params + "\"/>\n");
  };
  SECTION("a FAT_TREE of 10^9 hosts") {
    refused_at(cluster("0-3", "FAT_TREE", "1;1000000000;1;1"), 3,
               "topo_parameters '1;1000000000;1;1' asks for 1000000000 hosts, above the import's limit of 100000 "
               "hosts");
  }
  SECTION("a FAT_TREE whose host count overflows 64 bits") {
    refused_at(cluster("0-3", "FAT_TREE", "4;65536,65536,65536,65536;1,1,1,1;1,1,1,1"), 3,
               "asks for more than 2^64 hosts");
  }
  SECTION("a small FAT_TREE with 4 x 10^6 parallel links") {
    refused_at(cluster("0-3", "FAT_TREE", "1;4;1;1000000"), 3,
               "topo_parameters '1;4;1;1000000' asks for 4000000 links, above the import's limit of 1000000 links");
  }
  SECTION("a FAT_TREE of 4 hosts under 10^6 top switches") {
    // Every host has 1,000 parents, 2,000 level-1 switches of 2 children; 10^6 level-2 switches of 2
    // children: 4,000 + 2 x 10^6 links.
    refused_at(cluster("0-3", "FAT_TREE", "2;2,2;1000,1000;1,1"), 3, "asks for 2004000 links");
  }
  SECTION("a TORUS of 10^6 hosts") {
    refused_at(cluster("0-3", "TORUS", "1000,1000"), 3, "topo_parameters '1000,1000' asks for 1000000 hosts");
  }
  SECTION("a DRAGONFLY whose routers per group overflow 32 bits") {
    // 65,536 chassis x 65,537 routers = 2^32 + 65,536 routers, which 32-bit arithmetic wrapped to 65,536.
    refused_at(cluster("0-65535", "DRAGONFLY", "1,1;65536,1;65537,1;1"), 3, "asks for 4295032832 hosts");
  }
  SECTION("a DRAGONFLY group of 50,000 all-to-all routers") {
    // 50,000 host links + 50,000 x 49,999 / 2 local links.
    refused_at(cluster("0-49999", "DRAGONFLY", "1,1;1,1;50000,1;1"), 3, "asks for 1250025000 links");
  }
  SECTION("a radical of 2^32 hosts") {
    refused_at(wrap("<cluster id=\"c\" prefix=\"n\" radical=\"0-4294967295\" bw=\"1GBps\"/>\n"), 3,
               "radical '0-4294967295' asks for 4294967296 hosts, above the import's limit of 100000 hosts");
  }
  SECTION("a Full zone of 100,001 hosts") {
    std::string body = "<zone id=\"z\" routing=\"Full\">\n";
    for (int i = 0; i <= 100'000; ++i) body += "<host id=\"h" + std::to_string(i) + "\"/>\n";
    refused_at(wrap(body + "</zone>\n"), 100'004, "<host>: the zone asks for 100001 hosts");
  }
  SECTION("malformed XML past line 65,535 names its own line (libxml2 stopped counting at 65,535)") {
    try {
      parse_simgrid_platform("<platform version=\"4.1\">" + std::string(70'000, '\n') + "<zone", "test.xml");
      FAIL("no XmlError");
    } catch (const XmlError& e) {
      CHECK(e.line() == 70'001);
      CHECK_THAT(e.what(), Catch::Contains("test.xml:70001: malformed XML"));
    }
  }
  SECTION("the largest sizes under the caps are accepted") {
    const Platform p = parse_simgrid_platform(cluster("0-99999", "FAT_TREE", "1;100000;1;1"), "test.xml");
    CHECK(p.topology.host_count() == 100'000);
    CHECK(p.topology.link_count() == 100'000);
  }
}
