#include "models/workload/spare_pool.hpp"

#include <algorithm>

namespace clustersim::models::workload {

void SparePool::send_to_repair(sim::SimTime back_at, PoolNode node) {
  const auto later = std::upper_bound(in_repair_.begin(), in_repair_.end(), back_at,
                                      [](sim::SimTime time, const auto& entry) { return time < entry.first; });
  in_repair_.insert(later, {back_at, node});
}

void SparePool::return_repaired(sim::SimTime now) {
  std::size_t back = 0;
  while (back < in_repair_.size() && in_repair_[back].first <= now) ready_.push_back(in_repair_[back++].second);
  in_repair_.erase(in_repair_.begin(), in_repair_.begin() + static_cast<std::ptrdiff_t>(back));
}

sim::SimTime SparePool::ready_time(int count, sim::SimTime now) {
  return_repaired(now);
  const auto ready = static_cast<std::ptrdiff_t>(ready_.size());
  if (count <= ready || in_repair_.empty()) return now;
  const auto needed = static_cast<std::size_t>(count - ready);
  return in_repair_[std::min(needed, in_repair_.size()) - 1].first;
}

std::vector<PoolNode> SparePool::take(int count, sim::SimTime now) {
  return_repaired(now);
  // A pool that cannot supply `count` (more nodes lost than spares and repairs) hands out what it has: the job
  // keeps its size, as it did before the pool tracked nodes.
  std::vector<PoolNode> taken;
  for (int i = 0; i < count; ++i) {
    if (ready_.empty()) {
      taken.emplace_back();
      continue;
    }
    taken.push_back(ready_.front());
    ready_.pop_front();
  }
  return taken;
}

}  // namespace clustersim::models::workload
