// Shared parameter checks and bisection-half bookkeeping for the fabric builders (builders.hpp).
// Every check throws std::invalid_argument whose message starts with the parameter's name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/fabric/topology.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric::detail {

[[noreturn]] void fail(const std::string& message);

void require_count(const char* param, std::uint32_t value);      // >= 1
void require_bandwidth(const char* param, double bytes_per_s);   // finite and > 0
void require_latency(const char* param, sim::SimTime latency);   // >= 0
void require_ratio(const char* param, double oversubscription);  // finite and >= 1
// `ports` used on `what` must fit `radix` (0 = unchecked).
void require_ports(const char* param, std::uint32_t ports, std::uint32_t radix, const char* what);

// A building block for the bisection halves: its vertices and, among them, its hosts in order.
struct Block {
  std::vector<VertexId> members;
  std::vector<VertexId> hosts;
};
// Half A = the first floor(n/2) blocks; with a single block, its first floor(hosts/2) hosts.
// Everything else (including switches above the blocks) is in half B.
void set_halves(Topology& topology, const std::vector<Block>& blocks);
// Throws std::logic_error if a builder produced a fabric with hosts cut off (a builder bug).
void check_connected(const Topology& topology, const char* builder);

}  // namespace clustersim::models::fabric::detail
