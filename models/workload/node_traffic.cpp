#include "models/workload/node_traffic.hpp"

namespace clustersim::models::workload {

NodeTraffic::NodeTraffic(sim::Engine& engine, const NodeLinks& links) : network_(engine) {
  for (std::size_t i = 0; i < kLinkCount; ++i) {
    const auto link = static_cast<Link>(i);
    constraint_[i] = network_.add_constraint(std::string(link_name(link)), links.capacity(link));
  }
}

void NodeTraffic::set_capacities(const NodeLinks& links) {
  for (std::size_t i = 0; i < kLinkCount; ++i)
    network_.set_capacity(constraint_[i], links.capacity(static_cast<Link>(i)));
}

sim::Task<> NodeTraffic::transfer(Route route, double bytes) {
  sim::FlowSpec spec;
  spec.work = bytes;
  for (const auto& [link, coefficient] : route) {
    spec.constraints.push_back({constraint_[static_cast<std::size_t>(link)], coefficient});
  }
  co_await network_.transfer(std::move(spec));
}

}  // namespace clustersim::models::workload
