// What-if changes to a scenario without editing its file: `--set PATH=VALUE` on run, compare, sweep, size and
// validate. PATH is a scenario parameter path as docs/schema.md lists it, with array indices
// ("policies.checkpoint.levels[2].interval"); VALUE is JSON when it parses as JSON (4, 0.5, true, {"catalog":
// "DGX-H100"}) and otherwise the text itself ("400 GB/s", "10 min", "DGX-H100"). Overrides apply in order to the
// scenario document before it is parsed, so a bad value gets the scenario's own message naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace clustersim::models::study {

struct ScenarioOverride {
  std::string path;
  nlohmann::json value;
};
using ScenarioOverrides = std::vector<ScenarioOverride>;

// "PATH=VALUE"; throws ScenarioError naming --set when there is no '=' or PATH is not a declared parameter.
ScenarioOverride parse_override(const std::string& text);
ScenarioOverrides parse_overrides(const std::vector<std::string>& texts);
// Sets each override in `document` (creating the objects on its path); throws ScenarioError naming --set and the
// path when it cannot be set (an index past the end of an array, a path through a number).
void apply_overrides(nlohmann::json& document, const ScenarioOverrides& overrides);

}  // namespace clustersim::models::study
