#include "models/study/scenario_values.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "models/study/param_table.hpp"
#include "sim/units.hpp"

namespace clustersim::models::study {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------------
// ScenarioValues getters

const ParamValue& ScenarioValues::get(std::string_view path) const {
  const auto found = values_.find(path);
  if (found == values_.end()) throw std::logic_error("scenario value not set: " + std::string(path));
  return found->second;
}

bool ScenarioValues::has(std::string_view path) const {
  return values_.find(path) != values_.end();
}

bool ScenarioValues::boolean(std::string_view path) const {
  return std::get<bool>(get(path));
}

std::int64_t ScenarioValues::integer(std::string_view path) const {
  return std::get<std::int64_t>(get(path));
}

double ScenarioValues::number(std::string_view path) const {
  const ParamValue& value = get(path);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  return std::get<double>(value);
}

const std::string& ScenarioValues::text(std::string_view path) const {
  return std::get<std::string>(get(path));
}

sim::SimTime ScenarioValues::duration(std::string_view path) const {
  return std::get<sim::SimTime>(get(path));
}

std::optional<double> ScenarioValues::optional_number(std::string_view path) const {
  if (!has(path)) return std::nullopt;
  return number(path);
}

std::optional<std::int64_t> ScenarioValues::optional_integer(std::string_view path) const {
  if (!has(path)) return std::nullopt;
  return integer(path);
}

std::optional<sim::SimTime> ScenarioValues::optional_duration(std::string_view path) const {
  if (!has(path)) return std::nullopt;
  return duration(path);
}

std::size_t ScenarioValues::array_size(std::string_view path) const {
  const auto found = array_sizes_.find(path);
  return found == array_sizes_.end() ? 0 : found->second;
}

// ---------------------------------------------------------------------------------------------------
// Parsing

namespace {

std::string join(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : std::string(prefix) + "." + std::string(key);
}

std::string shown(std::string_view path) {
  return path.empty() ? std::string("(document)") : std::string(path);
}

[[noreturn]] void fail_expected(std::string_view path, const ParamSpec& spec, const json& got) {
  throw ScenarioError(shown(path) + ": expected " + expectation(spec) + ", got " + got.dump());
}

// Converts one leaf value; stores it in `values` and returns its normalized JSON form.
json parse_leaf(const ParamSpec& spec, const std::string& path, const json& value, ScenarioValues& values) {
  switch (spec.kind) {
    case ParamKind::string:
      if (!value.is_string()) fail_expected(path, spec, value);
      values.set(path, value.get<std::string>());
      return value;
    case ParamKind::enumeration: {
      if (!value.is_string()) fail_expected(path, spec, value);
      const std::string text = value.get<std::string>();
      for (const std::string_view choice : enum_choices(spec)) {
        if (choice == text) {
          values.set(path, text);
          return value;
        }
      }
      fail_expected(path, spec, value);
    }
    case ParamKind::boolean:
      if (!value.is_boolean()) fail_expected(path, spec, value);
      values.set(path, value.get<bool>());
      return value;
    case ParamKind::integer: {
      std::int64_t integer = 0;
      if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
          fail_expected(path, spec, value);
        }
        integer = value.get<std::int64_t>();
      } else if (value.is_number_float() && std::isfinite(value.get<double>()) &&
                 std::floor(value.get<double>()) == value.get<double>() && std::fabs(value.get<double>()) < 9e15) {
        integer = static_cast<std::int64_t>(value.get<double>());
      } else {
        fail_expected(path, spec, value);
      }
      if (!common::within(spec.bound, static_cast<double>(integer))) fail_expected(path, spec, value);
      values.set(path, integer);
      return integer;
    }
    case ParamKind::duration: {
      sim::SimTime time;
      try {
        if (value.is_number()) {
          time = sim::SimTime::from_seconds(value.get<double>());
        } else if (value.is_string()) {
          time = sim::parse_duration(value.get<std::string>());
        } else {
          fail_expected(path, spec, value);
        }
      } catch (const std::out_of_range&) {
        fail_expected(path, spec, value);
      } catch (const sim::UnitError&) {
        fail_expected(path, spec, value);
      }
      if (!common::within(spec.bound, time.to_seconds())) fail_expected(path, spec, value);
      values.set(path, time);
      return time.to_seconds();
    }
    case ParamKind::number:
    case ParamKind::usd:
    case ParamKind::bytes:
    case ParamKind::bytes_per_s:
    case ParamKind::ops_per_s:
    case ParamKind::flops_per_s:
    case ParamKind::power: {
      double number = 0;
      if (value.is_number()) {
        number = value.get<double>();
      } else if (value.is_string() && spec.kind != ParamKind::number && spec.kind != ParamKind::usd) {
        const std::string text = value.get<std::string>();
        try {
          switch (spec.kind) {
            case ParamKind::bytes:
              number = sim::parse_bytes(text);
              break;
            case ParamKind::bytes_per_s:
              number = sim::parse_bytes_per_s(text);
              break;
            case ParamKind::ops_per_s:
              number = sim::parse_ops_per_s(text);
              break;
            case ParamKind::flops_per_s:
              number = sim::parse_flops_per_s(text);
              break;
            default:
              number = sim::parse_watts(text);
              break;
          }
        } catch (const sim::UnitError&) {
          fail_expected(path, spec, value);
        }
      } else {
        fail_expected(path, spec, value);
      }
      if (!std::isfinite(number) || !common::within(spec.bound, number)) fail_expected(path, spec, value);
      values.set(path, number);
      return number;
    }
    default:
      break;
  }
  throw std::logic_error("parse_leaf: not a leaf: " + path);
}

// The value a defaulted leaf takes, as if it had been written in the scenario.
json default_json(const ParamSpec& spec) {
  switch (spec.kind) {
    case ParamKind::integer:
    case ParamKind::number:
    case ParamKind::usd:
    case ParamKind::boolean:
      return json::parse(spec.default_value);
    default:
      return std::string(spec.default_value);
  }
}

bool is_direct_child(std::string_view parent, std::string_view path) {
  if (parent.empty()) return path.find('.') == std::string_view::npos;
  if (path.size() <= parent.size() + 1 || path.substr(0, parent.size()) != parent || path[parent.size()] != '.') {
    return false;
  }
  return path.substr(parent.size() + 1).find('.') == std::string_view::npos;
}

std::vector<const ParamSpec*> children_of(std::string_view pattern) {
  std::vector<const ParamSpec*> children;
  for (const ParamSpec& spec : scenario_params()) {
    if (is_direct_child(pattern, spec.path)) children.push_back(&spec);
  }
  return children;
}

std::string_view last_segment(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

json walk_object(const json& object, const std::string& pattern, const std::string& concrete, ScenarioValues& values);

json walk_value(const ParamSpec& spec, const std::string& concrete, const json& value, ScenarioValues& values) {
  const std::string pattern(spec.path);
  switch (spec.kind) {
    case ParamKind::section:
      if (!value.is_object()) fail_expected(concrete, spec, value);
      return walk_object(value, pattern, concrete, values);
    case ParamKind::catalog_section:
      if (value.is_string()) return walk_object(json{{"catalog", value}}, pattern, concrete, values);
      if (!value.is_object()) fail_expected(concrete, spec, value);
      return walk_object(value, pattern, concrete, values);
    case ParamKind::array: {
      if (!value.is_array()) fail_expected(concrete, spec, value);
      json out = json::array();
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string element = concrete + "[" + std::to_string(i) + "]";
        if (!value[i].is_object()) {
          throw ScenarioError(element + ": expected an object, got " + value[i].dump());
        }
        out.push_back(walk_object(value[i], pattern + "[]", element, values));
      }
      values.set_array_size(concrete, value.size());
      return out;
    }
    default:
      return parse_leaf(spec, concrete, value, values);
  }
}

json walk_object(const json& object, const std::string& pattern, const std::string& concrete, ScenarioValues& values) {
  const std::vector<const ParamSpec*> children = children_of(pattern);
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    const bool known = std::any_of(children.begin(), children.end(),
                                   [&](const ParamSpec* child) { return last_segment(child->path) == key; });
    if (!known) {
      std::string accepted;
      for (const ParamSpec* child : children)
        accepted += (accepted.empty() ? "" : ", ") + std::string(last_segment(child->path));
      throw ScenarioError(join(concrete, key) + ": unknown key; expected one of: " + accepted);
    }
  }
  json out = json::object();
  for (const ParamSpec* child : children) {
    const std::string_view key = last_segment(child->path);
    const std::string child_path = join(concrete, key);
    const auto found = object.find(std::string(key));
    if (found != object.end()) {
      out[std::string(key)] = walk_value(*child, child_path, *found, values);
      continue;
    }
    switch (child->presence) {
      case Presence::required:
        throw ScenarioError(child_path + ": missing; expected " + expectation(*child));
      case Presence::optional:
        break;
      case Presence::defaulted:
        if (child->kind == ParamKind::section) {
          out[std::string(key)] = walk_object(json::object(), std::string(child->path), child_path, values);
        } else if (child->kind == ParamKind::array) {
          out[std::string(key)] = walk_value(*child, child_path, json::array(), values);
        } else {
          out[std::string(key)] = parse_leaf(*child, child_path, default_json(*child), values);
        }
        break;
    }
  }
  return out;
}

}  // namespace

ScenarioValues parse_scenario(const json& document) {
  if (!document.is_object()) throw ScenarioError("(document): expected a JSON object, got " + document.dump());
  ScenarioValues values;
  values.mutable_normalized() = walk_object(document, "", "", values);
  return values;
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

json parse_json_text(std::string_view text, std::string_view source) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // error.byte is the 1-based index of the byte where parsing stopped.
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    const auto [line, column] = line_and_column(text, offset);
    std::string detail = error.what();
    const std::size_t column_at = detail.find("column ");
    const std::size_t colon = column_at == std::string::npos ? std::string::npos : detail.find(": ", column_at);
    if (colon != std::string::npos) {
      detail = detail.substr(colon + 2);
    } else if (const std::size_t bracket = detail.find("] "); bracket != std::string::npos) {
      detail = detail.substr(bracket + 2);
    }
    throw ScenarioError(std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        ": malformed JSON: " + detail);
  } catch (const json::exception& error) {  // e.g. out_of_range: a number too large for a double
    throw ScenarioError(std::string(source) + ": malformed JSON: " + error.what());
  }
}

json read_json_file(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw ScenarioError(path.string() + ": is a directory, expected a JSON file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError(path.string() + ": cannot open file: " +
                        (std::filesystem::exists(path, error) ? "permission denied" : "no such file"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_json_text(text.str(), path.string());
}

ScenarioValues load_scenario_file(const std::filesystem::path& path, const ScenarioOverrides& overrides) {
  json document = read_json_file(path);
  try {
    apply_overrides(document, overrides);
    return parse_scenario(document);
  } catch (const ScenarioError& error) {
    throw ScenarioError(path.string() + ": " + error.what());
  }
}

}  // namespace clustersim::models::study
