// SwitchDistanceCache: the hop distances of every switch to a set of destination switches, kept per
// set so that routing computes them once per destination leaf (set of live leaves of a host)
// instead of once per route. Routing a burst of n flows on a fabric with L leaves and E
// switch-to-switch links so costs O(L x E) instead of O(n x E) (16,384 flows on a 128-leaf
// leaf-spine: 128 searches of 16,384 links instead of 32,768).
//
// Rules: an entry is valid only for the liveness it was computed under, so the owner (Topology)
// clears the cache whenever a switch or link is added, fails or is restored. Lookups and inserts
// hold a mutex, so several threads may route on one const Topology; an entry handed out stays
// valid (shared ownership) after a clear. Memory: one uint32 per switch per distinct destination
// set (a 16,384-host leaf-spine: 128 sets x 256 switches). Copies and moves start empty (the
// cache is derived state, rebuilt on demand).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace clustersim::models::fabric {

class SwitchDistanceCache {
 public:
  using Distances = std::vector<std::uint32_t>;  // per switch id

  SwitchDistanceCache() = default;
  SwitchDistanceCache(const SwitchDistanceCache&) {}
  SwitchDistanceCache(SwitchDistanceCache&&) noexcept {}
  SwitchDistanceCache& operator=(const SwitchDistanceCache&);
  SwitchDistanceCache& operator=(SwitchDistanceCache&&) noexcept;
  ~SwitchDistanceCache() = default;

  // The entry of `sources` (switch ids, ascending), computed by `compute` on a miss.
  std::shared_ptr<const Distances> get(const std::vector<std::uint32_t>& sources,
                                       const std::function<Distances()>& compute) const;
  void clear();

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::vector<std::uint32_t>, std::shared_ptr<const Distances>> entries_;
};

}  // namespace clustersim::models::fabric
