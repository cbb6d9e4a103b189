// SimGrid platform import; see simgrid_platform.hpp.
#include "models/fabric/simgrid_platform.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "models/fabric/builders.hpp"
#include "models/fabric/xml_document.hpp"
#include "sim/units.hpp"

namespace clustersim::models::fabric {

namespace {

constexpr std::uintmax_t kMaxPlatformBytes = std::uintmax_t{64} << 20;

// SimGrid writes "2 ; 4,4 ; 1,2 ; 1,2" as well as "2;4,4;1,2;1,2".
std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const XmlElement& e, const std::string& message) const {
    throw PlatformError(source_, e.line, "<" + e.name + ">: " + message);
  }

  // Every attribute of e must be in `allowed`.
  void check_attributes(const XmlElement& e, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : e.attributes) {
      bool known = false;
      for (std::string_view a : allowed) known = known || a == key;
      if (!known) fail(e, "unsupported attribute '" + key + "'");
    }
  }
  // Children other than <prop> are refused unless `allowed` names them.
  void check_children(const XmlElement& e, std::initializer_list<std::string_view> allowed) const {
    for (const XmlElement& c : e.children) {
      bool known = c.name == "prop";
      for (std::string_view a : allowed) known = known || a == c.name;
      if (!known) throw PlatformError(source_, c.line, "unsupported element <" + c.name + "> in <" + e.name + ">");
    }
  }
  const std::string& required(const XmlElement& e, std::string_view key) const {
    const std::string* v = e.attribute(key);
    if (v == nullptr) fail(e, "missing attribute '" + std::string(key) + "'");
    return *v;
  }
  double bandwidth(const XmlElement& e, std::string_view key) const {
    std::string text = required(e, key);
    // SimGrid writes "MBps" (bytes) and "Gbps" (bits); the unit parser reads "MB/s" and "Gb/s".
    if (text.size() > 3 && (text.ends_with("Bps") || text.ends_with("bps"))) {
      text = text.substr(0, text.size() - 3) + text[text.size() - 3] + "/s";
    }
    try {
      return sim::parse_bytes_per_s(text);
    } catch (const std::exception& error) {
      fail(e, "attribute '" + std::string(key) + "': " + error.what());
    }
  }
  sim::SimTime latency(const XmlElement& e, std::string_view key) const {
    const std::string* text = e.attribute(key);
    if (text == nullptr) return sim::SimTime::zero();
    try {
      return sim::parse_duration(*text);
    } catch (const std::exception& error) {
      fail(e, "attribute '" + std::string(key) + "': " + error.what());
    }
  }
  LinkSharing sharing(const XmlElement& e) const {
    const std::string* text = e.attribute("sharing_policy");
    if (text == nullptr || *text == "SPLITDUPLEX") return LinkSharing::split_duplex;
    if (*text == "SHARED") return LinkSharing::shared;
    if (*text == "FATPIPE") return LinkSharing::fatpipe;
    fail(e, "sharing_policy '" + *text + "': expected SPLITDUPLEX, SHARED or FATPIPE");
  }
  std::uint32_t count(const XmlElement& e, std::string_view what, std::string_view text) const {
    text = trim(text);
    std::uint32_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0) {
      fail(e, std::string(what) + ": expected a positive integer, got '" + std::string(text) + "'");
    }
    return v;
  }
  std::vector<std::uint32_t> counts(const XmlElement& e, std::string_view what, std::string_view text) const {
    std::vector<std::uint32_t> out;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = text.find(',', start);
      out.push_back(count(e, what, text.substr(start, comma - start)));
      if (comma == std::string_view::npos) return out;
      start = comma + 1;
    }
  }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// "0-15,32-47" -> prefix0suffix .. prefix15suffix, prefix32suffix, ...
std::vector<std::string> cluster_host_names(const Reader& r, const XmlElement& e) {
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
    if (names.size() + (last - first) >= (std::size_t{1} << 23)) r.fail(e, "radical: more than 2^23 hosts");
    for (std::uint32_t n = first; n <= last; ++n) {
      names.push_back((prefix ? *prefix : "") + std::to_string(n) + (suffix ? *suffix : ""));
    }
  }
  return names;
}

Topology cluster_topology(const Reader& r, const XmlElement& e) {
  const std::string kind = r.required(e, "topology");
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
      p.link_bytes_per_s = bw;
      p.latency = lat;
      p.sharing = sharing;
      return pgft(p);
    }
    if (kind == "TORUS") {
      TorusParams p;
      p.dimensions = r.counts(e, "topo_parameters dimensions", params);
      p.link_bytes_per_s = bw;
      p.latency = lat;
      p.sharing = sharing;
      return torus(p);
    }
    if (kind == "DRAGONFLY") {
      const auto parts = split(params, ';');
      if (parts.size() != 4) {
        r.fail(e,
               "topo_parameters '" + params + "': DRAGONFLY expects \"groups,blue;chassis,black;routers,green;nodes\"");
      }
      std::vector<std::vector<std::uint32_t>> v;
      for (std::size_t i = 0; i < 4; ++i) {
        v.push_back(r.counts(e, "topo_parameters", parts[i]));
        if (v[i].size() != (i < 3 ? 2u : 1u)) {
          r.fail(e, "topo_parameters '" + params +
                        "': DRAGONFLY expects \"groups,blue;chassis,black;routers,green;nodes\"");
        }
      }
      DragonflyParams p;
      p.groups = v[0][0];
      p.links_per_group_pair = p.groups > 1 ? 1 : 0;  // SimGrid: one link of blue x bw
      p.routers_per_group = v[1][0] * v[2][0];
      p.hosts_per_router = v[3][0];
      p.global_links_per_router = (p.groups - 1 + p.routers_per_group - 1) / p.routers_per_group;
      p.host_link_bytes_per_s = bw;
      p.local_link_bytes_per_s = bw * v[2][1];
      p.global_link_bytes_per_s = bw * v[0][1];
      p.host_latency = lat;
      p.local_latency = lat;
      p.global_latency = lat;
      p.sharing = sharing;
      return dragonfly(p);
    }
  } catch (const PlatformError&) {
    throw;
  } catch (const std::invalid_argument& error) {
    r.fail(e, "topo_parameters '" + params + "': " + error.what());
  }
  r.fail(e, "topology '" + kind + "' is not supported (expected FAT_TREE, TORUS or DRAGONFLY)");
}

Platform read_cluster(const Reader& r, const XmlElement& e) {
  r.check_attributes(e, {"id", "prefix", "suffix", "radical", "speed", "core", "bw", "lat", "sharing_policy",
                         "topology", "topo_parameters", "loopback_bw", "loopback_lat"});
  r.check_children(e, {});
  r.required(e, "id");
  Platform platform{cluster_topology(r, e), cluster_host_names(r, e)};
  if (platform.host_names.size() != platform.topology.host_count()) {
    r.fail(e, "radical '" + *e.attribute("radical") + "' gives " + std::to_string(platform.host_names.size()) +
                  " hosts but topo_parameters '" + *e.attribute("topo_parameters") + "' has " +
                  std::to_string(platform.topology.host_count()));
  }
  return platform;
}

Platform read_full_zone(const Reader& r, const XmlElement& zone) {
  r.check_children(zone, {"host", "link", "route"});
  Platform platform{Topology(r.required(zone, "id")), {}};
  Topology& t = platform.topology;
  std::map<std::string, HostId> hosts;
  std::map<std::string, LinkId> links;
  RouteTable table;
  for (const XmlElement& e : zone.children) {
    if (e.name == "host") {
      r.check_attributes(e, {"id", "speed", "core"});
      r.check_children(e, {});
      const std::string& id = r.required(e, "id");
      if (!hosts.emplace(id, t.host_count()).second) r.fail(e, "host '" + id + "' declared twice");
      t.add_host(t.host_count(), 0);
      platform.host_names.push_back(id);
    } else if (e.name == "link") {
      r.check_attributes(e, {"id", "bandwidth", "latency", "sharing_policy"});
      r.check_children(e, {});
      const std::string& id = r.required(e, "id");
      const SwitchId a = t.add_switch(0, 0, 2 * static_cast<std::uint32_t>(links.size()));
      const SwitchId b = t.add_switch(0, 0, 2 * static_cast<std::uint32_t>(links.size()) + 1);
      const double bw = r.bandwidth(e, "bandwidth");
      if (!(bw > 0.0)) r.fail(e, "attribute 'bandwidth': must be > 0");
      const LinkId l = t.add_link(t.switch_vertex(a), t.switch_vertex(b), bw, r.latency(e, "latency"), r.sharing(e));
      if (!links.emplace(id, l).second) r.fail(e, "link '" + id + "' declared twice");
    } else if (e.name == "route") {
      r.check_attributes(e, {"src", "dst", "symmetrical"});
      r.check_children(e, {"link_ctn"});
      auto host = [&](std::string_view key) {
        const std::string& name = r.required(e, key);
        auto it = hosts.find(name);
        if (it == hosts.end()) r.fail(e, std::string(key) + ": unknown host '" + name + "' (declare it before)");
        return it->second;
      };
      const HostId src = host("src");
      const HostId dst = host("dst");
      if (src == dst) r.fail(e, "a route from a host to itself is not supported");
      const std::string* symmetrical = e.attribute("symmetrical");
      if (symmetrical && *symmetrical != "YES" && *symmetrical != "NO") {
        r.fail(e, "symmetrical '" + *symmetrical + "': expected YES or NO");
      }
      std::vector<DirectedLinkId> forward;
      std::vector<DirectedLinkId> backward;
      for (const XmlElement& c : e.children) {
        if (c.name != "link_ctn") continue;
        r.check_attributes(c, {"id", "direction"});
        r.check_children(c, {});
        const std::string& id = r.required(c, "id");
        auto it = links.find(id);
        if (it == links.end()) r.fail(c, "unknown link '" + id + "' (declare it before)");
        const std::string* direction = c.attribute("direction");
        const bool split = t.link(it->second).sharing == LinkSharing::split_duplex;
        const std::string given = direction == nullptr ? "NONE" : *direction;
        if (given != "UP" && given != "DOWN" && given != "NONE") {
          r.fail(c, "direction '" + given + "': expected UP, DOWN or NONE");
        }
        if (split && given == "NONE") r.fail(c, "link '" + id + "' is SPLITDUPLEX: give direction UP or DOWN");
        if (!split && given != "NONE") {
          r.fail(c, "link '" + id + "' is not SPLITDUPLEX: direction " + given + " does not apply");
        }
        const bool up = direction == nullptr || *direction != "DOWN";
        forward.push_back(up ? Topology::forward(it->second) : Topology::backward(it->second));
        backward.insert(backward.begin(), up ? Topology::backward(it->second) : Topology::forward(it->second));
      }
      if (forward.empty()) r.fail(e, "a route needs at least one <link_ctn>");
      if (!table.emplace(std::make_pair(src, dst), forward).second) {
        r.fail(e, "route from '" + platform.host_names[src] + "' to '" + platform.host_names[dst] + "' given twice");
      }
      if (symmetrical == nullptr || *symmetrical == "YES") {
        if (!table.emplace(std::make_pair(dst, src), backward).second) {
          r.fail(e, "route from '" + platform.host_names[dst] + "' to '" + platform.host_names[src] +
                        "' given twice (this symmetrical route implies it)");
        }
      }
    }
  }
  if (hosts.empty()) r.fail(zone, "no <host> in the zone");
  t.set_route_table(std::move(table));
  return platform;
}

}  // namespace

PlatformError::PlatformError(const std::string& source, int line, const std::string& message)
    : std::invalid_argument(source + ":" + std::to_string(line) + ": " + message), line_(line) {}

Platform parse_simgrid_platform(std::string_view xml, const std::string& source) {
  const XmlElement root = parse_xml(xml, source);
  const Reader r(source);
  if (root.name != "platform") r.fail(root, "expected a SimGrid <platform> document");
  r.check_attributes(root, {"version"});
  const std::string& version = r.required(root, "version");
  if (version != "4" && version != "4.1")
    r.fail(root, "version '" + version + "': only SimGrid 4.1 platforms are read");
  r.check_children(root, {"zone", "cluster"});
  const XmlElement* content = nullptr;
  for (const XmlElement& c : root.children) {
    if (c.name == "prop") continue;
    if (content != nullptr) {
      throw PlatformError(source, c.line, "<" + c.name + ">: only one <zone> or <cluster> per platform is supported");
    }
    content = &c;
  }
  if (content == nullptr) r.fail(root, "expected a <zone> or a <cluster>");
  if (content->name == "cluster") return read_cluster(r, *content);
  r.check_attributes(*content, {"id", "routing"});
  const std::string& routing = r.required(*content, "routing");
  std::vector<const XmlElement*> inner;
  for (const XmlElement& c : content->children) {
    if (c.name != "prop") inner.push_back(&c);
  }
  if (inner.size() == 1 && inner[0]->name == "cluster") return read_cluster(r, *inner[0]);
  if (routing != "Full") {
    r.fail(*content, "routing '" + routing + "' is not supported (expected Full, or a zone holding one <cluster>)");
  }
  return read_full_zone(r, *content);
}

Platform read_simgrid_platform(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw std::invalid_argument(path + ": cannot open the platform file (not a regular file)");
  }
  if (std::filesystem::file_size(path, error) > kMaxPlatformBytes) {
    throw std::invalid_argument(path + ": platform file larger than 64 MiB");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::invalid_argument(path + ": cannot open the platform file");
  std::ostringstream text;
  text << file.rdbuf();
  return parse_simgrid_platform(text.str(), path);
}

}  // namespace clustersim::models::fabric
