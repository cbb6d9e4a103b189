// Internals of the SimGrid platform import (simgrid_platform.hpp): the checks every element goes
// through, and the readers of a <cluster> and of a Full <zone>. Every failure throws PlatformError
// naming the source, the element's line and the element.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "models/fabric/simgrid_platform.hpp"
#include "models/fabric/topology.hpp"
#include "models/fabric/xml_document.hpp"
#include "sim/time.hpp"

namespace clustersim::models::fabric::detail {

// Blanks and tabs off both ends: SimGrid writes "2 ; 4,4 ; 1,2 ; 1,2" as well as "2;4,4;1,2;1,2".
std::string_view trim(std::string_view text);
// "a,b,,c" -> {"a", "b", "", "c"}.
std::vector<std::string_view> split(std::string_view text, char separator);

class SimgridReader {
 public:
  explicit SimgridReader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const XmlElement& e, const std::string& message) const;
  // Every attribute of e must be in `allowed`.
  void check_attributes(const XmlElement& e, std::initializer_list<std::string_view> allowed) const;
  // Children other than <prop> are refused unless `allowed` names them.
  void check_children(const XmlElement& e, std::initializer_list<std::string_view> allowed) const;
  const std::string& required(const XmlElement& e, std::string_view key) const;
  // "125MBps" (bytes/s), "10Gbps" (bits/s), bare number = bytes/s.
  double bandwidth(const XmlElement& e, std::string_view key) const;
  // Absent = 0; "50us", "1.5ms", bare number = seconds.
  sim::SimTime latency(const XmlElement& e, std::string_view key) const;
  LinkSharing sharing(const XmlElement& e) const;  // the sharing_policy attribute
  // A positive integer; `what` names it in the error.
  std::uint32_t count(const XmlElement& e, std::string_view what, std::string_view text) const;
  // "4,4,2" -> {4, 4, 2}.
  std::vector<std::uint32_t> counts(const XmlElement& e, std::string_view what, std::string_view text) const;
  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

Platform read_cluster(const SimgridReader& r, const XmlElement& cluster);
Platform read_full_zone(const SimgridReader& r, const XmlElement& zone);

}  // namespace clustersim::models::fabric::detail
