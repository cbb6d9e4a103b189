// NodeLinks: the paths bytes take in and out of one node, seen from a representative node.
//
// Every node of a training job does the same thing at the same time (the same step, the same
// checkpoint level), so the cluster is simulated through one node's share of each resource:
//   pcie_to_host/pcie_to_gpu = gpus x PCIe per GPU       nvme_read/nvme_write = local array
//   backend_tx/backend_rx    = back-end NICs             frontend_tx/rx       = front-end NICs
//   leaf_uplink = backend / leaf_oversubscription        (the node's share of its leaf's up-links)
//   pod_uplink  = backend / (leaf_os x pod_oversubscription)
//   storage_write/read       = the node's rate on shared storage for the operation at hand, when every
//                              node taking part does it at once (shared_storage_io.hpp: bytes per node /
//                              the operation's time on the storage system's model)
// A route lists the links a transfer crosses with a coefficient (bytes on that link per byte
// moved). With no front-end NICs, storage traffic crosses the back-end NIC, the leaf up-links and,
// from every pod but the storage's own, the pod up-links. The front-end network is taken as
// non-blocking between nodes and storage. Partner copies cross the leaf (other rack) and pod
// (other pod) up-links; every node both sends its shard and receives its partner's.
// Bottleneck time of a lone transfer: bytes / min_l(capacity_l / coefficient_l) + latency.
#pragma once

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "models/workload/campaign_config.hpp"

namespace clustersim::models::workload {

enum class Link {
  pcie_to_host,
  pcie_to_gpu,
  nvme_read,
  nvme_write,
  backend_tx,
  backend_rx,
  frontend_tx,
  frontend_rx,
  leaf_uplink,
  pod_uplink,
  storage_write,
  storage_read,
  count
};
inline constexpr std::size_t kLinkCount = static_cast<std::size_t>(Link::count);
std::string_view link_name(Link link);

using Route = std::vector<std::pair<Link, double>>;
bool routes_share_a_link(const Route& a, const Route& b);

// A node's rates on shared storage, per direction, for the operation the links are built for.
struct StorageShare {
  double write_bytes_per_s = 0;
  double read_bytes_per_s = 0;
};

class NodeLinks {
 public:
  NodeLinks(const CampaignConfig& config, StorageShare storage);

  double capacity(Link link) const { return capacity_[static_cast<std::size_t>(link)]; }

  Route gpu_to_host() const { return {{Link::pcie_to_host, 1}}; }
  Route host_to_gpu() const { return {{Link::pcie_to_gpu, 1}}; }
  Route host_to_partner_nvme(PartnerPlacement placement) const;
  Route partner_nvme_to_gpu(PartnerPlacement placement) const;
  Route nvme_to_shared() const;
  Route host_to_shared() const;       // synchronous checkpoint: GPU -> host -> storage
  Route host_dram_to_shared() const;  // asynchronous drain of a copy already in host DRAM
  Route shared_to_gpu() const;
  Route shared_to_nvme() const;  // data staging
  Route gradient(double leaf_share, double pod_share) const;

  // Seconds for `bytes` over `route` when nothing else uses it.
  double lone_transfer_s(const Route& route, double bytes) const;

 private:
  void add_storage_network(Route& route, bool outbound) const;
  std::array<double, kLinkCount> capacity_{};
  bool has_frontend_;
  double pods_;
};

}  // namespace clustersim::models::workload
