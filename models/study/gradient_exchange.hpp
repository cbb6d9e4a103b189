// The gradient exchange of a scenario's training job, simulated on its own back-end fabric with its
// own routing (models/fabric/ring_exchange.hpp): what the campaign takes as a step's communication.
//
// Placement as in models/workload/step_time.hpp: GPU g = ((d x pp) + stage) x tp + tp_rank (data-
// parallel rank d) sits on node g / gpus_per_node and is fabric host g (the builders number hosts
// node by node, rail by rail; a SimGrid platform in file order). One ring per (stage, tp_rank) over
// the dp ranks in order, all at once: GPU g sends to g + tp x pp (mod the GPUs), messages listed by
// sending GPU (the order in which `clustersim flows` keys ECMP, one CSV row per GPU). A message whose
// two ends share a node goes over NVLink and is left out. Message S / dp, S = P x
// gradient_bytes_per_parameter / (tp x pp) (the shard's gradient); 2 (dp - 1) steps. dp = 1: no
// exchange (0 s).
// The step time is cached for the whole process (one CollectiveCache behind a mutex), so every seed
// of a scenario and every sweep point that keeps its fabric and model pay one simulation.
// Scale-down: the simulation costs about one route search per destination leaf over the whole fabric
// (0.15 s of CPU at 16,384 GPUs, 7.8 s at 131,072: bench/RESULTS.md), so a fat_tree job of more than
// kExchangeSampleGpus GPUs is simulated on a sample of whole pods: its first k pods, k the most that fit
// in kExchangeSampleGpus GPUs (at least 2), with the same pod shape, ratios and ring stride, the job's
// message size and its 2 (dp - 1) steps. Every pod of a fat_tree sends and receives the same ring
// traffic (the ring's shift by tp x pp GPUs is the same from every pod, the cores per spine do not
// depend on the pod count), so the sample's step is the job's; a test checks it at 16,384 GPUs.
#pragma once

#include "models/fabric/ring_exchange.hpp"
#include "models/study/fabric_plan.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::study {

// One step's fabric messages of the job's rings on `fabric` (see the header comment).
// with_messages false: only the message size and the step count.
fabric::RingExchange gradient_ring_exchange(const workload::CampaignConfig& config, fabric::RoutingChoice routing,
                                            bool with_messages = true);

inline constexpr int kExchangeSampleGpus = 32'768;

// Nodes of the sample the exchange is simulated on: config.nodes, or whole pods (see above).
int exchange_sample_nodes(const workload::CampaignConfig& config, bool fat_tree);

// Seconds of one gradient all-reduce on the scenario's fabric (latencies included); `fabric` holds the first
// `sample_nodes` nodes of the job (exchange_sample_nodes).
double gradient_exchange_s(const ScenarioFabric& fabric, const workload::CampaignConfig& config, int sample_nodes);

}  // namespace clustersim::models::study
