// The gradient exchange of a scenario's training job, simulated on its own back-end fabric with its
// own routing (models/fabric/ring_exchange.hpp): what the campaign takes as a step's communication.
//
// Placement as in models/workload/step_time.hpp: GPU g = ((d x pp) + stage) x tp + tp_rank (data-
// parallel rank d) sits on node g / gpus_per_node and is fabric host g (the builders number hosts
// node by node, rail by rail; a SimGrid platform in file order). One ring per (stage, tp_rank) over
// the dp ranks in order, all at once: GPU g sends to g + tp x pp (mod the GPUs), messages listed by
// sending GPU (the order in which `clustersim flows` keys ECMP, one CSV row per GPU). A message whose
// two ends share a node goes over NVLink and is left out. Message S / dp, S = P x gradient_bytes_per_parameter / (tp x
// pp) (the shard's gradient); 2 (dp - 1) steps. dp = 1: no exchange (0 s). The step time is cached for the whole
// process (one CollectiveCache behind a mutex), so every seed of a scenario and every sweep point that keeps its fabric
// and model pay one simulation.
#pragma once

#include "models/fabric/ring_exchange.hpp"
#include "models/study/fabric_plan.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::study {

// One step's fabric messages of the job's rings on `fabric` (see the header comment).
fabric::RingExchange gradient_ring_exchange(const workload::CampaignConfig& config, fabric::RoutingChoice routing);

// Seconds of one gradient all-reduce on the scenario's fabric (latencies included).
double gradient_exchange_s(const ScenarioFabric& fabric, const workload::CampaignConfig& config);

}  // namespace clustersim::models::study
