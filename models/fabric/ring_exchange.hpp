// RingExchange: concurrent ring all-reduces (one ring per model shard of a data-parallel job) run as
// flows on a fabric, in the bulk-synchronous model of collectives.hpp.
//
// A ring all-reduce of S bytes over n ranks is a reduce-scatter then an all-gather ring: 2(n-1) steps;
// in every step each rank sends S/n to the next rank in ring order, and the step ends when the last
// message is delivered. Every step sends the same messages (same pairs, same sizes), so every step
// lasts the same time T_step, and
//   T_all_reduce = 2(n-1) x T_step,
//   T_step       = makespan of one step's messages started together (simulate_flows: each message
//                  waits its route's latency, then max-min sharing of every link it crosses),
// the closed form of collectives.hpp on a non-blocking fabric: 2(n-1) (S/(n B) + route latency).
// All the rings of a job run at once and share the fabric. Messages between two ranks of one node
// travel over NVLink; the caller leaves them out (a ring whose ranks all share a node costs nothing
// on the fabric). ECMP keys are the messages' indices, as `clustersim flows` keys its rows, so
// step_flows() written as CSV gives the same T_step in the CLI.
// The step time is cached (CollectiveCache) by the messages' placement, the message size, the
// routing and the fabric's state signature: a campaign and the sweep points sharing its fabric pay
// one simulation of one step.
#pragma once

#include <cstdint>
#include <vector>

#include "models/fabric/collectives_cache.hpp"
#include "models/fabric/fabric_network.hpp"
#include "models/fabric/flows_tool.hpp"
#include "models/fabric/topology.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

struct RingMessage {
  HostId src = 0;
  HostId dst = 0;
};

struct RingExchange {
  std::vector<RingMessage> messages;  // one step's fabric messages, every ring in rank order
  double message_bytes = 0.0;         // S / n
  std::uint32_t steps = 0;            // 2 (n - 1)
  RoutingChoice routing = RoutingChoice::ecmp;
};

// One step's messages as flows all starting at time 0 (the rows `clustersim flows` reads).
std::vector<FlowRow> step_flows(const RingExchange& exchange);
// T_step on the topology; zero without messages.
sim::SimTime step_time(const Topology& topology, const RingExchange& exchange);
// steps x T_step, T_step through the cache.
sim::SimTime exchange_time(const Topology& topology, const RingExchange& exchange, CollectiveCache& cache);

}  // namespace clustersim::models::fabric
