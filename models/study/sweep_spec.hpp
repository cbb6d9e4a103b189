// Sweep specification: a base scenario plus axes of JSON-path overrides, and the points it spans.
//
// A sweep file is {"base": "scenario.json" (relative to the sweep file) or an inline scenario object,
// "mode": "cartesian" | "zipped" (default cartesian), "axes": [{"path": "policies.checkpoint.levels[2].interval",
// "values": ["5 min", "10 min"]}, ...], "seeds": N (optional: overrides run.seeds), "description": "..."}.
//
// Points are numbered in a fixed order: cartesian = row-major over the axes as listed (the last axis
// varies fastest), so point p has value index (p / prod_{k>a} n_k) mod n_a on axis a; zipped = the
// i-th value of every axis (all axes must have the same length). The point index is stable: the same
// file always gives the same numbering, which is what resume, shards and merge rely on.
//
// An override path is a dotted path with array indices ("architecture.storage.write_bandwidth",
// "policies.checkpoint.levels[2].interval"); it must be declared in the scenario parameter table
// (param_table.hpp) and an array index must exist in the base scenario. Missing objects on the way are
// created; a catalog shorthand ("storage": "pfs") becomes {"catalog": "pfs"} before a field is set.
// Every axis value is checked against the base scenario up front; errors are SweepError naming the
// axis (bad input, exit code 2).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/study/scenario_values.hpp"

namespace clustersim::models::study {

struct SweepError : ScenarioError {
  using ScenarioError::ScenarioError;
};

enum class SweepMode { cartesian, zipped };

struct SweepAxis {
  std::string path;
  std::vector<nlohmann::json> values;
};

struct SweepSpec {
  std::string source;  // the sweep file, for messages ("<inline>" when parsed from a document)
  std::string description;
  nlohmann::json base;  // the base scenario document
  // Where the base scenario's relative file names (architecture.fabric.platform) are looked up: the base
  // scenario file's directory, or the sweep file's for an inline base.
  std::filesystem::path scenario_directory;
  SweepMode mode = SweepMode::cartesian;
  std::vector<SweepAxis> axes;
  std::optional<int> seeds;
  nlohmann::json document;  // the sweep as written, with "base" replaced by the scenario document
};

struct SweepPoint {
  std::size_t index = 0;
  std::vector<nlohmann::json> values;  // one per axis, in axis order
};

// `base_directory` resolves a "base" given as a path. Throws SweepError / ScenarioError.
SweepSpec parse_sweep(const nlohmann::json& document, const std::filesystem::path& base_directory,
                      const std::string& source = "<inline>");
SweepSpec load_sweep_file(const std::filesystem::path& path);

std::size_t point_count(const SweepSpec& spec);
SweepPoint sweep_point(const SweepSpec& spec, std::size_t index);  // index < point_count
std::vector<SweepPoint> enumerate_points(const SweepSpec& spec);

// Sets `value` at `path` in `document`; throws SweepError (message without the axis) on a bad path.
void set_json_path(nlohmann::json& document, const std::string& path, const nlohmann::json& value);
// The base with every axis override of `point` applied (and seeds, when the sweep overrides them).
nlohmann::json point_document(const SweepSpec& spec, const SweepPoint& point);
// {"<path>": value, ...} in axis order.
nlohmann::ordered_json point_overrides(const SweepSpec& spec, const SweepPoint& point);

}  // namespace clustersim::models::study
