// The scenario parameter table: every scenario parameter is declared exactly once here (JSON path,
// unit kind, bound, default, doc). Parsing and validation (scenario_values.hpp), defaults, the
// `clustersim schema` output and docs/schema.md (schema_doc.hpp) all come from this one table, so
// they cannot drift apart.
//
// Paths are dotted JSON paths; "[]" marks the elements of an array ("policies.checkpoint.levels[].target").
// Entries of kind `section` declare objects, `catalog_section` declares objects that name a catalog
// entry (the shorthand "node": "DGX-H100" means {"catalog": "DGX-H100"}), `array` declares arrays of
// objects. Leaves with presence `optional` have no default: absent means "take it from the catalog
// entry" (or "not set"); `required` leaves must be present whenever their parent object is.
//
// Quantities are strings with units ("273 GB/s", "3.84 TB", "10 min", "989 TFLOP/s", "10.2 kW") or plain
// numbers in SI base units (bytes, bytes/s, seconds, operations/s, FLOP/s, watts).
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include "models/common/bounds.hpp"

namespace clustersim::models::study {

enum class ParamKind {
  section,          // a JSON object
  catalog_section,  // a JSON object with a "catalog" name, or just the name as a string
  array,            // a JSON array of objects
  string,
  enumeration,  // one of `choices`
  boolean,
  integer,
  number,       // a plain number (ratio, fraction, count of something fractional)
  usd,          // US dollars, a plain number
  duration,     // "10 min" or seconds
  bytes,        // "3.84 TB" or bytes
  bytes_per_s,  // "273 GB/s" or bytes/s
  ops_per_s,    // "5500 req/s" or operations/s
  flops_per_s,  // "989 TFLOP/s" or FLOP/s
  power,        // "10.2 kW" or watts
};

enum class Presence { required, defaulted, optional };

// Bounds checked after unit conversion.
using Bound = common::Bound;

struct ParamSpec {
  std::string_view path;
  ParamKind kind;
  Presence presence;
  std::string_view default_value;  // as it would be written in a scenario (JSON text for strings: no quotes)
  Bound bound;
  std::string_view choices;  // enumeration: "a|b|c"
  std::string_view doc;
};

const std::vector<ParamSpec>& scenario_params();
// nullptr when `pattern_path` ("policies.checkpoint.levels[].target") is not declared.
const ParamSpec* find_param(std::string_view pattern_path);
// A parameter path with its array indices dropped, as find_param takes it: "a.b[2].c" -> "a.b[].c".
std::string pattern_path(std::string_view path);
std::vector<std::string_view> enum_choices(const ParamSpec& spec);

std::string_view kind_name(ParamKind kind);  // "duration", "bytes/s", ...
// What a valid value looks like, e.g. `a positive rate like "273 GB/s"`.
std::string expectation(const ParamSpec& spec);

}  // namespace clustersim::models::study
