// Element checks and SimGrid value notation for the platform import; see simgrid_reader.hpp.
#include "models/fabric/simgrid_reader.hpp"

#include <charconv>
#include <limits>

#include "sim/units.hpp"

namespace clustersim::models::fabric::detail {

namespace {

std::string size_text(std::uint64_t n) {
  return n == std::numeric_limits<std::uint64_t>::max() ? "more than 2^64" : std::to_string(n);
}

}  // namespace

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? std::numeric_limits<std::uint64_t>::max() : product;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::uint64_t>::max() : sum;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(separator, start);
    out.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

void SimgridReader::fail(const XmlElement& e, const std::string& message) const {
  throw PlatformError(source_, e.line, "<" + e.name + ">: " + message);
}

void SimgridReader::check_attributes(const XmlElement& e, std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : e.attributes) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) fail(e, "unsupported attribute '" + key + "'");
  }
}

void SimgridReader::check_children(const XmlElement& e, std::initializer_list<std::string_view> allowed) const {
  for (const XmlElement& c : e.children) {
    bool known = c.name == "prop";
    for (std::string_view a : allowed) known = known || a == c.name;
    if (!known) throw PlatformError(source_, c.line, "unsupported element <" + c.name + "> in <" + e.name + ">");
  }
}

const std::string& SimgridReader::required(const XmlElement& e, std::string_view key) const {
  const std::string* v = e.attribute(key);
  if (v == nullptr) fail(e, "missing attribute '" + std::string(key) + "'");
  return *v;
}

double SimgridReader::bandwidth(const XmlElement& e, std::string_view key) const {
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

sim::SimTime SimgridReader::latency(const XmlElement& e, std::string_view key) const {
  const std::string* text = e.attribute(key);
  if (text == nullptr) return sim::SimTime::zero();
  try {
    return sim::parse_duration(*text);
  } catch (const std::exception& error) {
    fail(e, "attribute '" + std::string(key) + "': " + error.what());
  }
}

LinkSharing SimgridReader::sharing(const XmlElement& e) const {
  const std::string* text = e.attribute("sharing_policy");
  if (text == nullptr || *text == "SPLITDUPLEX") return LinkSharing::split_duplex;
  if (*text == "SHARED") return LinkSharing::shared;
  if (*text == "FATPIPE") return LinkSharing::fatpipe;
  fail(e, "sharing_policy '" + *text + "': expected SPLITDUPLEX, SHARED or FATPIPE");
}

std::uint32_t SimgridReader::count(const XmlElement& e, std::string_view what, std::string_view text) const {
  text = trim(text);
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0) {
    fail(e, std::string(what) + ": expected a positive integer, got '" + std::string(text) + "'");
  }
  return v;
}

std::vector<std::uint32_t> SimgridReader::counts(const XmlElement& e, std::string_view what,
                                                 std::string_view text) const {
  std::vector<std::uint32_t> out;
  for (std::string_view part : split(text, ',')) out.push_back(count(e, what, part));
  return out;
}

void SimgridReader::check_size(const XmlElement& e, const std::string& what, std::uint64_t hosts,
                               std::uint64_t links) const {
  if (hosts > kMaxPlatformHosts) {
    fail(e, what + " asks for " + size_text(hosts) + " hosts, above the import's limit of " +
                std::to_string(kMaxPlatformHosts) + " hosts");
  }
  if (links > kMaxPlatformLinks) {
    fail(e, what + " asks for " + size_text(links) + " links, above the import's limit of " +
                std::to_string(kMaxPlatformLinks) + " links");
  }
}

}  // namespace clustersim::models::fabric::detail
