// A parsed XML document as a plain element tree with line numbers, read with libxml2 (no network,
// no DTD loading, no entity expansion from outside the file). Only elements and their attributes
// are kept: text, comments and processing instructions are dropped.
// Malformed XML throws XmlError with the line and message of the first error libxml2 reports.
// An element's line is libxml2's: the line where its start tag ends (for a tag spread over several
// lines, its last line).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clustersim::models::fabric {

class XmlError : public std::invalid_argument {
 public:
  XmlError(const std::string& source, int line, const std::string& message);
  int line() const { return line_; }

 private:
  int line_;
};

struct XmlElement {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> attributes;  // document order
  std::vector<XmlElement> children;

  // nullptr when absent.
  const std::string* attribute(std::string_view key) const;
};

// `source` names the document in error messages (a file path).
XmlElement parse_xml(std::string_view text, const std::string& source);

}  // namespace clustersim::models::fabric
