// ScenarioValues: a scenario document checked against the parameter table (param_table.hpp) and
// converted to SI values, with every default filled in.
//
// parse_scenario walks the JSON document and the table together: an object key that the table does
// not declare is rejected ("architecture.fabrc: unknown key; expected one of: ..."), a value of the
// wrong type, with a bad unit or out of its bound is rejected with the JSON path and what was expected
// (`architecture.storage.write_bandwidth: expected a positive rate like "273 GB/s", got "fast"`), and
// a missing required key is named. Values are stored by concrete path ("policies.checkpoint.levels[1].interval")
// and read with typed getters; `normalized()` is the same document with defaults filled in and every
// quantity as a plain SI number (seconds, bytes, bytes/s, ...), which result files embed.
//
// Errors are ScenarioError (a std::invalid_argument): bad input, exit code 2 at the command line.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "models/study/scenario_overrides.hpp"
#include "sim/time.hpp"

namespace clustersim::models::study {

struct ScenarioError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

using ParamValue = std::variant<bool, std::int64_t, double, std::string, sim::SimTime>;

class ScenarioValues {
 public:
  bool has(std::string_view path) const;
  bool boolean(std::string_view path) const;
  std::int64_t integer(std::string_view path) const;
  double number(std::string_view path) const;            // numbers and every quantity except durations, in SI
  const std::string& text(std::string_view path) const;  // strings and enumerations
  sim::SimTime duration(std::string_view path) const;
  std::optional<double> optional_number(std::string_view path) const;
  std::optional<std::int64_t> optional_integer(std::string_view path) const;
  std::optional<sim::SimTime> optional_duration(std::string_view path) const;
  std::size_t array_size(std::string_view path) const;  // 0 when absent

  const nlohmann::json& normalized() const { return normalized_; }

  // Used by the parser only.
  void set(std::string path, ParamValue value) { values_.insert_or_assign(std::move(path), std::move(value)); }
  void set_array_size(std::string path, std::size_t size) { array_sizes_.insert_or_assign(std::move(path), size); }
  nlohmann::json& mutable_normalized() { return normalized_; }

 private:
  const ParamValue& get(std::string_view path) const;

  std::map<std::string, ParamValue, std::less<>> values_;
  std::map<std::string, std::size_t, std::less<>> array_sizes_;
  nlohmann::json normalized_ = nlohmann::json::object();
};

// Checks `document` against the table; throws ScenarioError naming the path.
ScenarioValues parse_scenario(const nlohmann::json& document);

// Parses JSON text; malformed JSON throws ScenarioError "<source>:<line>:<column>: malformed JSON: ...".
nlohmann::json parse_json_text(std::string_view text, std::string_view source);
// Reads and parses a file; a missing or unreadable file throws ScenarioError naming it.
nlohmann::json read_json_file(const std::filesystem::path& path);
// The file's scenario with `overrides` (scenario_overrides.hpp) applied before it is parsed; errors are
// prefixed with the file name.
ScenarioValues load_scenario_file(const std::filesystem::path& path, const ScenarioOverrides& overrides = {});

// 1-based line and column of the byte at `offset` (0-based) in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset);

}  // namespace clustersim::models::study
