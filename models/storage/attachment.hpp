// How a storage system and its clients hang off a network.
//
// A storage system never owns the network it sits on: the caller gives the constraints its traffic
// crosses on the way in (ingress: e.g. the storage switch's down-links or the front-end spine) and
// out (egress), so storage traffic shares those links with everything else on that network (the
// front-end network, or the back-end fabric when the nodes have no front-end NICs).
// A client is a name plus the paths from it to the storage network and back (e.g. a GpuNode's
// host_to_frontend() and frontend_to_host(), or nvme_to_frontend() for a drain from local NVMe).
// Empty paths are allowed (a client or system attached to a non-blocking network).
#pragma once

#include <string>

#include "models/hardware/path.hpp"

namespace clustersim::models::storage {

struct StorageAttachment {
  hardware::Path ingress;  // client -> storage direction
  hardware::Path egress;   // storage -> client direction
};

struct StorageClient {
  std::string name;
  hardware::Path to_storage;    // writes (PUT) cross these
  hardware::Path from_storage;  // reads (GET) cross these
};

}  // namespace clustersim::models::storage
