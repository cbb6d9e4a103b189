#include "models/fabric/builder_checks.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/number_text.hpp"

namespace clustersim::models::fabric::detail {

void fail(const std::string& message) {
  throw std::invalid_argument(message);
}

void require_count(const char* param, std::uint32_t value) {
  if (value == 0) fail(std::string(param) + ": must be >= 1, got 0");
}

void require_bandwidth(const char* param, double bytes_per_s) {
  if (!std::isfinite(bytes_per_s) || bytes_per_s <= 0.0) {
    fail(std::string(param) + ": must be a finite bandwidth > 0 bytes/s, got " + sim::number_text(bytes_per_s, 6));
  }
}

void require_latency(const char* param, sim::SimTime latency) {
  if (latency < sim::SimTime::zero()) fail(std::string(param) + ": must be >= 0, got " + sim::to_string(latency));
}

void require_ratio(const char* param, double oversubscription) {
  if (std::isnan(oversubscription) || oversubscription < 1.0) {
    fail(std::string(param) + ": oversubscription below 1 is not supported, got " +
         sim::number_text(oversubscription, 6));
  }
  if (!std::isfinite(oversubscription))
    fail(std::string(param) + ": must be finite, got " + sim::number_text(oversubscription, 6));
}

void require_ports(const char* param, std::uint32_t ports, std::uint32_t radix, const char* what) {
  if (radix != 0 && ports > radix) {
    fail(std::string(param) + ": " + what + " needs " + std::to_string(ports) + " ports, more than switch radix " +
         std::to_string(radix));
  }
}

void set_halves(Topology& topology, const std::vector<Block>& blocks) {
  std::vector<bool> side_b(topology.vertex_count(), true);
  if (blocks.size() >= 2) {
    for (std::size_t i = 0; i < blocks.size() / 2; ++i) {
      for (VertexId v : blocks[i].members) side_b[v] = false;
    }
  } else if (blocks.size() == 1) {
    const auto& hosts = blocks[0].hosts;
    for (std::size_t i = 0; i < hosts.size() / 2; ++i) side_b[hosts[i]] = false;
  }
  topology.set_bisection_halves(std::move(side_b));
}

void check_connected(const Topology& topology, const char* builder) {
  auto cut_off = topology.disconnected_hosts();
  if (!cut_off.empty()) {
    throw std::logic_error(std::string(builder) + ": built a fabric with " + std::to_string(cut_off.size()) +
                           " disconnected hosts (first: host " + std::to_string(cut_off.front()) + ")");
  }
}

}  // namespace clustersim::models::fabric::detail
