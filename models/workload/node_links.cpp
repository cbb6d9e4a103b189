#include "models/workload/node_links.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace clustersim::models::workload {

std::string_view link_name(Link link) {
  static constexpr std::array<std::string_view, kLinkCount> kNames = {
      "pcie_to_host", "pcie_to_gpu", "nvme_read",   "nvme_write", "backend_tx",    "backend_rx",
      "frontend_tx",  "frontend_rx", "leaf_uplink", "pod_uplink", "storage_write", "storage_read"};
  return kNames[static_cast<std::size_t>(link)];
}

bool routes_share_a_link(const Route& a, const Route& b) {
  return std::any_of(a.begin(), a.end(), [&](const auto& use_a) {
    return std::any_of(b.begin(), b.end(), [&](const auto& use_b) { return use_a.first == use_b.first; });
  });
}

NodeLinks::NodeLinks(const CampaignConfig& config, StorageShare storage) {
  const NodeConfig& node = config.node;
  const FabricConfig& fabric = config.fabric;
  has_frontend_ = node.frontend_nic_bytes_per_s > 0;
  pods_ = std::max(1.0, std::ceil(static_cast<double>(config.nodes) / fabric.nodes_per_pod));
  auto set = [&](Link link, double value) { capacity_[static_cast<std::size_t>(link)] = value; };
  set(Link::pcie_to_host, node.gpus * node.pcie_bytes_per_s_per_gpu);
  set(Link::pcie_to_gpu, node.gpus * node.pcie_bytes_per_s_per_gpu);
  set(Link::nvme_read, node.nvme_read_bytes_per_s);
  set(Link::nvme_write, node.nvme_write_bytes_per_s);
  set(Link::backend_tx, node.backend_nic_bytes_per_s);
  set(Link::backend_rx, node.backend_nic_bytes_per_s);
  set(Link::frontend_tx, node.frontend_nic_bytes_per_s);
  set(Link::frontend_rx, node.frontend_nic_bytes_per_s);
  set(Link::leaf_uplink, node.backend_nic_bytes_per_s / fabric.leaf_oversubscription);
  set(Link::pod_uplink, node.backend_nic_bytes_per_s / (fabric.leaf_oversubscription * fabric.pod_oversubscription));
  set(Link::storage_write, storage.write_bytes_per_s);
  set(Link::storage_read, storage.read_bytes_per_s);
}

void NodeLinks::add_storage_network(Route& route, bool outbound) const {
  if (has_frontend_) {
    route.emplace_back(outbound ? Link::frontend_tx : Link::frontend_rx, 1.0);
    return;
  }
  route.emplace_back(outbound ? Link::backend_tx : Link::backend_rx, 1.0);
  route.emplace_back(Link::leaf_uplink, 1.0);
  if (pods_ > 1) route.emplace_back(Link::pod_uplink, 1.0 - 1.0 / pods_);
}

Route NodeLinks::host_to_partner_nvme(PartnerPlacement placement) const {
  Route route = {{Link::backend_tx, 1}, {Link::backend_rx, 1}, {Link::nvme_write, 1}};
  if (placement != PartnerPlacement::same_rack) route.emplace_back(Link::leaf_uplink, 1.0);
  if (placement == PartnerPlacement::other_pod) route.emplace_back(Link::pod_uplink, 1.0);
  return route;
}

Route NodeLinks::partner_nvme_to_gpu(PartnerPlacement placement) const {
  Route route = {{Link::nvme_read, 1}, {Link::backend_tx, 1}, {Link::backend_rx, 1}, {Link::pcie_to_gpu, 1}};
  if (placement != PartnerPlacement::same_rack) route.emplace_back(Link::leaf_uplink, 1.0);
  if (placement == PartnerPlacement::other_pod) route.emplace_back(Link::pod_uplink, 1.0);
  return route;
}

Route NodeLinks::nvme_to_shared() const {
  Route route = {{Link::nvme_read, 1}, {Link::storage_write, 1}};
  add_storage_network(route, true);
  return route;
}

Route NodeLinks::host_to_shared() const {
  Route route = {{Link::pcie_to_host, 1}, {Link::storage_write, 1}};
  add_storage_network(route, true);
  return route;
}

Route NodeLinks::host_dram_to_shared() const {
  Route route = {{Link::storage_write, 1}};
  add_storage_network(route, true);
  return route;
}

Route NodeLinks::shared_to_gpu() const {
  Route route = {{Link::storage_read, 1}, {Link::pcie_to_gpu, 1}};
  add_storage_network(route, false);
  return route;
}

Route NodeLinks::shared_to_nvme() const {
  Route route = {{Link::storage_read, 1}, {Link::nvme_write, 1}};
  add_storage_network(route, false);
  return route;
}

Route NodeLinks::gradient(double leaf_share, double pod_share) const {
  Route route = {{Link::backend_tx, 1}, {Link::backend_rx, 1}};
  if (leaf_share > 0) route.emplace_back(Link::leaf_uplink, leaf_share);
  if (pod_share > 0) route.emplace_back(Link::pod_uplink, pod_share);
  return route;
}

double NodeLinks::lone_transfer_s(const Route& route, double bytes) const {
  if (bytes <= 0) return 0;
  double rate = std::numeric_limits<double>::infinity();
  for (const auto& [link, coefficient] : route) {
    if (!(capacity(link) > 0)) {
      throw std::invalid_argument("architecture: the node has no " + std::string(link_name(link)) +
                                  " bandwidth, but a configured transfer needs it");
    }
    rate = std::min(rate, capacity(link) / coefficient);
  }
  return bytes / rate;
}

}  // namespace clustersim::models::workload
