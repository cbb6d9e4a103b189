// Portable 64-bit mixing for deterministic routing choices (never std::hash, whose values are
// implementation-defined). splitmix64's finaliser (Steele, Lea, Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014): a bijection on 64-bit words with good avalanche.
#pragma once

#include <cstdint>

namespace clustersim::models::fabric {

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hash of a flow key salted by a second value (a switch, a routing stage).
constexpr std::uint64_t flow_hash(std::uint64_t flow_key, std::uint64_t salt) {
  return splitmix64(flow_key ^ splitmix64(salt));
}

}  // namespace clustersim::models::fabric
