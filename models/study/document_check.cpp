#include "models/study/document_check.hpp"

#include <exception>
#include <string_view>

#include "models/study/resolve.hpp"
#include "models/study/scenario_values.hpp"

namespace clustersim::models::study {

DocumentCheck check_document(const nlohmann::json& document, const CatalogSource& catalog,
                             const ScenarioOverrides& overrides, const RunLimits& limits,
                             const std::filesystem::path& scenario_dir) {
  DocumentCheck check;
  try {
    nlohmann::json variant = document;
    apply_overrides(variant, overrides);
    ResolvedScenario scenario = resolve_scenario(parse_scenario(variant), catalog, limits, scenario_dir);
    validate_resolved_scenario(scenario);
    check.scenario = std::move(scenario);
  } catch (const std::exception& error) {
    check.error = error.what();
    check.error_path = message_path(check.error);
  }
  return check;
}

std::string message_path(const std::string& message) {
  constexpr std::string_view set_flag = "--set ";
  const std::size_t start = message.rfind(set_flag, 0) == 0 ? set_flag.size() : 0;
  const std::size_t colon = message.find(": ", start);
  if (colon == std::string::npos || colon == start) return "";
  const std::string head = message.substr(start, colon - start);
  for (const char c : head) {
    const bool path_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                           c == '.' || c == '[' || c == ']';
    if (!path_char) return "";
  }
  return head;
}

}  // namespace clustersim::models::study
