// The <cluster> reader of the SimGrid platform import: FLAT and FAT_TREE clusters mapped to the fabric
// builders, TORUS and DRAGONFLY ones built as SimGrid builds them; see simgrid_platform.hpp for the mapping.
#include <charconv>
#include <utility>

#include "models/fabric/builders.hpp"
#include "models/fabric/simgrid_reader.hpp"

namespace clustersim::models::fabric::detail {

namespace {

// "0-15,32-47" -> prefix0suffix .. prefix15suffix, prefix32suffix, ...
std::vector<std::string> cluster_host_names(const SimgridReader& r, const XmlElement& e) {
  const std::string* prefix = e.attribute("prefix");
  const std::string* suffix = e.attribute("suffix");
  std::vector<std::string> names;
  for (std::string_view part : split(r.required(e, "radical"), ',')) {
    part = trim(part);
    const std::size_t dash = part.find('-');
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    auto number = [&](std::string_view t) {
      t = trim(t);
      std::uint32_t v = 0;
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
        r.fail(e, "radical: expected numbers and ranges like \"0-15,32\", got '" + std::string(part) + "'");
      }
      return v;
    };
    first = number(part.substr(0, dash));
    last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (last < first) r.fail(e, "radical: range '" + std::string(part) + "' ends before it starts");
    r.check_size(e, "radical '" + r.required(e, "radical") + "'", names.size() + (last - first) + std::uint64_t{1}, 0);
    for (std::uint32_t n = first; n <= last; ++n) {
      names.push_back((prefix ? *prefix : "") + std::to_string(n) + (suffix ? *suffix : ""));
    }
  }
  return names;
}

std::uint64_t product(const std::vector<std::uint32_t>& factors) {
  std::uint64_t n = 1;
  for (std::uint32_t f : factors) n = saturating_multiply(n, f);
  return n;
}

// PGFT(h; m; w; p): prod m_l hosts.
std::uint64_t pgft_hosts(const PgftParams& p) {
  return product(p.down);
}

// Level l (1..h) has prod_{i<l} w_i x prod_{i>=l} m_i switches, each with m_l x p_l links down.
std::uint64_t pgft_links(const PgftParams& p) {
  std::uint64_t links = 0;
  for (std::size_t l = 1; l <= p.down.size(); ++l) {
    std::uint64_t level = saturating_multiply(p.down[l - 1], p.parallel[l - 1]);
    for (std::size_t i = 0; i < p.down.size(); ++i) level = saturating_multiply(level, i < l ? p.up[i] : p.down[i]);
    links = saturating_add(links, level);
  }
  return links;
}

// SimGrid's torus (simgrid_torus.cpp): one link per node and dimension of size >= 2.
std::uint64_t torus_links(const std::vector<std::uint32_t>& dimensions) {
  const std::uint64_t nodes = product(dimensions);
  std::uint64_t links = 0;
  for (std::uint32_t d : dimensions) {
    if (d >= 2) links = saturating_add(links, nodes);
  }
  return links;
}

// The radical must name as many hosts as topo_parameters describes.
void check_host_count(const SimgridReader& r, const XmlElement& e, std::size_t named, std::uint64_t described) {
  if (named == described) return;
  r.fail(e, "radical '" + *e.attribute("radical") + "' gives " + std::to_string(named) +
                " hosts but topo_parameters '" + *e.attribute("topo_parameters") + "' has " +
                std::to_string(described));
}

// The cluster's link bandwidth, which must be above 0.
double link_bandwidth(const SimgridReader& r, const XmlElement& e) {
  const double bw = r.bandwidth(e, "bw");
  if (!(bw > 0.0)) r.fail(e, "attribute 'bw': must be > 0");
  return bw;
}

Platform torus_platform(const SimgridReader& r, const XmlElement& e, std::vector<std::string> names) {
  const std::string& params = r.required(e, "topo_parameters");
  const std::vector<std::uint32_t> dimensions = r.counts(e, "topo_parameters dimensions", params);
  const std::uint64_t nodes = product(dimensions);
  r.check_size(e, "topo_parameters '" + params + "'", nodes, torus_links(dimensions));
  check_host_count(r, e, names.size(), nodes);
  return simgrid_torus(r.required(e, "id"), std::move(names), dimensions, link_bandwidth(r, e), r.latency(e, "lat"),
                       r.sharing(e));
}

// A FLAT cluster without backbone: every host on one crossbar switch, PGFT(1; n; 1; 1).
Topology flat_topology(const SimgridReader& r, const XmlElement& e, std::size_t hosts) {
  if (e.attribute("bb_bw") || e.attribute("bb_lat") || e.attribute("bb_sharing_policy")) {
    r.fail(e,
           "a FLAT cluster with a backbone (bb_bw, bb_lat) is not supported: describe the backbone as a FAT_TREE "
           "or a Full zone");
  }
  if (e.attribute("topo_parameters")) r.fail(e, "a FLAT cluster takes no topo_parameters");
  PgftParams p;
  p.down = {static_cast<std::uint32_t>(hosts)};
  p.up = {1};
  p.parallel = {1};
  p.link_bytes_per_s = r.bandwidth(e, "bw");
  p.latency = r.latency(e, "lat");
  p.sharing = r.sharing(e);
  try {
    return pgft(p);
  } catch (const std::invalid_argument& error) {
    r.fail(e, error.what());
  }
}

Platform dragonfly_platform(const SimgridReader& r, const XmlElement& e, std::vector<std::string> names) {
  const std::string& params = r.required(e, "topo_parameters");
  const std::string shape =
      "topo_parameters '" + params + "': DRAGONFLY expects \"groups,blue;chassis,black;routers,green;nodes\"";
  const auto parts = split(params, ';');
  if (parts.size() != 4) r.fail(e, shape);
  std::vector<std::vector<std::uint32_t>> v;
  for (std::size_t i = 0; i < 4; ++i) {
    v.push_back(r.counts(e, "topo_parameters", parts[i]));
    if (v[i].size() != (i < 3 ? 2u : 1u)) r.fail(e, shape);
  }
  SimgridDragonfly p;
  p.groups = v[0][0];
  p.chassis = v[1][0];
  p.routers = v[2][0];
  p.hosts_per_router = v[3][0];
  p.blue = v[0][1];
  p.black = v[1][1];
  p.green = v[2][1];
  // Counted in 64 bits (saturating) before anything is narrowed: every product is at most a cap.
  const std::uint64_t routers = saturating_multiply(saturating_multiply(p.groups, p.chassis), p.routers);
  const std::uint64_t hosts = saturating_multiply(routers, p.hosts_per_router);
  const std::uint64_t green = saturating_multiply(saturating_multiply(p.groups, p.chassis),
                                                  saturating_multiply(p.routers, p.routers - std::uint64_t{1}) / 2);
  const std::uint64_t black = saturating_multiply(saturating_multiply(p.groups, p.routers),
                                                  saturating_multiply(p.chassis, p.chassis - std::uint64_t{1}) / 2);
  const std::uint64_t blue = saturating_multiply(p.groups, p.groups - std::uint64_t{1}) / 2;
  r.check_size(e, "topo_parameters '" + params + "'", hosts,
               saturating_add(hosts, saturating_add(green, saturating_add(black, blue))));
  if (p.groups > 1 && p.routers < p.groups) {
    r.fail(e, "topo_parameters '" + params + "': SimGrid puts the link to group j on router j of chassis 0, so " +
                  std::to_string(p.groups) + " groups need at least " + std::to_string(p.groups) +
                  " routers per chassis, got " + std::to_string(p.routers) + " (SimGrid 3.32 crashes on it)");
  }
  check_host_count(r, e, names.size(), hosts);
  p.bytes_per_s = link_bandwidth(r, e);
  p.latency = r.latency(e, "lat");
  p.sharing = r.sharing(e);
  return simgrid_dragonfly(r.required(e, "id"), std::move(names), p);
}

Topology cluster_topology(const SimgridReader& r, const XmlElement& e) {
  const std::string& kind = r.required(e, "topology");
  const std::string& params = r.required(e, "topo_parameters");
  const double bw = r.bandwidth(e, "bw");
  const sim::SimTime lat = r.latency(e, "lat");
  const LinkSharing sharing = r.sharing(e);
  try {
    if (kind == "FAT_TREE") {
      const auto parts = split(params, ';');
      if (parts.size() != 4) {
        r.fail(e, "topo_parameters '" + params + "': FAT_TREE expects \"levels;down,..;up,..;parallel,..\"");
      }
      const std::uint32_t levels = r.count(e, "topo_parameters levels", parts[0]);
      PgftParams p;
      p.down = r.counts(e, "topo_parameters down counts", parts[1]);
      p.up = r.counts(e, "topo_parameters up counts", parts[2]);
      p.parallel = r.counts(e, "topo_parameters parallel link counts", parts[3]);
      for (const auto* list : {&p.down, &p.up, &p.parallel}) {
        if (list->size() != levels) {
          r.fail(e, "topo_parameters '" + params + "': " + std::to_string(levels) + " levels need " +
                        std::to_string(levels) + " numbers in every list, got " + std::to_string(list->size()));
        }
      }
      r.check_size(e, "topo_parameters '" + params + "'", pgft_hosts(p), pgft_links(p));
      p.link_bytes_per_s = bw;
      p.latency = lat;
      p.sharing = sharing;
      return pgft(p);
    }
  } catch (const PlatformError&) {
    throw;
  } catch (const std::invalid_argument& error) {
    r.fail(e, "topo_parameters '" + params + "': " + error.what());
  }
  r.fail(e, "topology '" + kind + "' is not supported (expected FLAT, FAT_TREE, TORUS or DRAGONFLY)");
}

}  // namespace

Platform read_cluster(const SimgridReader& r, const XmlElement& e) {
  r.check_attributes(e,
                     {"id", "prefix", "suffix", "radical", "speed", "core", "bw", "lat", "sharing_policy", "topology",
                      "topo_parameters", "loopback_bw", "loopback_lat", "bb_bw", "bb_lat", "bb_sharing_policy"});
  r.check_children(e, {});
  r.required(e, "id");
  std::vector<std::string> names = cluster_host_names(r, e);
  const std::string* kind = e.attribute("topology");
  if (kind == nullptr || *kind == "FLAT") return Platform{flat_topology(r, e, names.size()), std::move(names), {}};
  if (e.attribute("bb_bw") || e.attribute("bb_lat") || e.attribute("bb_sharing_policy")) {
    r.fail(e, "a backbone (bb_bw, bb_lat) only exists in FLAT clusters");
  }
  if (*kind == "TORUS") return torus_platform(r, e, std::move(names));
  if (*kind == "DRAGONFLY") return dragonfly_platform(r, e, std::move(names));
  Platform platform{cluster_topology(r, e), std::move(names), {}};
  check_host_count(r, e, platform.host_names.size(), platform.topology.host_count());
  return platform;
}

}  // namespace clustersim::models::fabric::detail
