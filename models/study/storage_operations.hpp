// The campaign's operations on shared storage as the storage model times them (models/workload/shared_storage_io.hpp:
// every node taking part at once), for reports: each operation's time, the resource that limits it, and what its
// bytes alone need (the largest of the bandwidth, media and client-NIC bounds). A warning names an operation whose
// requests (metadata, IOPS, prefix or account request rates, first-byte latency), not its bytes, make it more than
// kRequestBoundRatio times slower than its bandwidth allows, when that time matters: longer than the step's compute
// for streamed input (the loader has one step to fetch the next step's samples, else training stalls), longer than
// kMattersAfterS for a checkpoint or staging operation. The tier's bandwidth is then not what the design buys.
#pragma once

#include <string>
#include <vector>

#include "models/study/resolved_scenario.hpp"
#include "models/workload/shared_storage_io.hpp"

namespace clustersim::models::study {

inline constexpr double kRequestBoundRatio = 2.0;
inline constexpr double kMattersAfterS = 1.0;

struct StorageOperations {
  std::vector<workload::StorageOperationTime> operations;
  double step_compute_s = 0;  // one undisturbed step's compute
};

StorageOperations storage_operations(const ResolvedScenario& scenario);
std::vector<std::string> storage_warnings(const StorageOperations& storage);

}  // namespace clustersim::models::study
