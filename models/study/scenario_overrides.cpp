#include "models/study/scenario_overrides.hpp"

#include "models/study/param_table.hpp"
#include "models/study/scenario_values.hpp"
#include "models/study/sweep_spec.hpp"

namespace clustersim::models::study {

ScenarioOverride parse_override(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw ScenarioError("--set \"" + text +
                        "\": expected PATH=VALUE, e.g. architecture.storage.write_bandwidth=100GB/s");
  }
  ScenarioOverride override_;
  override_.path = text.substr(0, equals);
  const std::string value = text.substr(equals + 1);
  if (find_param(pattern_path(override_.path)) == nullptr) {
    throw ScenarioError("--set " + override_.path + ": not a scenario parameter (see `clustersim schema`)");
  }
  override_.value = nlohmann::json::accept(value) ? nlohmann::json::parse(value) : nlohmann::json(value);
  return override_;
}

ScenarioOverrides parse_overrides(const std::vector<std::string>& texts) {
  ScenarioOverrides overrides;
  for (const std::string& text : texts) overrides.push_back(parse_override(text));
  return overrides;
}

void apply_overrides(nlohmann::json& document, const ScenarioOverrides& overrides) {
  for (const ScenarioOverride& override_ : overrides) {
    try {
      set_json_path(document, override_.path, override_.value);
    } catch (const SweepError& error) {
      throw ScenarioError("--set " + override_.path + ": " + error.what());
    }
  }
}

}  // namespace clustersim::models::study
