// Checking a scenario document (an edited scenario, not a file) the way `clustersim validate` checks a file:
// `--set`-style overrides applied first, then parsed against the parameter table, resolved against the catalog
// and checked like the campaign model checks it before it runs (parse_scenario, resolve_scenario,
// validate_resolved_scenario). Never throws: the error is the study API's own message, with its leading JSON
// path split off so that a front end can mark the field. The desktop application checks every edit and every
// knob setting with it, and bench/ measures a slider's re-run with it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "models/study/catalog_source.hpp"
#include "models/study/resolved_scenario.hpp"
#include "models/study/run_limits.hpp"
#include "models/study/scenario_overrides.hpp"

namespace clustersim::models::study {

struct DocumentCheck {
  std::optional<ResolvedScenario> scenario;  // set when the document is valid
  std::string error;                         // the message, "" when valid
  std::string error_path;                    // its JSON path ("architecture.nodes"), "" if it names none
};

// `scenario_dir`: where a relative architecture.fabric.platform is looked up (the file's directory).
DocumentCheck check_document(const nlohmann::json& document, const CatalogSource& catalog,
                             const ScenarioOverrides& overrides = {}, const RunLimits& limits = {},
                             const std::filesystem::path& scenario_dir = {});

// The JSON path a message starts with: "architecture.nodes: expected ..." and "--set failures.scale: ..." give
// "architecture.nodes" and "failures.scale"; "" when it starts with none.
std::string message_path(const std::string& message);

}  // namespace clustersim::models::study
