#include "models/study/storage_operations.hpp"

#include <cstdio>

#include "models/workload/step_time.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::study {

StorageOperations storage_operations(const ResolvedScenario& scenario) {
  const workload::StepTimeModel steps(scenario.campaign);
  const workload::SharedStorageIo io(scenario.campaign, steps.state_bytes_per_node(),
                                     steps.data_bytes_per_node_per_step());
  return {io.operations(), steps.compute_s()};
}

std::vector<std::string> storage_warnings(const StorageOperations& storage) {
  std::vector<std::string> warnings;
  for (const workload::StorageOperationTime& op : storage.operations) {
    const storage::BulkIoTime& t = op.time;
    const double matters_after_s = op.every_step ? storage.step_compute_s : kMattersAfterS;
    if (!(t.data_bound_s > 0) || t.seconds <= kRequestBoundRatio * t.data_bound_s || t.seconds <= matters_after_s) {
      continue;
    }
    char text[320];
    std::snprintf(text, sizeof text,
                  "shared storage: the %s of %d nodes takes %s s, %.1fx what its bytes need at the tier's bandwidth "
                  "(%s s): it is bound by %s, not bandwidth",
                  op.name.c_str(), op.nodes, sim::number_text(t.seconds, 4).c_str(), t.seconds / t.data_bound_s,
                  sim::number_text(t.data_bound_s, 4).c_str(), t.bound.c_str());
    warnings.emplace_back(text);
  }
  return warnings;
}

}  // namespace clustersim::models::study
