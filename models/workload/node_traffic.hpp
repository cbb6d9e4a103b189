// NodeTraffic: transfers in flight on one representative node's links (see node_links.hpp),
// sharing them by weighted max-min fairness through the engine's flow network. Checkpoint copies
// and the gradient exchange meet here: on a single fabric they split the back-end NIC; with a
// separate front-end network a drain to shared storage never touches the gradient's links.
#pragma once

#include <array>
#include <string>

#include "models/workload/node_links.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

namespace clustersim::models::workload {

class NodeTraffic {
 public:
  NodeTraffic(sim::Engine& engine, const NodeLinks& links);

  // Every link takes its capacity from `links` (a degraded shared storage); transfers in flight re-share at once.
  void set_capacities(const NodeLinks& links);

  // Move `bytes` along `route`; completes when done. Interrupting the caller aborts the transfer.
  sim::Task<> transfer(Route route, double bytes);

 private:
  sim::FlowNetwork network_;
  std::array<sim::ConstraintId, kLinkCount> constraint_{};
};

}  // namespace clustersim::models::workload
