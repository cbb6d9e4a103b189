// Scenario resolution: catalog references + field overrides + defaults -> a runnable ResolvedScenario.
//
// - Node: the catalog node, then each architecture.node.* override. frontend_network = false routes
//   storage over the back-end fabric (front-end bandwidth 0); true requires front-end NICs.
// - Fabric: fabric_plan.hpp (switch and link counts for the cost model, FabricConfig, routing).
// - Storage: the catalog system; `servers` rescales its per-server bandwidth and capacity; explicit
//   bandwidth, rate, latency and capacity overrides win.
// - Training: tp x pp x dp must equal nodes x gpus and tp must divide the GPUs of a node; the model
//   must fit in HBM (mixed precision with ZeRO-1, as in models/workload/step_time.hpp):
//     (2 + 2) P / (tp pp) + (bytes_per_parameter - 4) P / (tp pp dp) <= HBM per GPU.
// - Failures: the catalog preset with every rate x `scale`; leaf-switch causes are laid out one per
//   leaf of this fabric (components_per_node = 1 / nodes_per_leaf, rate per switch-hour unchanged);
//   `failures.causes` entries replace the preset cause of the same name or are added.
// - Cost: owned needs a price and power for nodes, switches and storage (catalog or scenario);
//   cloud needs the node's hourly price. Billed cloud storage = dataset + retained checkpoints.
// - Limits (run_limits.hpp): nodes, nodes + spares, seeds, horizon and samples per run must stay within
//   `limits`, whose run budget becomes the campaign's.
// Every error is a ScenarioError naming the scenario field.
#pragma once

#include <filesystem>

#include "models/study/catalog_source.hpp"
#include "models/study/fabric_plan.hpp"
#include "models/study/resolved_scenario.hpp"
#include "models/study/run_limits.hpp"
#include "models/study/scenario_values.hpp"

namespace clustersim::models::study {

// scenario_dir: where a relative architecture.fabric.platform is looked up (empty: the working directory).
ResolvedScenario resolve_scenario(const ScenarioValues& values, const CatalogSource& catalog,
                                  const RunLimits& limits = {}, const std::filesystem::path& scenario_dir = {});
// load_scenario_file + resolve_scenario; errors are prefixed with the file name.
ResolvedScenario load_resolved_scenario(const std::filesystem::path& path, const CatalogSource& catalog,
                                        const RunLimits& limits = {}, const ScenarioOverrides& overrides = {});
// The scenario's back-end fabric and routing (fabric_plan.hpp), for `clustersim flows --scenario`;
// the whole scenario is resolved first, so any error in it is reported. Errors prefixed as above.
// The checks the campaign model makes before it runs (models/workload/campaign_validation.hpp), so that
// `clustersim validate` never says "ok" to a scenario `run` refuses; throws std::invalid_argument naming the field.
void validate_resolved_scenario(const ResolvedScenario& scenario);
ScenarioFabric load_scenario_fabric(const std::filesystem::path& path, const CatalogSource& catalog,
                                    const RunLimits& limits = {});

}  // namespace clustersim::models::study
