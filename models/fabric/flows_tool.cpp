// The flows tool: CSV in, max-min simulation on a FabricNetwork, CSV out; topology specs. See flows_tool.hpp.
#include "models/fabric/flows_tool.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

#include "models/fabric/builder_checks.hpp"
#include "models/fabric/builders.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/number_text.hpp"
#include "sim/units.hpp"

namespace clustersim::models::fabric {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = s.find(sep, from);
    out.push_back(trim(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from)));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

std::string format_double(double v) {
  char buffer[64];
  // Plain decimals (shortest round-trip) unless the number is huge: "1000000000", not "1e+09".
  const auto format = std::abs(v) < 1e16 ? std::chars_format::fixed : std::chars_format::general;
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, format);
  return std::string(buffer, end);
}

// A host index, or with `names` (an imported platform) a host name.
HostId parse_host(const Topology& topology, const std::map<std::string, HostId>& names, const std::string& text,
                  std::size_t line, const char* field) {
  if (auto it = names.find(text); it != names.end()) return it->second;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw FlowsInputError(line, field,
                          "unknown host '" + text + "' (expected " + (names.empty() ? "" : "a platform host name or ") +
                              "a host index 0.." + std::to_string(topology.host_count() - 1) + ")");
  }
  if (value >= topology.host_count()) {
    throw FlowsInputError(line, field,
                          "unknown host " + text + " (fabric '" + topology.name() + "' has " +
                              std::to_string(topology.host_count()) + " hosts)");
  }
  return static_cast<HostId>(value);
}

template <class Parse>
auto parse_quantity(const std::string& text, std::size_t line, const char* field, Parse parse) {
  if (!text.empty() && text.front() == '-') {
    throw FlowsInputError(line, field, "must be >= 0, got '" + text + "'");
  }
  try {
    return parse(text);
  } catch (const std::exception& e) {
    throw FlowsInputError(line, field, e.what());
  }
}

sim::Task<> run_flow(FabricNetwork* fabric, FlowRow row, RoutingChoice routing, std::uint64_t key,
                     sim::SimTime* finish) {
  sim::Engine& engine = fabric->engine();
  co_await engine.sleep_until(row.start);
  co_await fabric->send(row.src, row.dst, row.bytes, routing, key);
  *finish = engine.now();
}

}  // namespace

FlowsInputError::FlowsInputError(std::size_t line, const std::string& field, const std::string& message)
    : std::invalid_argument("flows CSV line " + std::to_string(line) +
                            (field.empty() ? "" : ", field '" + field + "'") + ": " + message),
      line_(line),
      field_(field) {}

std::vector<FlowRow> read_flows_csv(const Topology& topology, std::istream& csv_in,
                                    const std::vector<std::string>& host_names, std::uint64_t max_flows) {
  std::map<std::string, HostId> names;
  for (HostId h = 0; h < host_names.size(); ++h) names.emplace(host_names[h], h);
  std::vector<FlowRow> rows;
  std::map<std::tuple<HostId, HostId, double, sim::SimTime>, std::size_t> seen;
  std::string raw;
  std::size_t line = 0;
  bool header = false;
  while (std::getline(csv_in, raw)) {
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const std::string text = trim(raw);
    if (text.empty() || text.front() == '#') continue;
    std::vector<std::string> fields = split(text, ',');
    if (!header) {
      std::vector<std::string> names = fields;
      for (auto& n : names)
        std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
      if (names != std::vector<std::string>{"src", "dst", "bytes", "start"}) {
        throw FlowsInputError(line, "", "expected the header 'src,dst,bytes,start', got '" + text + "'");
      }
      header = true;
      continue;
    }
    if (fields.size() != 4) {
      throw FlowsInputError(line, "",
                            "malformed row '" + text + "': expected 4 fields (src,dst,bytes,start), got " +
                                std::to_string(fields.size()));
    }
    if (rows.size() >= max_flows) {
      throw FlowsInputError(line, "",
                            "more than " + std::to_string(max_flows) + " flows is above the limit of " +
                                std::to_string(max_flows) + " flows; raise it with --max-flows");
    }
    FlowRow row;
    row.line = line;
    row.src = parse_host(topology, names, fields[0], line, "src");
    row.dst = parse_host(topology, names, fields[1], line, "dst");
    if (row.src == row.dst) throw FlowsInputError(line, "dst", "same host as src (" + fields[0] + ")");
    row.bytes = parse_quantity(fields[2], line, "bytes", [](const std::string& s) { return sim::parse_bytes(s); });
    row.start = parse_quantity(fields[3], line, "start", [](const std::string& s) { return sim::parse_duration(s); });
    if (!rows.empty() && row.start < rows.back().start) {
      throw FlowsInputError(line, "start",
                            to_string(row.start) + " is before the previous row's start " +
                                to_string(rows.back().start) + " (rows must be sorted by start)");
    }
    auto [it, fresh] = seen.emplace(std::tuple{row.src, row.dst, row.bytes, row.start}, line);
    if (!fresh) throw FlowsInputError(line, "", "duplicate of line " + std::to_string(it->second));
    rows.push_back(row);
  }
  if (!header) throw FlowsInputError(line, "", "no header 'src,dst,bytes,start' (empty input)");
  return rows;
}

std::vector<FlowResult> simulate_flows(const Topology& topology, const std::vector<FlowRow>& rows,
                                       RoutingChoice routing, FlowsToolResult* stats, const sim::RunBudget& budget) {
  sim::Engine engine;
  engine.set_budget(budget);
  sim::FlowNetwork network(engine);
  FabricNetwork fabric(network, topology);
  const sim::ShutdownOnExit shutdown(engine);
  std::vector<FlowResult> results(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    results[i].flow = rows[i];
    engine.spawn("flow at line " + std::to_string(rows[i].line),
                 run_flow(&fabric, rows[i], routing, static_cast<std::uint64_t>(i), &results[i].finish));
  }
  engine.run();
  if (stats != nullptr) {
    stats->solves = network.solve_count();
    stats->route_cache_hits = fabric.route_cache_hits();
    stats->route_cache_misses = fabric.route_cache_misses();
    stats->makespan = sim::SimTime::zero();
    for (const auto& r : results) stats->makespan = std::max(stats->makespan, r.finish);
  }
  return results;
}

void write_flows_csv(const std::vector<FlowResult>& results, std::ostream& csv_out,
                     const std::vector<std::string>& host_names) {
  auto host = [&](HostId h) { return host_names.empty() ? std::to_string(h) : host_names.at(h); };
  csv_out << "src,dst,bytes,start,finish_s,duration_s,mean_rate_bytes_per_s\n";
  for (const FlowResult& r : results) {
    const double duration_s = (r.finish - r.flow.start).to_seconds();
    const double rate = duration_s > 0.0 ? r.flow.bytes / duration_s : 0.0;
    csv_out << host(r.flow.src) << ',' << host(r.flow.dst) << ',' << format_double(r.flow.bytes) << ','
            << format_double(r.flow.start.to_seconds()) << ',' << format_double(r.finish.to_seconds()) << ','
            << format_double(duration_s) << ',' << format_double(rate) << '\n';
  }
}

FlowsToolResult run_flows_tool(const Topology& topology, std::istream& csv_in, RoutingChoice routing,
                               std::ostream& csv_out, const FlowsLimits& limits,
                               const std::vector<std::string>& host_names) {
  const auto t0 = std::chrono::steady_clock::now();
  FlowsToolResult result;
  const std::vector<FlowRow> rows = read_flows_csv(topology, csv_in, host_names, limits.max_flows);
  result.flows = simulate_flows(topology, rows, routing, &result, limits.budget);
  write_flows_csv(result.flows, csv_out, host_names);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

// ---- topology specs ----

namespace {

class SpecArgs {
 public:
  SpecArgs(std::string kind, std::map<std::string, std::string> values, std::vector<std::string> allowed,
           std::uint64_t max_count, std::uint64_t max_links)
      : kind_(std::move(kind)),
        values_(std::move(values)),
        allowed_(std::move(allowed)),
        max_count_(max_count),
        max_links_(max_links) {
    for (const auto& [key, value] : values_) {
      if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end()) {
        std::string list;
        for (const auto& a : allowed_) list += (list.empty() ? "" : ", ") + a;
        throw std::invalid_argument("topology spec '" + kind_ + "': unknown key '" + key + "' (expected " + list + ")");
      }
    }
  }
  template <class F>
  auto wrap(const std::string& key, F f) const -> decltype(f()) {
    try {
      return f();
    } catch (const std::exception& e) {
      throw std::invalid_argument("topology spec '" + kind_ + "': key '" + key + "': " + e.what());
    }
  }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const std::string& text(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::invalid_argument("topology spec '" + kind_ + "': missing key '" + key + "'");
    return it->second;
  }
  std::uint32_t count(const std::string& key) const {
    const std::string& t = text(key);
    std::uint32_t v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
      throw std::invalid_argument("topology spec '" + kind_ + "': key '" + key +
                                  "': expected a non-negative integer, got '" + t + "'");
    }
    if (v > max_count_) {
      throw std::invalid_argument("topology spec '" + kind_ + "': key '" + key + "': " + t + " is above the limit of " +
                                  std::to_string(max_count_) + "; raise it with --max-nodes");
    }
    return v;
  }
  // The hosts the spec asks for (a product of its counts) must not exceed the limit; checked before building.
  void check_hosts(double hosts) const {
    if (hosts > static_cast<double>(max_count_)) {
      throw std::invalid_argument("topology spec '" + kind_ + "': " + sim::number_text(hosts, 6) +
                                  " hosts is above the limit of " + std::to_string(max_count_) +
                                  " hosts; raise it with --max-nodes");
    }
  }
  // Likewise the links (host links included) its shape needs.
  void check_links(double links) const {
    if (links > static_cast<double>(max_links_)) {
      throw std::invalid_argument("topology spec '" + kind_ + "': about " + sim::number_text(links, 6) +
                                  " links is above the limit of " + std::to_string(max_links_) +
                                  " links; raise it with --max-links");
    }
  }
  std::uint32_t count_or(const std::string& key, std::uint32_t fallback) const {
    return has(key) ? count(key) : fallback;
  }
  double rate(const std::string& key) const {
    return wrap(key, [&] { return sim::parse_bytes_per_s(text(key)); });
  }
  double rate_or(const std::string& key, double fallback) const { return has(key) ? rate(key) : fallback; }
  sim::SimTime duration_or(const std::string& key, sim::SimTime fallback) const {
    return has(key) ? wrap(key, [&] { return sim::parse_duration(text(key)); }) : fallback;
  }
  double number(const std::string& key) const {
    return wrap(key, [&] {
      const std::string& t = text(key);
      double v = 0.0;
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
        throw std::invalid_argument("expected a number, got '" + t + "'");
      }
      return v;
    });
  }

 private:
  std::string kind_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> allowed_;
  std::uint64_t max_count_;
  std::uint64_t max_links_;
};

}  // namespace

Topology build_topology_from_spec(const std::string& spec, const FlowsLimits& limits) {
  const std::uint64_t max_hosts = limits.max_hosts;
  const std::uint64_t max_links = limits.max_links;
  const std::size_t colon = spec.find(':');
  const std::string kind = trim(std::string_view(spec).substr(0, colon));
  std::map<std::string, std::string> values;
  if (colon != std::string::npos) {
    for (const std::string& item : split(std::string_view(spec).substr(colon + 1), ',')) {
      if (item.empty()) continue;
      const std::size_t eq = item.find('=');
      if (eq == std::string::npos) {
        throw std::invalid_argument("topology spec '" + kind + "': expected key=value, got '" + item + "'");
      }
      const std::string key = trim(std::string_view(item).substr(0, eq));
      if (!values.emplace(key, trim(std::string_view(item).substr(eq + 1))).second) {
        throw std::invalid_argument("topology spec '" + kind + "': key '" + key + "' given twice");
      }
    }
  }
  const sim::SimTime zero = sim::SimTime::zero();
  if (kind == "single_switch") {
    SpecArgs a(kind, values, {"hosts", "bw", "lat", "radix"}, max_hosts, max_links);
    return single_switch(a.count("hosts"), a.rate("bw"), a.duration_or("lat", zero), a.count_or("radix", 0));
  }
  if (kind == "fat_tree") {
    SpecArgs a(kind, values, {"k", "levels", "bw", "lat"}, max_hosts, max_links);
    const double k = a.count("k");
    const bool two_levels = a.count_or("levels", 3) == 2;
    a.check_hosts(two_levels ? k * k / 2 : k * k * k / 4);
    a.check_links(two_levels ? k * k : 3 * k * k * k / 4);
    return k_ary_fat_tree(a.count("k"), a.count_or("levels", 3), a.rate("bw"), a.duration_or("lat", zero));
  }
  if (kind == "leaf_spine") {
    SpecArgs a(kind, values, {"hosts_per_leaf", "leaves", "spines", "bw", "uplink", "oversubscription", "links", "lat"},
               max_hosts, max_links);
    const double hosts = static_cast<double>(a.count("hosts_per_leaf")) * a.count("leaves");
    a.check_hosts(hosts);
    a.check_links(hosts + static_cast<double>(a.count("leaves")) * a.count("spines") * a.count_or("links", 1));
    if (a.has("uplink") && a.has("oversubscription")) {
      throw std::invalid_argument("topology spec 'leaf_spine': give either key 'uplink' or key 'oversubscription'");
    }
    if (a.has("oversubscription")) {
      if (a.has("links")) {
        throw std::invalid_argument(
            "topology spec 'leaf_spine': key 'links' cannot be combined with 'oversubscription'");
      }
      return leaf_spine_oversubscribed(a.count("hosts_per_leaf"), a.count("leaves"), a.count("spines"), a.rate("bw"),
                                       a.number("oversubscription"), a.duration_or("lat", zero));
    }
    LeafSpineParams p;
    p.hosts_per_leaf = a.count("hosts_per_leaf");
    p.leaves = a.count("leaves");
    p.spines = a.count("spines");
    p.host_link_bytes_per_s = a.rate("bw");
    p.uplink_bytes_per_s = a.rate_or("uplink", p.host_link_bytes_per_s);
    p.links_per_leaf_spine = a.count_or("links", 1);
    p.latency = a.duration_or("lat", zero);
    return leaf_spine(p);
  }
  if (kind == "rail_optimized") {
    SpecArgs a(kind, values, {"nodes", "rails", "spines", "bw", "uplink", "nodes_per_rail_switch", "links", "lat"},
               max_hosts, max_links);
    const double hosts = static_cast<double>(a.count("nodes")) * a.count("rails");
    a.check_hosts(hosts);
    const std::uint32_t per_switch = a.count_or("nodes_per_rail_switch", 0);
    const double switches_per_rail =
        per_switch == 0 ? 1.0 : std::ceil(static_cast<double>(a.count("nodes")) / per_switch);
    a.check_links(hosts + a.count("rails") * switches_per_rail * a.count("spines") * a.count_or("links", 1));
    RailOptimizedParams p;
    p.nodes = a.count("nodes");
    p.rails = a.count("rails");
    p.spines = a.count("spines");
    p.host_link_bytes_per_s = a.rate("bw");
    p.uplink_bytes_per_s = a.rate_or("uplink", p.host_link_bytes_per_s);
    p.nodes_per_rail_switch = a.count_or("nodes_per_rail_switch", 0);
    p.links_per_rail_switch_spine = a.count_or("links", 1);
    p.latency = a.duration_or("lat", zero);
    return rail_optimized(p);
  }
  if (kind == "dragonfly") {
    SpecArgs a(kind, values, {"a", "p", "h", "g", "m", "bw", "local_bw", "global_bw", "lat", "local_lat", "global_lat"},
               max_hosts, max_links);
    const double routers = static_cast<double>(a.count("a")) * a.count("g");
    a.check_hosts(routers * a.count("p"));
    const double groups = a.count("g");
    a.check_links(routers * a.count("p") + routers * (a.count("a") - 1.0) / 2 +
                  std::max(routers * a.count("h") / 2, groups * (groups - 1) / 2 * a.count_or("m", 0)));
    DragonflyParams p;
    p.routers_per_group = a.count("a");
    p.hosts_per_router = a.count("p");
    p.global_links_per_router = a.count("h");
    p.groups = a.count("g");
    p.links_per_group_pair = a.count_or("m", 0);
    p.host_link_bytes_per_s = a.rate("bw");
    p.local_link_bytes_per_s = a.rate_or("local_bw", p.host_link_bytes_per_s);
    p.global_link_bytes_per_s = a.rate_or("global_bw", p.host_link_bytes_per_s);
    p.host_latency = a.duration_or("lat", zero);
    p.local_latency = a.duration_or("local_lat", p.host_latency);
    p.global_latency = a.duration_or("global_lat", p.host_latency);
    return dragonfly(p);
  }
  throw std::invalid_argument("topology spec: unknown kind '" + kind +
                              "' (expected single_switch, fat_tree, leaf_spine, rail_optimized or dragonfly)");
}

}  // namespace clustersim::models::fabric
