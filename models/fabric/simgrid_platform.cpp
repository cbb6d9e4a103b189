// SimGrid platform import: the document's shape, then the cluster or Full-zone reader
// (simgrid_reader.hpp); see simgrid_platform.hpp.
#include "models/fabric/simgrid_platform.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/fabric/simgrid_reader.hpp"
#include "models/fabric/xml_document.hpp"

namespace clustersim::models::fabric {

namespace {

constexpr std::uintmax_t kMaxPlatformBytes = std::uintmax_t{64} << 20;

}  // namespace

PlatformError::PlatformError(const std::string& source, int line, const std::string& message)
    : std::invalid_argument(source + ":" + std::to_string(line) + ": " + message), line_(line) {}

Platform parse_simgrid_platform(std::string_view xml, const std::string& source) {
  const XmlElement root = parse_xml(xml, source);
  const detail::SimgridReader r(source);
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
  if (content->name == "cluster") return detail::read_cluster(r, *content);
  r.check_attributes(*content, {"id", "routing"});
  const std::string& routing = r.required(*content, "routing");
  std::vector<const XmlElement*> inner;
  for (const XmlElement& c : content->children) {
    if (c.name != "prop") inner.push_back(&c);
  }
  if (inner.size() == 1 && inner[0]->name == "cluster") return detail::read_cluster(r, *inner[0]);
  if (routing != "Full") {
    r.fail(*content, "routing '" + routing + "' is not supported (expected Full, or a zone holding one <cluster>)");
  }
  return detail::read_full_zone(r, *content);
}

std::string directed_link_name(const Platform& platform, DirectedLinkId d) {
  const LinkId l = Topology::link_of(d);
  const std::string& name = platform.link_names.at(l);
  if (platform.topology.link(l).sharing != LinkSharing::split_duplex) return name;
  return name + (d == Topology::forward(l) ? "_UP" : "_DOWN");
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
