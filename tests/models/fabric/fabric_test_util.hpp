// Helpers shared by the fabric tests.
#pragma once

#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>
#include <string>

#include "models/fabric/routing.hpp"
#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric::test {

// True when `build` throws std::invalid_argument whose message contains `parameter`.
inline bool throws_naming(const std::function<void()>& build, const std::string& parameter) {
  try {
    build();
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    if (what.find(parameter) != std::string::npos) return true;
    FAIL_CHECK("message '" << what << "' does not name '" << parameter << "'");
    return false;
  }
  FAIL_CHECK("no std::invalid_argument thrown for '" << parameter << "'");
  return false;
}

// The route is a chain of live links from the source host to the destination host.
inline bool is_valid_route(const Topology& t, HostId source, HostId destination, const Route& route) {
  if (source == destination) return route.empty();
  if (route.empty()) return false;
  VertexId at = t.host_vertex(source);
  for (DirectedLinkId d : route) {
    if (t.source(d) != at || !t.is_link_live(Topology::link_of(d))) return false;
    at = t.target(d);
  }
  return at == t.host_vertex(destination);
}

// Links between switches of different groups (dragonfly global links).
inline int global_links_in(const Topology& t, const Route& route) {
  int count = 0;
  for (DirectedLinkId d : route) {
    VertexId a = t.source(d);
    VertexId b = t.target(d);
    if (t.is_host(a) || t.is_host(b)) continue;
    if (t.switch_info(t.switch_at(a)).group != t.switch_info(t.switch_at(b)).group) ++count;
  }
  return count;
}

inline bool route_touches(const Topology& t, const Route& route, VertexId v) {
  for (DirectedLinkId d : route) {
    if (t.source(d) == v || t.target(d) == v) return true;
  }
  return false;
}

}  // namespace clustersim::models::fabric::test
