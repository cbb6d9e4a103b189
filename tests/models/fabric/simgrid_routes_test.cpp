// Imported SimGrid TORUS and DRAGONFLY clusters route exactly as SimGrid 3.32 routes them: for every ordered host pair
// the route (link names and directions, in order) equals what SimGrid's Host::route_to() printed
// for the same platform (tests/data/simgrid_routes/*.routes, one "source destination links..." line
// per pair, written by a probe linking SimGrid).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "models/fabric/routing.hpp"
#include "models/fabric/simgrid_platform.hpp"

using namespace clustersim::models::fabric;

namespace {

std::filesystem::path repo_root() {
  return std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path();
}

const std::filesystem::path kFixtures = repo_root() / "tests" / "data" / "simgrid_routes";
const std::filesystem::path kPlatforms = repo_root() / "scenarios" / "platforms";

// The expected routes of a .routes file, by (source name, destination name).
std::map<std::pair<std::string, std::string>, std::vector<std::string>> simgrid_routes(const std::string& file) {
  std::ifstream in(kFixtures / file);
  REQUIRE(in);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> routes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string source;
    std::string destination;
    words >> source >> destination;
    std::vector<std::string>& links = routes[{source, destination}];
    for (std::string link; words >> link;) links.push_back(link);
  }
  return routes;
}

// Every ordered pair of distinct hosts of the platform routes as the .routes file says; returns
// the number of pairs compared.
std::size_t compare_every_pair(const std::filesystem::path& platform_file, const std::string& routes_file) {
  const Platform p = read_simgrid_platform(platform_file.string());
  const auto expected = simgrid_routes(routes_file);
  const std::uint32_t hosts = p.topology.host_count();
  REQUIRE(expected.size() == std::size_t{hosts} * (hosts - 1));
  std::size_t compared = 0;
  for (HostId s = 0; s < hosts; ++s) {
    for (HostId d = 0; d < hosts; ++d) {
      if (s == d) continue;
      std::vector<std::string> names;
      for (DirectedLinkId link : table_route(p.topology, s, d)) names.push_back(directed_link_name(p, link));
      INFO(p.host_names[s] << " -> " << p.host_names[d]);
      CHECK(names == expected.at({p.host_names[s], p.host_names[d]}));
      ++compared;
    }
  }
  return compared;
}

// One platform whose every host pair is compared with SimGrid's routes.
struct RoutesFixture {
  const char* what;
  std::filesystem::path platform;
  const char* routes;  // the file under tests/data/simgrid_routes
  std::size_t pairs;   // ordered host pairs it holds
};

// A section per fixture.
void compare_fixtures(const std::vector<RoutesFixture>& fixtures) {
  for (const RoutesFixture& f : fixtures) {
    DYNAMIC_SECTION(f.what) {
      CHECK(compare_every_pair(f.platform, f.routes) == f.pairs);
    }
  }
}

// SimGrid's names of the links of the route from s to d, space-separated.
std::string route_names(const Platform& p, HostId s, HostId d) {
  std::string out;
  for (DirectedLinkId link : table_route(p.topology, s, d)) {
    if (!out.empty()) out += ' ';
    out += directed_link_name(p, link);
  }
  return out;
}

}  // namespace

TEST_CASE("SimGrid TORUS routes equal SimGrid's for every host pair", "[fabric][simgrid][routing]") {
  compare_fixtures({
      {"4 x 4, SPLITDUPLEX (scenarios/platforms/torus-4x4.xml)", kPlatforms / "torus-4x4.xml", "torus-4x4.routes", 240},
      {"3 x 3 x 2, SPLITDUPLEX: odd rings and a ring of 2", kFixtures / "torus-3x3x2.xml", "torus-3x3x2.routes", 306},
      {"5 x 2, SHARED: links without direction", kFixtures / "torus-5x2-shared.xml", "torus-5x2-shared.routes", 90},
      {"3 x 4, FATPIPE", kFixtures / "torus-3x4-fatpipe.xml", "torus-3x4-fatpipe.routes", 132},
      {"4 x 1 x 3: a dimension of size 1", kFixtures / "torus-4x1x3.xml", "torus-4x1x3.routes", 132},
  });
}

TEST_CASE("SimGrid TORUS: ties in a ring of 4 go forward unless the target coordinate is 0", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform((kPlatforms / "torus-4x4.xml").string());
  auto route = [&](HostId s, HostId d) { return route_names(p, s, d); };
  // t1 = (1,0) -> t3 = (3,0): forward through 2.
  CHECK(route(1, 3) == "torus_link_from_1_to_2_UP torus_link_from_2_to_3_UP");
  // t3 = (3,0) -> t1 = (1,0): forward through the wrap-around 3 -> 0.
  CHECK(route(3, 1) == "torus_link_from_3_to_0_UP torus_link_from_0_to_1_UP");
  // t2 = (2,0) -> t0 = (0,0): target coordinate 0, backward through 1.
  CHECK(route(2, 0) == "torus_link_from_1_to_2_DOWN torus_link_from_0_to_1_DOWN");
  // t0 -> t10 = (2,2): dimension 0 first, then dimension 1.
  CHECK(route(0, 10) ==
        "torus_link_from_0_to_1_UP torus_link_from_1_to_2_UP torus_link_from_2_to_6_UP "
        "torus_link_from_6_to_10_UP");
}

TEST_CASE("SimGrid DRAGONFLY routes equal SimGrid's for every host pair", "[fabric][simgrid][routing]") {
  compare_fixtures({
      {"3 groups, 2 chassis of 4 routers, 1 host each (scenarios/platforms/dragonfly-24.xml)",
       kPlatforms / "dragonfly-24.xml", "dragonfly-24.routes", 552},
      {"2 groups, 2 chassis of 2 routers, 2 hosts per router, blue x 2", kFixtures / "dragonfly-2x2x2x2.xml",
       "dragonfly-2x2x2x2.routes", 240},
      {"2 groups, 3 chassis of 2 routers: black links between every pair of chassis",
       kFixtures / "dragonfly-2x3x2x1.xml", "dragonfly-2x3x2x1.routes", 132},
      {"SHARED links, black x 3", kFixtures / "dragonfly-2x2x3x1-shared.xml", "dragonfly-2x2x3x1-shared.routes", 132},
      {"one group, one chassis", kFixtures / "dragonfly-1x1x3x2.xml", "dragonfly-1x1x3x2.routes", 30},
  });
}

TEST_CASE("SimGrid DRAGONFLY: link multipliers and SimGrid's same-group chassis count", "[fabric][simgrid]") {
  const Platform p = read_simgrid_platform((kFixtures / "dragonfly-2x2x3x1-shared.xml").string());
  const Topology& t = p.topology;
  // 12 host links, 2 x 2 x 3 green, 2 x 3 black, 1 blue.
  REQUIRE(t.link_count() == 12 + 12 + 6 + 1);
  CHECK(t.link(0).bytes_per_s == 10e9);
  CHECK(t.link(12).bytes_per_s == 10e9);  // green x 1
  CHECK(t.link(24).bytes_per_s == 30e9);  // black x 3
  CHECK(t.link(30).bytes_per_s == 20e9);  // blue x 2
  CHECK(p.link_names[30] == "blue_link_between_group_0_and_1_routers_1_and_6_30");
  auto route = [&](HostId s, HostId d) { return route_names(p, s, d); };
  // d4 on router (0, 1, 1) to d5 on router (0, 1, 2): the green hop lands on (1, 2) but SimGrid
  // then counts from chassis 0 and adds the black link 0 -> 1 at blade 2.
  CHECK(route(4, 5) ==
        "local_link_from_router_4_to_node_0_4 green_link_in_chassis_1_between_routers_1_and_2_17 "
        "black_link_in_group_0_between_chassis_0_and_1_blade_2_26 local_link_from_router_5_to_node_0_5");
  // d3 on (0, 1, 0) to d1 on (0, 0, 1): green in chassis 1, and no black link back to chassis 0.
  CHECK(route(3, 1) ==
        "local_link_from_router_3_to_node_0_3 green_link_in_chassis_1_between_routers_0_and_1_15 "
        "local_link_from_router_1_to_node_0_1");
}
