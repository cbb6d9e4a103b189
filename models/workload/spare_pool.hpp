// SparePool: the nodes that can replace failed ones. Idle spares and nodes back from repair wait in one queue
// and are handed out first come, first served; a failed node goes to repair and joins the queue when it is back.
//
// Each node remembers whether it is a lemon (LemonNodes in campaign_config.hpp): a node that failed and will
// fail again soon after every repair, until it has failed `retire_after` times and is retired for good. The
// pool only carries that mark; the campaign decides who is a lemon and when a lemon in the job fails again.
#pragma once

#include <deque>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::models::workload {

struct PoolNode {
  int lemon_failures = 0;  // 0: a healthy node; k > 0: a lemon that has failed k times
};

class SparePool {
 public:
  explicit SparePool(int spares) : ready_(static_cast<std::size_t>(spares)) {}

  // A failed node goes to repair and is ready again at `back_at`.
  void send_to_repair(sim::SimTime back_at, PoolNode node);
  // When `count` nodes will be ready, counting those ready at `now` (the last repair if there are too few).
  sim::SimTime ready_time(int count, sim::SimTime now);
  // Takes `count` nodes ready at `now` (ready_time(count, now) <= now), oldest first.
  std::vector<PoolNode> take(int count, sim::SimTime now);

 private:
  void return_repaired(sim::SimTime now);

  std::deque<PoolNode> ready_;
  std::vector<std::pair<sim::SimTime, PoolNode>> in_repair_;  // sorted by return time, FIFO among equal times
};

}  // namespace clustersim::models::workload
