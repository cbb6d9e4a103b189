#include "models/study/sweep_spec.hpp"

#include <variant>

#include "models/study/param_table.hpp"

namespace clustersim::models::study {

using nlohmann::json;

namespace {

// One step of an override path: an object key or an array index.
using PathStep = std::variant<std::string, std::size_t>;

std::vector<PathStep> split_path(const std::string& path) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  const auto bad = [&](const std::string& why) { throw SweepError("\"" + path + "\": " + why); };
  if (path.empty()) bad("empty path");
  while (i < path.size()) {
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    if (end == i) bad("empty key at character " + std::to_string(i + 1));
    steps.emplace_back(path.substr(i, end - i));
    i = end;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) bad("malformed array index");
      std::size_t index = 0;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9') bad("array index must be a non-negative integer");
        index = index * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      steps.emplace_back(index);
      i = close + 1;
    }
    if (i < path.size()) {
      if (path[i] != '.') bad("expected '.' or '[' at character " + std::to_string(i + 1));
      ++i;
      if (i == path.size()) bad("path ends with '.'");
    }
  }
  return steps;
}

// "policies.checkpoint.levels[2].interval" -> "policies.checkpoint.levels[].interval"
std::string pattern_of(const std::vector<PathStep>& steps) {
  std::string pattern;
  for (const PathStep& step : steps) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!pattern.empty()) pattern += '.';
      pattern += *key;
    } else {
      pattern += "[]";
    }
  }
  return pattern;
}

// "axes[3]", built by appends (GCC 12 warns falsely about -Wrestrict on "literal" + std::string chains).
std::string axis_name(std::size_t a) {
  std::string name = "axes[";
  name += std::to_string(a);
  name += ']';
  return name;
}

std::string text_of(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

void set_json_path(json& document, const std::string& path, const json& value) {
  const std::vector<PathStep> steps = split_path(path);
  const ParamSpec* spec = find_param(pattern_of(steps));
  if (spec == nullptr) throw SweepError("\"" + path + "\" is not a scenario parameter (see `clustersim schema`)");
  json* node = &document;
  std::vector<PathStep> prefix;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const PathStep& step = steps[s];
    const std::string where =
        prefix.empty() ? std::string("the scenario") : std::string("\"").append(pattern_of(prefix)).append("\"");
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (node->is_null()) *node = json::object();
      if (node->is_string() && !prefix.empty()) {
        const ParamSpec* parent = find_param(pattern_of(prefix));
        if (parent != nullptr && parent->kind == ParamKind::catalog_section)
          *node = json{{"catalog", node->get<std::string>()}};
      }
      if (!node->is_object()) throw SweepError("\"" + path + "\": " + where + " is not an object");
      node = &(*node)[*key];
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      if (!node->is_array()) throw SweepError("\"" + path + "\": " + where + " is not an array in the base scenario");
      if (index >= node->size()) {
        throw SweepError("\"" + path + "\": index " + std::to_string(index) + " is out of range: " + where + " has " +
                         std::to_string(node->size()) + " elements in the base scenario");
      }
      node = &(*node)[index];
    }
    prefix.push_back(step);
  }
  *node = value;
}

SweepSpec parse_sweep(const json& document, const std::filesystem::path& base_directory, const std::string& source) {
  const auto fail = [&](const std::string& message) { throw SweepError(source + ": " + message); };
  if (!document.is_object()) fail("a sweep must be a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key != "base" && key != "mode" && key != "axes" && key != "seeds" && key != "description" && key != "name") {
      fail(key + ": unknown key; expected one of: base, mode, axes, seeds, description, name");
    }
  }
  SweepSpec spec;
  spec.source = source;
  if (document.contains("description")) {
    if (!document["description"].is_string()) fail("description: expected a string");
    spec.description = document["description"].get<std::string>();
  }
  if (!document.contains("base")) fail("base: missing; expected a scenario file name or a scenario object");
  const json& base = document["base"];
  if (base.is_string()) {
    const std::filesystem::path path = base_directory / base.get<std::string>();
    spec.base = read_json_file(path);
    spec.scenario_directory = path.parent_path();
  } else if (base.is_object()) {
    spec.base = base;
    spec.scenario_directory = base_directory;
  } else {
    fail("base: expected a scenario file name or a scenario object");
  }
  if (document.contains("mode")) {
    const json& mode = document["mode"];
    if (mode == "cartesian") {
      spec.mode = SweepMode::cartesian;
    } else if (mode == "zipped") {
      spec.mode = SweepMode::zipped;
    } else {
      fail("mode: expected \"cartesian\" or \"zipped\", got " + mode.dump());
    }
  }
  if (document.contains("seeds")) {
    const json& seeds = document["seeds"];
    if (!seeds.is_number_integer() || seeds.get<std::int64_t>() < 1 || seeds.get<std::int64_t>() > 100'000) {
      fail("seeds: expected an integer in [1, 100000], got " + seeds.dump());
    }
    spec.seeds = seeds.get<int>();
  }
  if (!document.contains("axes") || !document["axes"].is_array() || document["axes"].empty()) {
    fail("axes: expected a non-empty array of {\"path\": ..., \"values\": [...]}");
  }
  const json& axes = document["axes"];
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const std::string where = axis_name(a);
    const json& axis = axes[a];
    if (!axis.is_object()) fail(where + ": expected an object with \"path\" and \"values\"");
    for (const auto& [key, value] : axis.items()) {
      if (key != "path" && key != "values") fail(where + "." + key + ": unknown key; expected path, values");
    }
    if (!axis.contains("path") || !axis["path"].is_string()) fail(where + ".path: expected a string");
    if (!axis.contains("values") || !axis["values"].is_array() || axis["values"].empty()) {
      fail(where + ".values: expected a non-empty array");
    }
    SweepAxis parsed{axis["path"].get<std::string>(), {}};
    for (const json& value : axis["values"]) parsed.values.push_back(value);
    for (const SweepAxis& earlier : spec.axes) {
      if (earlier.path == parsed.path) fail(where + ": path \"" + parsed.path + "\" appears on two axes");
    }
    spec.axes.push_back(std::move(parsed));
  }
  if (spec.mode == SweepMode::zipped) {
    for (std::size_t a = 1; a < spec.axes.size(); ++a) {
      if (spec.axes[a].values.size() != spec.axes[0].values.size()) {
        fail("axes[" + std::to_string(a) + "]: zipped axes must have the same number of values (" +
             std::to_string(spec.axes[a].values.size()) + " vs " + std::to_string(spec.axes[0].values.size()) + ")");
      }
    }
  }
  // Every axis value against the base scenario, so a bad path or value fails before anything runs.
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    const SweepAxis& axis = spec.axes[a];
    const std::string where = "axes[" + std::to_string(a) + "] (\"" + axis.path + "\")";
    for (const json& value : axis.values) {
      json candidate = spec.base;
      try {
        set_json_path(candidate, axis.path, value);
        parse_scenario(candidate);
      } catch (const ScenarioError& error) {
        fail(where + ", value " + text_of(value) + ": " + error.what());
      }
    }
  }
  spec.document = document;
  spec.document["base"] = spec.base;
  return spec;
}

SweepSpec load_sweep_file(const std::filesystem::path& path) {
  const json document = read_json_file(path);
  return parse_sweep(document, path.has_parent_path() ? path.parent_path() : ".", path.string());
}

std::size_t point_count(const SweepSpec& spec) {
  if (spec.axes.empty()) return 0;
  if (spec.mode == SweepMode::zipped) return spec.axes.front().values.size();
  std::size_t count = 1;
  for (const SweepAxis& axis : spec.axes) count *= axis.values.size();
  return count;
}

SweepPoint sweep_point(const SweepSpec& spec, std::size_t index) {
  if (index >= point_count(spec)) throw std::out_of_range("sweep point index out of range");
  SweepPoint point;
  point.index = index;
  point.values.resize(spec.axes.size());
  if (spec.mode == SweepMode::zipped) {
    for (std::size_t a = 0; a < spec.axes.size(); ++a) point.values[a] = spec.axes[a].values[index];
    return point;
  }
  std::size_t rest = index;
  for (std::size_t a = spec.axes.size(); a-- > 0;) {  // the last axis varies fastest
    const std::size_t n = spec.axes[a].values.size();
    point.values[a] = spec.axes[a].values[rest % n];
    rest /= n;
  }
  return point;
}

std::vector<SweepPoint> enumerate_points(const SweepSpec& spec) {
  std::vector<SweepPoint> points;
  const std::size_t count = point_count(spec);
  points.reserve(count);
  for (std::size_t i = 0; i < count; ++i) points.push_back(sweep_point(spec, i));
  return points;
}

json point_document(const SweepSpec& spec, const SweepPoint& point) {
  json document = spec.base;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) set_json_path(document, spec.axes[a].path, point.values[a]);
  if (spec.seeds) set_json_path(document, "run.seeds", *spec.seeds);
  return document;
}

nlohmann::ordered_json point_overrides(const SweepSpec& spec, const SweepPoint& point) {
  nlohmann::ordered_json overrides = nlohmann::ordered_json::object();
  for (std::size_t a = 0; a < spec.axes.size(); ++a)
    overrides[spec.axes[a].path] = nlohmann::ordered_json::parse(point.values[a].dump());
  return overrides;
}

}  // namespace clustersim::models::study
