// Collectives as bulk-synchronous steps of flows; algorithms and closed forms in collectives.hpp.
#include "models/fabric/collectives.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "models/fabric/hash.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/number_text.hpp"
#include "sim/when.hpp"

namespace clustersim::models::fabric {

namespace {

bool is_power_of_two(std::size_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

sim::Task<> compete(FabricNetwork* fabric, CompetingFlow flow) {
  SendOptions options;
  options.rate_bound_bytes_per_s = flow.rate_bytes_per_s;
  // Work this large never completes (the flow network puts its end beyond the end of time).
  co_await fabric->send(flow.src, flow.dst, 1e300, flow.routing, flow.flow_key, options);
}

}  // namespace

std::string_view to_string(Collective collective) {
  switch (collective) {
    case Collective::all_reduce:
      return "all_reduce";
    case Collective::reduce_scatter:
      return "reduce_scatter";
    case Collective::all_gather:
      return "all_gather";
    case Collective::broadcast:
      return "broadcast";
    case Collective::all_to_all:
      return "all_to_all";
  }
  return "unknown";
}

std::string_view to_string(CollectiveAlgorithm algorithm) {
  switch (algorithm) {
    case CollectiveAlgorithm::ring:
      return "ring";
    case CollectiveAlgorithm::tree:
      return "tree";
    case CollectiveAlgorithm::direct:
      return "direct";
  }
  return "unknown";
}

void validate(const CollectiveSpec& spec, const Topology& topology) {
  const std::string what = std::string(to_string(spec.algorithm)) + " " + std::string(to_string(spec.collective));
  if (!std::isfinite(spec.bytes) || spec.bytes < 0.0) {
    throw std::invalid_argument("collective.bytes: must be finite and >= 0, got " + sim::number_text(spec.bytes));
  }
  if (spec.group.empty()) throw std::invalid_argument("collective.group: must name at least one host");
  if (spec.message_overhead < sim::SimTime::zero()) {
    throw std::invalid_argument("collective.message_overhead: must be >= 0, got " + to_string(spec.message_overhead));
  }
  const std::size_t n = spec.group.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (spec.group[i] >= topology.host_count()) {
      throw std::invalid_argument("collective.group[" + std::to_string(i) + "]: unknown host " +
                                  std::to_string(spec.group[i]) + " (fabric '" + topology.name() + "' has " +
                                  std::to_string(topology.host_count()) + " hosts)");
    }
  }
  std::size_t g = 1;
  if (spec.nvlink) {
    const NvlinkDomain& nv = *spec.nvlink;
    if (nv.gpus_per_node == 0 || n % nv.gpus_per_node != 0) {
      throw std::invalid_argument("collective.nvlink.gpus_per_node: must be >= 1 and divide the group size " +
                                  std::to_string(n) + ", got " + std::to_string(nv.gpus_per_node));
    }
    if (!std::isfinite(nv.bytes_per_s) || nv.bytes_per_s <= 0.0) {
      throw std::invalid_argument("collective.nvlink.bytes_per_s: must be finite and > 0, got " +
                                  sim::number_text(nv.bytes_per_s));
    }
    if (nv.latency < sim::SimTime::zero()) {
      throw std::invalid_argument("collective.nvlink.latency: must be >= 0, got " + to_string(nv.latency));
    }
    g = nv.gpus_per_node;
  }
  // Ranks that own a fabric endpoint must be on distinct hosts (per_node: the nodes' first ranks).
  const std::size_t stride = spec.nvlink && spec.nvlink->inter_node == InterNode::per_node ? g : 1;
  std::map<HostId, std::size_t> rank_of;
  for (std::size_t i = 0; i < n; i += stride) {
    auto [it, fresh] = rank_of.emplace(spec.group[i], i);
    if (!fresh) {
      throw std::invalid_argument("collective.group[" + std::to_string(i) + "]: host " + std::to_string(spec.group[i]) +
                                  " is also rank " + std::to_string(it->second));
    }
  }
  const bool is_a2a = spec.collective == Collective::all_to_all;
  if (spec.algorithm == CollectiveAlgorithm::direct && !is_a2a) {
    throw std::invalid_argument("collective.algorithm: direct is for all_to_all only, got " + what);
  }
  if (spec.algorithm == CollectiveAlgorithm::tree && is_a2a) {
    throw std::invalid_argument("collective.algorithm: no tree all_to_all (use ring or direct)");
  }
  if (spec.algorithm == CollectiveAlgorithm::tree &&
      (spec.collective == Collective::reduce_scatter || spec.collective == Collective::all_gather)) {
    const std::size_t ranks = spec.nvlink ? n / g : n;
    if (!is_power_of_two(ranks)) {
      throw std::invalid_argument(
          "collective.algorithm: " + what + " (recursive halving/doubling) needs a power-of-two " +
          (spec.nvlink ? std::string("node count") : std::string("group size")) + ", got " + std::to_string(ranks));
    }
  }
  const bool dragonfly_routing = spec.routing == RoutingChoice::dragonfly_minimal ||
                                 spec.routing == RoutingChoice::dragonfly_valiant ||
                                 spec.routing == RoutingChoice::dragonfly_ugal;
  if (dragonfly_routing && !topology.dragonfly()) {
    throw std::invalid_argument("collective.routing: " + std::string(to_string(spec.routing)) +
                                " needs a dragonfly, '" + topology.name() + "' is not one");
  }
}

HostId CollectiveRunner::fabric_host(const CollectiveSpec& spec, std::uint32_t rank) const {
  if (spec.nvlink && spec.nvlink->inter_node == InterNode::per_node) {
    return spec.group[rank - rank % spec.nvlink->gpus_per_node];
  }
  return spec.group[rank];
}

CollectiveRunner::Ports& CollectiveRunner::nvlink_ports(const CollectiveSpec& spec, std::uint32_t rank) {
  const std::uint32_t g = spec.nvlink->gpus_per_node;
  const HostId node_host = spec.group[rank - rank % g];
  const std::uint32_t local = rank % g;
  auto it = nvlink_.find({node_host, local});
  sim::FlowNetwork& net = fabric_.flow_network();
  if (it == nvlink_.end()) {
    const std::string name = "nvlink:h" + std::to_string(node_host) + ":gpu" + std::to_string(local);
    Ports ports{net.add_constraint(name + ":out", spec.nvlink->bytes_per_s),
                net.add_constraint(name + ":in", spec.nvlink->bytes_per_s)};
    it = nvlink_.emplace(std::pair{node_host, local}, ports).first;
  } else if (net.capacity(it->second.out) != spec.nvlink->bytes_per_s) {
    throw std::invalid_argument("collective.nvlink.bytes_per_s: GPU " + std::to_string(local) +
                                " of the node of host " + std::to_string(node_host) +
                                " already has an NVLink port of " + sim::number_text(net.capacity(it->second.out)) +
                                " bytes/s, got " + sim::number_text(spec.nvlink->bytes_per_s));
  }
  return it->second;
}

sim::Task<> CollectiveRunner::message(const CollectiveSpec* spec, Message m) {
  if (spec->nvlink && m.from / spec->nvlink->gpus_per_node == m.to / spec->nvlink->gpus_per_node) {
    sim::FlowSpec flow;
    flow.work = m.bytes;
    flow.latency = spec->nvlink->latency + spec->message_overhead;
    flow.constraints = {sim::FlowUse{nvlink_ports(*spec, m.from).out, 1.0},
                        sim::FlowUse{nvlink_ports(*spec, m.to).in, 1.0}};
    flow.name = "nvlink r" + std::to_string(m.from) + "->r" + std::to_string(m.to);
    co_await fabric_.flow_network().transfer(std::move(flow));
    co_return;
  }
  const HostId src = fabric_host(*spec, m.from);
  const HostId dst = fabric_host(*spec, m.to);
  SendOptions options;
  options.extra_latency = spec->message_overhead;
  const std::uint64_t key = flow_hash(spec->flow_key_salt, (static_cast<std::uint64_t>(src) << 32) | dst);
  co_await fabric_.send(src, dst, m.bytes, spec->routing, key, options);
}

sim::Task<> CollectiveRunner::step(const CollectiveSpec* spec, std::vector<Message> messages) {
  if (messages.empty()) co_return;
  if (messages.size() == 1) {
    co_await message(spec, messages.front());
    co_return;
  }
  std::vector<sim::Task<>> tasks;
  tasks.reserve(messages.size());
  for (const Message& m : messages) tasks.push_back(message(spec, m));
  co_await sim::when_all(std::move(tasks));
}

sim::Task<> CollectiveRunner::flat(const CollectiveSpec* spec, Collective collective, CollectiveAlgorithm algorithm,
                                   Ranks ranks, double bytes) {
  const std::size_t n = ranks.size();
  if (n < 2) co_return;
  const double chunk = bytes / static_cast<double>(n);
  auto ring_steps = [&](std::size_t count, std::size_t shift_step) {
    std::vector<std::vector<Message>> steps;
    for (std::size_t s = 0; s < count; ++s) {
      const std::size_t shift = shift_step == 0 ? 1 : (s + 1);
      std::vector<Message> msgs;
      for (std::size_t i = 0; i < n; ++i) msgs.push_back({ranks[i], ranks[(i + shift) % n], chunk});
      steps.push_back(std::move(msgs));
    }
    return steps;
  };
  std::vector<std::vector<Message>> steps;
  if (algorithm == CollectiveAlgorithm::ring) {
    switch (collective) {
      case Collective::all_reduce:
        steps = ring_steps(2 * (n - 1), 0);
        break;
      case Collective::reduce_scatter:
      case Collective::all_gather:
        steps = ring_steps(n - 1, 0);
        break;
      case Collective::broadcast: {
        std::vector<Message> scatter;
        for (std::size_t i = 1; i < n; ++i) scatter.push_back({ranks[0], ranks[i], chunk});
        steps.push_back(std::move(scatter));
        for (auto& s : ring_steps(n - 1, 0)) steps.push_back(std::move(s));
        break;
      }
      case Collective::all_to_all:
        steps = ring_steps(n - 1, 1);
        break;
    }
  } else if (algorithm == CollectiveAlgorithm::direct) {
    std::vector<Message> all;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 1; k < n; ++k) all.push_back({ranks[i], ranks[(i + k) % n], chunk});
    }
    steps.push_back(std::move(all));
  } else {  // tree
    std::size_t rounds = 0;
    while ((std::size_t{1} << rounds) < n) ++rounds;
    auto reduce = [&] {
      for (std::size_t j = 0; j < rounds; ++j) {
        const std::size_t half = std::size_t{1} << j;
        std::vector<Message> msgs;
        for (std::size_t r = half; r < n; r += 2 * half) msgs.push_back({ranks[r], ranks[r - half], bytes});
        steps.push_back(std::move(msgs));
      }
    };
    auto broadcast = [&] {
      for (std::size_t j = rounds; j-- > 0;) {
        const std::size_t half = std::size_t{1} << j;
        std::vector<Message> msgs;
        for (std::size_t r = 0; r + half < n; r += 2 * half) msgs.push_back({ranks[r], ranks[r + half], bytes});
        steps.push_back(std::move(msgs));
      }
    };
    switch (collective) {
      case Collective::all_reduce:
        reduce();
        broadcast();
        break;
      case Collective::broadcast:
        broadcast();
        break;
      case Collective::reduce_scatter:
        for (std::size_t j = 1; j <= rounds; ++j) {
          const std::size_t distance = n >> j;
          std::vector<Message> msgs;
          for (std::size_t i = 0; i < n; ++i) msgs.push_back({ranks[i], ranks[i ^ distance], bytes / double(1u << j)});
          steps.push_back(std::move(msgs));
        }
        break;
      case Collective::all_gather:
        for (std::size_t j = 0; j < rounds; ++j) {
          const std::size_t distance = std::size_t{1} << j;
          std::vector<Message> msgs;
          for (std::size_t i = 0; i < n; ++i) msgs.push_back({ranks[i], ranks[i ^ distance], chunk * double(distance)});
          steps.push_back(std::move(msgs));
        }
        break;
      case Collective::all_to_all:
        throw std::invalid_argument("collective.algorithm: no tree all_to_all");
    }
  }
  for (auto& s : steps) co_await step(spec, std::move(s));
}

// The same collective on every node's ranks at once (intra-node stages, always rings).
sim::Task<> CollectiveRunner::per_node(const CollectiveSpec* spec, Collective collective, double bytes) {
  const std::uint32_t g = spec->nvlink->gpus_per_node;
  const auto n = static_cast<std::uint32_t>(spec->group.size());
  if (g < 2) co_return;
  std::vector<sim::Task<>> nodes;
  for (std::uint32_t first = 0; first < n; first += g) {
    Ranks ranks;
    for (std::uint32_t l = 0; l < g; ++l) ranks.push_back(first + l);
    nodes.push_back(flat(spec, collective, CollectiveAlgorithm::ring, std::move(ranks), bytes));
  }
  co_await sim::when_all(std::move(nodes));
}

// The same collective among the ranks of each local index across nodes, all local indices at once.
sim::Task<> CollectiveRunner::per_local_rank(const CollectiveSpec* spec, Collective collective, double bytes) {
  const std::uint32_t g = spec->nvlink->gpus_per_node;
  const auto n = static_cast<std::uint32_t>(spec->group.size());
  if (n / g < 2) co_return;
  std::vector<sim::Task<>> rails;
  for (std::uint32_t l = 0; l < g; ++l) {
    Ranks ranks;
    for (std::uint32_t r = l; r < n; r += g) ranks.push_back(r);
    rails.push_back(flat(spec, collective, spec->algorithm, std::move(ranks), bytes));
  }
  co_await sim::when_all(std::move(rails));
}

sim::Task<> CollectiveRunner::run(CollectiveSpec spec) {
  validate(spec, fabric_.topology());
  const CollectiveSpec* s = &spec;
  const auto n = static_cast<std::uint32_t>(spec.group.size());
  const double bytes = spec.bytes;
  if (!spec.nvlink || spec.collective == Collective::all_to_all) {
    Ranks all(n);
    for (std::uint32_t r = 0; r < n; ++r) all[r] = r;
    co_await flat(s, spec.collective, spec.algorithm, std::move(all), bytes);
    co_return;
  }
  const std::uint32_t g = spec.nvlink->gpus_per_node;
  const double shard = bytes / static_cast<double>(g);
  switch (spec.collective) {
    case Collective::all_reduce:
      co_await per_node(s, Collective::reduce_scatter, bytes);
      co_await per_local_rank(s, Collective::all_reduce, shard);
      co_await per_node(s, Collective::all_gather, bytes);
      break;
    case Collective::reduce_scatter:
      co_await per_node(s, Collective::reduce_scatter, bytes);
      co_await per_local_rank(s, Collective::reduce_scatter, shard);
      break;
    case Collective::all_gather:
      co_await per_local_rank(s, Collective::all_gather, shard);
      co_await per_node(s, Collective::all_gather, bytes);
      break;
    case Collective::broadcast: {
      std::vector<Message> scatter;
      for (std::uint32_t l = 1; l < g; ++l) scatter.push_back({0, l, shard});
      co_await step(s, std::move(scatter));
      co_await per_local_rank(s, Collective::broadcast, shard);
      co_await per_node(s, Collective::all_gather, bytes);
      break;
    }
    case Collective::all_to_all:
      break;  // handled above
  }
}

sim::SimTime simulate_collective(const Topology& topology, const CollectiveSpec& spec,
                                 const std::vector<CompetingFlow>& competing) {
  validate(spec, topology);
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  FabricNetwork fabric(network, topology);
  CollectiveRunner runner(fabric);
  const sim::ShutdownOnExit shutdown(engine);
  for (std::size_t i = 0; i < competing.size(); ++i) {
    engine.spawn("competing flow " + std::to_string(i), compete(&fabric, competing[i]));
  }
  sim::SimTime duration;
  auto body = [](CollectiveRunner* r, CollectiveSpec spec, sim::SimTime* out) -> sim::Task<> {
    sim::Engine& e = r->fabric().engine();
    const sim::SimTime start = e.now();
    co_await r->run(std::move(spec));
    *out = e.now() - start;
    e.stop();
  };
  engine.spawn(std::string(to_string(spec.collective)), body(&runner, spec, &duration));
  engine.run();
  return duration;
}

}  // namespace clustersim::models::fabric
