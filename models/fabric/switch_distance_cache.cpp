#include "models/fabric/switch_distance_cache.hpp"

namespace clustersim::models::fabric {

SwitchDistanceCache& SwitchDistanceCache::operator=(const SwitchDistanceCache& other) {
  if (this != &other) clear();
  return *this;
}

SwitchDistanceCache& SwitchDistanceCache::operator=(SwitchDistanceCache&& other) noexcept {
  if (this != &other) clear();
  return *this;
}

std::shared_ptr<const SwitchDistanceCache::Distances> SwitchDistanceCache::get(
    const std::vector<std::uint32_t>& sources, const std::function<Distances()>& compute) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(sources);
  if (it == entries_.end()) it = entries_.emplace(sources, std::make_shared<const Distances>(compute())).first;
  return it->second;
}

void SwitchDistanceCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

}  // namespace clustersim::models::fabric
