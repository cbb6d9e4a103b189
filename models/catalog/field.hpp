// Field descriptors: every catalog field is declared once, as a FieldInfo (JSON key = C++ member name, unit
// kind, presence, bound, example, doc). Parsing, validation, error messages and the `clustersim schema
// --catalog` listing all come from these declarations (field_table.hpp binds them to struct members).
//
// Values in the catalog files:
//   quantities (bytes, bytes_per_s, ops_per_s, flops_per_s, duration): a string with units parsed by
//     sim/units.hpp ("80 GB", "3.35 TB/s", "2.5 M IOPS", "989 TFLOP/s", "100 ms") or a plain JSON number in SI
//     base units (bytes, bytes/s, operations/s, FLOP/s, seconds);
//   watts, usd, number: a plain JSON number (the unit is in the key: power_w, price_usd);
//   integer: a JSON integer; text, reference (a name in another catalog file), enumeration, date: a string.
// Bounds are checked after unit conversion; NaN and infinities are always rejected.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include "models/common/bounds.hpp"

#include <nlohmann/json.hpp>

#include "models/catalog/catalog_error.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

enum class FieldKind {
  text,         // free text
  reference,    // the name of an entry of another catalog file; `choices` names the file's kind ("gpu")
  enumeration,  // one of `choices` ("a|b|c")
  date,         // "2025", "2025-06" or "2025-06-30"
  integer,
  number,  // a plain dimensionless number
  usd,     // US dollars, plain number
  watts,   // watts, plain number
  bytes,
  bytes_per_s,
  ops_per_s,
  flops_per_s,
  duration,
};

enum class Presence {
  required,   // must be present (for the kinds in `required_for`, else wherever `applies_to` allows it)
  optional,   // may be absent: the member stays empty (std::optional, "")
  defaulted,  // absent means `default_value`
};

using Bound = common::Bound;

struct FieldInfo {
  std::string_view key;  // JSON key and C++ member name
  FieldKind kind = FieldKind::text;
  Presence presence = Presence::required;
  Bound bound = Bound::positive;        // ignored for text kinds
  std::string_view choices = {};        // enumeration: "a|b|c"; reference: the referenced kind ("gpu")
  std::string_view applies_to = {};     // "": every entry; else the entry kinds ("a|b") it belongs to
  std::string_view required_for = {};   // Presence::required: "" = wherever it applies; else these kinds only
  std::string_view default_value = {};  // Presence::defaulted: JSON text ("0", "\"U.2\"")
  std::string_view example = {};        // shown in messages and the schema ("13 GB/s", "8")
  std::string_view doc = {};
};

// A parsed value before it is stored: text kinds -> string, integer -> int64, duration -> SimTime, else double.
using FieldValue = std::variant<std::string, std::int64_t, double, sim::SimTime>;

std::string_view kind_name(FieldKind kind);  // "bytes/s", "FLOP/s", "integer", ...
// True for the kinds that hold a number (every such value in data/ must cite its source).
bool is_numeric(FieldKind kind);
// What a valid value looks like, e.g. `a positive rate like "13 GB/s"`, `one of a, b, c`.
std::string expectation(const FieldInfo& field);
// Splits "a|b|c" into its parts.
std::vector<std::string_view> split_choices(std::string_view choices);
bool has_choice(std::string_view choices, std::string_view value);

// Checks `value` against `field` and converts it to SI base units; throws CatalogError at `where`
// ("<where>: expected <expectation>, got <value as JSON>").
FieldValue parse_field_value(const FieldInfo& field, const nlohmann::json& value, const Where& where);
// The field's default as a FieldValue (Presence::defaulted only).
FieldValue default_field_value(const FieldInfo& field);

// A JSON value as it appears in messages: strings quoted, long values shortened.
std::string json_preview(const nlohmann::json& value);

}  // namespace clustersim::models::catalog
