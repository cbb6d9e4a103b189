// The flows tool behind `clustersim flows`: simulate a CSV of flows on a fabric and write each
// flow's completion, so users can check the network model against their own measurements.
//
// Input CSV: a header `src,dst,bytes,start` (exactly these columns, spaces around fields ignored),
// then one flow per line. src/dst: host indices (0 .. hosts-1, the builders' numbering) or, on an
// imported platform (simgrid_platform.hpp), its host names (output then names hosts too); bytes: a
// number of bytes or a size with units ("1 GB", "512 MiB"); start: seconds or a duration with units
// ("1.5 ms"). Blank lines and lines starting with '#' are skipped. Rows must be sorted by start;
// duplicate rows (same src, dst, bytes and start), src == dst, negative or malformed values and
// unknown hosts are errors: FlowsInputError (a std::invalid_argument) naming the line and field.
// Simulation: every flow is one FabricNetwork::send at its start time with the given routing and
// flow key = its row index (0-based); bandwidth is shared by exact weighted max-min (progressive
// filling, sim/flow_solver.hpp), re-solved at every start and completion; each flow first waits
// its route's latency. So a flow alone on its path ends at start + latency + bytes / bottleneck.
// Output CSV: `src,dst,bytes,start,finish_s,duration_s,mean_rate_bytes_per_s`, one row per flow in
// input order; bytes and times in bytes and seconds (shortest round-trip decimal), duration =
// finish - start (latency included), mean rate = bytes / duration.
//
// Topology specs for the command line ("kind:key=value,..."; bandwidths via parse_bytes_per_s,
// latencies via parse_duration, lat defaults to 0 s):
//   single_switch:hosts=16,bw=50GB/s[,lat=1us]
//   fat_tree:k=8,bw=50GB/s[,levels=3][,lat=1us]                    (k-ary fat-tree, 2 or 3 levels)
//   leaf_spine:hosts_per_leaf=16,leaves=8,spines=4,bw=50GB/s[,uplink=50GB/s | ,oversubscription=2]
//              [,links=1][,lat=1us]                                (uplink defaults to bw)
//   rail_optimized:nodes=32,rails=8,spines=8,bw=50GB/s[,uplink=..][,nodes_per_rail_switch=..][,lat=..]
//   dragonfly:a=4,p=2,h=2,g=9,bw=50GB/s[,local_bw=..][,global_bw=..][,m=0][,lat=..][,local_lat=..]
//             [,global_lat=..]                                    (local/global default to bw/lat)
// Errors (std::invalid_argument) name the kind and the key.
//
// Limits (FlowsLimits; the command line passes models/study/run_limits.hpp's, raised with its flags): at most
// max_flows rows, checked while reading; at most max_hosts hosts and max_links links (host links included,
// from the spec's counts) per topology spec and no count key above max_hosts, checked before anything is built; the
// simulation's engine runs under `budget` (events, wall clock; sim::RunLimitExceeded when exceeded).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/fabric/fabric_network.hpp"
#include "models/fabric/topology.hpp"
#include "sim/engine.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric {

class FlowsInputError : public std::invalid_argument {
 public:
  FlowsInputError(std::size_t line, const std::string& field, const std::string& message);
  std::size_t line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::size_t line_;
  std::string field_;
};

// Unlimited by default; every field names the flag that raises it in its error message.
struct FlowsLimits {
  std::uint64_t max_flows = UINT64_MAX;  // --max-flows
  std::uint64_t max_hosts = UINT64_MAX;  // --max-nodes
  std::uint64_t max_links = UINT64_MAX;  // --max-links
  sim::RunBudget budget;                 // --max-events, --time-limit
};

struct FlowRow {
  HostId src = 0;
  HostId dst = 0;
  double bytes = 0.0;
  sim::SimTime start;
  std::size_t line = 0;  // 1-based line in the input
};

struct FlowResult {
  FlowRow flow;
  sim::SimTime finish;
};

struct FlowsToolResult {
  std::vector<FlowResult> flows;  // input order
  sim::SimTime makespan;          // latest finish
  std::uint64_t solves = 0;       // batched max-min re-solves
  std::uint64_t route_cache_hits = 0;
  std::uint64_t route_cache_misses = 0;
  double wall_s = 0.0;  // reading + simulating + writing (not deterministic; for reports only)
};

// Parses and validates the CSV (see the header comment); more than max_flows rows is a FlowsInputError.
// host_names (by HostId, may be empty): names accepted for src/dst besides indices.
std::vector<FlowRow> read_flows_csv(const Topology& topology, std::istream& csv_in,
                                    const std::vector<std::string>& host_names = {},
                                    std::uint64_t max_flows = UINT64_MAX);
// Simulates rows (sorted by start) on the topology; results in input order.
std::vector<FlowResult> simulate_flows(const Topology& topology, const std::vector<FlowRow>& rows,
                                       RoutingChoice routing, FlowsToolResult* stats = nullptr,
                                       const sim::RunBudget& budget = {});
void write_flows_csv(const std::vector<FlowResult>& results, std::ostream& csv_out,
                     const std::vector<std::string>& host_names = {});

FlowsToolResult run_flows_tool(const Topology& topology, std::istream& csv_in, RoutingChoice routing,
                               std::ostream& csv_out, const FlowsLimits& limits = {},
                               const std::vector<std::string>& host_names = {});

// Uses limits.max_hosts and limits.max_links.
Topology build_topology_from_spec(const std::string& spec, const FlowsLimits& limits = {});

}  // namespace clustersim::models::fabric
