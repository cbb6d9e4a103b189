// CatalogError: every problem found while loading or overriding catalog entries. The message names the
// file (when there is one) and the JSON path of the offending value, then says what was expected:
//   data/nvme.json: drives[1].read_bytes_per_s: expected a positive rate like "13 GB/s", got "fast"
// `Where` carries that location while a file is being parsed.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace clustersim::models::catalog {

struct CatalogError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// A location inside a JSON document: the file ("" for a scenario override) and the JSON path ("drives[1]").
struct Where {
  std::string file;
  std::string path;

  Where key(std::string_view name) const;  // "drives[1]" -> "drives[1].name" ("" -> "name")
  Where index(std::size_t i) const;        // "drives" -> "drives[1]"
  std::string to_string() const;           // "file: path", "file", or "path"
};

[[noreturn]] void fail(const Where& where, std::string_view message);

}  // namespace clustersim::models::catalog
