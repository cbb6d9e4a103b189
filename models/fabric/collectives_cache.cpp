// CollectiveCache and its key signatures; see collectives_cache.hpp.
#include "models/fabric/collectives_cache.hpp"

#include <bit>
#include <cmath>

#include "models/fabric/hash.hpp"

namespace clustersim::models::fabric {

namespace {

class Hasher {
 public:
  Hasher& add(std::uint64_t v) {
    h_ = splitmix64(h_ ^ splitmix64(v + count_++));
    return *this;
  }
  Hasher& add(double v) { return add(std::bit_cast<std::uint64_t>(v)); }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0x243f6a8885a308d3ULL;
  std::uint64_t count_ = 0;
};

}  // namespace

std::uint64_t placement_signature(const std::vector<HostId>& group) {
  Hasher h;
  h.add(static_cast<std::uint64_t>(group.size()));
  for (HostId host : group) h.add(static_cast<std::uint64_t>(host));
  return h.value();
}

std::uint64_t competing_load_signature(const std::vector<CompetingFlow>& competing) {
  Hasher h;
  h.add(static_cast<std::uint64_t>(competing.size()));
  for (const CompetingFlow& f : competing) {
    h.add(static_cast<std::uint64_t>(f.src)).add(static_cast<std::uint64_t>(f.dst));
    h.add(f.rate_bytes_per_s ? *f.rate_bytes_per_s : -1.0);
    h.add(static_cast<std::uint64_t>(f.routing)).add(f.flow_key);
  }
  return h.value();
}

std::uint64_t fabric_state_signature(const Topology& topology) {
  Hasher h;
  for (char c : topology.name()) h.add(static_cast<std::uint64_t>(static_cast<unsigned char>(c)));
  h.add(static_cast<std::uint64_t>(topology.host_count()));
  h.add(static_cast<std::uint64_t>(topology.switch_count()));
  h.add(static_cast<std::uint64_t>(topology.link_count()));
  for (const Link& link : topology.links()) {
    h.add(static_cast<std::uint64_t>(link.a)).add(static_cast<std::uint64_t>(link.b)).add(link.bytes_per_s);
    h.add(static_cast<std::uint64_t>(link.latency.ns())).add(static_cast<std::uint64_t>(link.sharing));
  }
  for (LinkId l = 0; l < topology.link_count(); ++l) {
    if (topology.is_link_failed(l)) h.add(std::uint64_t{1} << 40 | l);
  }
  for (SwitchId s = 0; s < topology.switch_count(); ++s) {
    if (topology.is_switch_failed(s)) h.add(std::uint64_t{2} << 40 | s);
  }
  return h.value();
}

CollectiveKey collective_key(const CollectiveSpec& spec, std::uint64_t competing_load, std::uint64_t fabric_state) {
  CollectiveKey key;
  key.collective = spec.collective;
  key.algorithm = spec.algorithm;
  key.group_size = static_cast<std::uint32_t>(spec.group.size());
  key.placement = placement_signature(spec.group);
  key.bytes = spec.bytes;
  key.competing_load = competing_load;
  key.fabric_state = fabric_state;
  Hasher config;
  config.add(static_cast<std::uint64_t>(spec.routing)).add(spec.flow_key_salt);
  config.add(static_cast<std::uint64_t>(spec.message_overhead.ns()));
  if (spec.nvlink) {
    config.add(static_cast<std::uint64_t>(spec.nvlink->gpus_per_node)).add(spec.nvlink->bytes_per_s);
    config.add(static_cast<std::uint64_t>(spec.nvlink->latency.ns()));
    config.add(static_cast<std::uint64_t>(spec.nvlink->inter_node));
  } else {
    config.add(std::uint64_t{0});
  }
  key.configuration = config.value();
  return key;
}

std::optional<sim::SimTime> CollectiveCache::find(const CollectiveKey& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second;
}

sim::SimTime CollectiveCache::get_or_compute(const CollectiveKey& key, const std::function<sim::SimTime()>& compute) {
  if (auto found = find(key)) return *found;
  const sim::SimTime duration = compute();
  insert(key, duration);
  return duration;
}

sim::SimTime cached_collective_duration(CollectiveCache& cache, const Topology& topology, const CollectiveSpec& spec,
                                        const std::vector<CompetingFlow>& competing) {
  const CollectiveKey key = collective_key(spec, competing_load_signature(competing), fabric_state_signature(topology));
  return cache.get_or_compute(key, [&] { return simulate_collective(topology, spec, competing); });
}

}  // namespace clustersim::models::fabric
