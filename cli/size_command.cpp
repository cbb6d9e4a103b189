// `clustersim size`: see models/study/sizing.hpp.
#include <charconv>
#include <exception>
#include <filesystem>
#include <ostream>
#include <variant>

#include "app/atomic_write.hpp"
#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"
#include "models/study/param_table.hpp"
#include "models/study/sizing.hpp"
#include "models/study/sweep_spec.hpp"

namespace clustersim::cli {

namespace study = models::study;

namespace {

// A bound given as a plain number or a quantity with a unit, in the parameter's SI unit: the value is
// set in the scenario and read back through the scenario parser, so it accepts exactly what a scenario does.
double si_value(const nlohmann::json& document, const std::string& path, const std::string& text,
                const std::string& option) {
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc() && end == text.data() + text.size()) return number;
  nlohmann::json candidate = document;
  study::set_json_path(candidate, path, text);
  try {
    const study::ScenarioValues values = study::parse_scenario(candidate);
    try {
      return values.number(path);
    } catch (const std::bad_variant_access&) {
      return values.duration(path).to_seconds();
    }
  } catch (const study::ScenarioError& e) {
    throw study::ScenarioError(option + " \"" + text + "\": " + e.what());
  } catch (const std::bad_variant_access&) {
    throw study::ScenarioError(option + " \"" + text + "\": expected a number");
  }
}

}  // namespace

int size_command(const SizeOptions& options, std::ostream& out, std::ostream& err) {
  return guarded(
      err,
      [&] {
        nlohmann::json document = study::read_json_file(options.scenario);
        study::apply_overrides(document, study::parse_overrides(options.set));
        study::SizingOptions sizing;
        sizing.param_path = options.param;
        sizing.lo = si_value(document, options.param, options.lo, "--lo");
        sizing.hi = si_value(document, options.param, options.hi, "--hi");
        sizing.target_progress = options.target_progress;
        sizing.confidence = options.confidence;
        if (!options.deadline.empty())
          sizing.deadline_s = study::parse_limit_duration("--deadline", options.deadline).to_seconds();
        if (options.maximize == "forward_progress")
          sizing.objective = study::SizingObjective::maximize_forward_progress;
        if (options.minimize == "usd_per_trained_token")
          sizing.objective = study::SizingObjective::minimize_usd_per_trained_token;
        if (!options.maximize.empty() && !options.minimize.empty())
          throw study::ScenarioError("--maximize and --minimize: give one objective");
        sizing.seeds = options.seeds;
        sizing.limits = run_limits(options.limits);
        sizing.scenario_directory = std::filesystem::path(options.scenario).parent_path();
        if (!options.tolerance.empty())
          sizing.tolerance = si_value(document, options.param, options.tolerance, "--tolerance");
        const auto catalog = study::load_catalog_source();
        if (!options.out_dir.empty()) app::ensure_writable_directory(options.out_dir);
        const study::SizingResult result = study::size_parameter(document, *catalog, sizing);
        const std::string table = study::sizing_table(result);
        if (!options.out_dir.empty()) {
          const std::filesystem::path dir(options.out_dir);
          app::write_file_atomically(dir / "sizing.txt", table);
          app::write_file_atomically(dir / "sizing.csv", study::sizing_csv(result));
          app::write_file_atomically(dir / "sizing.json", study::sizing_json(result).dump(2) + "\n");
        }
        out << table;
        return result.answer ? 0 : 1;
      },
      options.scenario);
}

}  // namespace clustersim::cli
