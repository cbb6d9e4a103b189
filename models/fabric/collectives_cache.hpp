// CollectiveCache: durations of collectives already simulated, so that a training job does not
// re-simulate the same gradient all-reduce at every step.
//
// Key: (collective, algorithm, group size, placement signature, bytes, competing-load signature,
// configuration signature, fabric-state signature). The placement signature is a 64-bit portable
// hash (splitmix64 chain) of the group's hosts in rank order, so the same hosts in another order
// are another key (a ring's neighbours change). The configuration signature covers routing, flow
// key salt, message overhead and the NVLink domain. The competing-load signature hashes the
// competing flows in order (src, dst, rate bound, routing, key); the fabric-state signature hashes
// the topology's name, size, every link (ends, bandwidth, latency, sharing) and its failed links and
// switches, so another fabric of the same size, a failure or a repair gives a new key. Bytes are compared exactly. Hash
// collisions (2^-64 per pair of keys) are the only way a hit can be wrong. Lookups only: the map is ordered, nothing
// depends on hash order.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "models/fabric/collectives.hpp"
#include "models/fabric/topology.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

struct CollectiveKey {
  Collective collective = Collective::all_reduce;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::ring;
  std::uint32_t group_size = 0;
  std::uint64_t placement = 0;
  double bytes = 0.0;
  std::uint64_t competing_load = 0;
  std::uint64_t configuration = 0;
  std::uint64_t fabric_state = 0;
  auto operator<=>(const CollectiveKey&) const = default;
};

std::uint64_t placement_signature(const std::vector<HostId>& group);
std::uint64_t competing_load_signature(const std::vector<CompetingFlow>& competing);
// O(links + switches): compute it once per failure or repair, not per lookup, on large fabrics.
std::uint64_t fabric_state_signature(const Topology& topology);
CollectiveKey collective_key(const CollectiveSpec& spec, std::uint64_t competing_load, std::uint64_t fabric_state);

class CollectiveCache {
 public:
  // Counts a hit or a miss.
  std::optional<sim::SimTime> find(const CollectiveKey& key);
  void insert(const CollectiveKey& key, sim::SimTime duration) { entries_.insert_or_assign(key, duration); }
  // The cached duration, or compute() stored and returned (a miss).
  sim::SimTime get_or_compute(const CollectiveKey& key, const std::function<sim::SimTime()>& compute);

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::size_t size() const { return entries_.size(); }
  void clear() { entries_.clear(); }

 private:
  std::map<CollectiveKey, sim::SimTime> entries_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// simulate_collective() through the cache (fabric-state signature computed here).
sim::SimTime cached_collective_duration(CollectiveCache& cache, const Topology& topology, const CollectiveSpec& spec,
                                        const std::vector<CompetingFlow>& competing = {});

}  // namespace clustersim::models::fabric
