#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <ostream>

#include "app/atomic_write.hpp"
#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"
#include "models/study/compare.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/resolve.hpp"
#include "models/study/resolved_json.hpp"
#include "models/study/result_format.hpp"
#include "models/study/schema_doc.hpp"

namespace clustersim::cli {

namespace study = models::study;

namespace {

// A progress bar on stderr, only when stderr is a terminal and there is more than one run.
bool shows_progress(int runs) {
  return runs > 1 && ::isatty(STDERR_FILENO) != 0;
}

void draw_progress_bar(const std::string& label, int done, int all) {
  const int width = 30;
  const int filled = done * width / all;
  std::fprintf(stderr, "\r%s [%s%s] %d/%d seeds", label.c_str(), std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), done, all);
  if (done == all) std::fputc('\n', stderr);
  std::fflush(stderr);
}

study::ProgressCallback progress_bar(const std::string& label, int total) {
  if (!shows_progress(total)) return {};
  return [label](int done, int all) { draw_progress_bar(label, done, all); };
}

// One bar per candidate of a comparison.
void compare_progress_bar(const study::CompareProgress& progress) {
  if (shows_progress(progress.seeds)) draw_progress_bar(progress.scenario, progress.done, progress.seeds);
}

// Scenario names become file names: keep [A-Za-z0-9._-], replace the rest.
std::string file_stem(const std::string& name) {
  std::string stem;
  for (const char c : name) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    stem += keep ? c : '_';
  }
  return stem.empty() || stem[0] == '.' ? "scenario" + stem : stem;
}

study::StudyResult simulate(const study::ResolvedScenario& scenario, int seeds_option) {
  const int seeds = seeds_option > 0 ? seeds_option : scenario.seeds;
  return study::run_study(scenario, seeds, scenario.seed, progress_bar(scenario.name, seeds));
}

// The first seed again, traced for Perfetto; written to a temporary file, then renamed.
void write_trace(const std::string& path, const study::ResolvedScenario& scenario) {
  const std::filesystem::path target(path);
  const std::filesystem::path temporary = target.string() + ".partial";
  {
    std::ofstream file(temporary);
    if (!file) throw app::OutputError("--trace: cannot write " + temporary.string());
    study::trace_first_seed(scenario, file);
    if (!file.flush()) throw app::OutputError("--trace: writing " + temporary.string() + " failed");
  }
  std::filesystem::rename(temporary, target);
}

}  // namespace

int run_scenario_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    if (options.format != "table" && options.format != "json" && options.format != "csv") {
      throw study::ScenarioError("--format: expected table, json or csv, got \"" + options.format + "\"");
    }
    const auto catalog = study::load_catalog_source();
    const study::ResolvedScenario scenario = study::load_resolved_scenario(
        options.scenario, *catalog, run_limits(options.limits), study::parse_overrides(options.set));
    if (!options.out_dir.empty()) app::ensure_writable_directory(options.out_dir);  // fail before simulating
    const study::StudyResult result = simulate(scenario, options.seeds);
    const std::string json = study::result_json_text(result, scenario);
    const std::string csv = study::csv_header() + study::csv_row(result);
    if (!options.out_dir.empty()) {
      const std::filesystem::path dir(options.out_dir);
      const std::string stem = file_stem(scenario.name);
      app::write_file_atomically(dir / (stem + ".json"), json);
      app::write_file_atomically(dir / (stem + ".csv"), csv);
      app::write_file_atomically(dir / (stem + ".txt"), study::summary_table(result, scenario));
    }
    if (!options.trace_path.empty()) write_trace(options.trace_path, scenario);
    if (options.format == "json") {
      out << json;
    } else if (options.format == "csv") {
      out << csv;
    } else {
      out << study::summary_table(result, scenario);
    }
    return 0;
  });
}

int compare_command(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    if (options.scenarios.size() < 2) throw study::ScenarioError("compare: give at least two scenarios");
    if (!(options.target_progress > 0 && options.target_progress <= 1)) {
      throw study::ScenarioError("--target-progress: expected a number in (0, 1]");
    }
    std::vector<study::ResolvedScenario> scenarios =
        study::load_candidates(options.scenarios, run_limits(options.limits), study::parse_overrides(options.set));
    if (!options.out_dir.empty()) app::ensure_writable_directory(options.out_dir);
    const std::vector<study::Candidate> candidates =
        study::run_comparison(std::move(scenarios), options.seeds, compare_progress_bar);
    study::Target target{options.target_progress, std::nullopt};
    if (!options.deadline.empty())
      target.deadline_s = study::parse_limit_duration("--deadline", options.deadline).to_seconds();
    const std::string table = study::compare_table(candidates, target);
    if (!options.out_dir.empty()) {
      const std::filesystem::path dir(options.out_dir);
      app::write_file_atomically(dir / "compare.txt", table);
      app::write_file_atomically(dir / "compare.csv", study::compare_csv(candidates));
      app::write_file_atomically(dir / "compare.json", study::compare_json(candidates, target).dump(2) + "\n");
    }
    out << table;
    return 0;
  });
}

int validate_command(const std::string& scenario_path, const std::vector<std::string>& set, const LimitOptions& limits,
                     bool resolved, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const auto catalog = study::load_catalog_source();
    const study::ResolvedScenario scenario =
        study::load_resolved_scenario(scenario_path, *catalog, run_limits(limits), study::parse_overrides(set));
    study::validate_resolved_scenario(scenario);
    if (resolved) {
      const nlohmann::json document = {{"model", study::resolved_model_json(scenario)}, {"derived", scenario.derived}};
      out << document.dump(2) << "\n";
      return 0;
    }
    out << scenario_path << ": ok (" << scenario.name << ": " << scenario.campaign.nodes << " nodes x "
        << scenario.campaign.node.gpus << " GPUs, " << scenario.campaign.failures.causes.size() << " failure causes, "
        << scenario.campaign.checkpoint.levels.size() << " checkpoint levels)\n";
    return 0;
  });
}

int catalog_command(const std::string& name, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const auto catalog = study::load_catalog_source();
    if (!name.empty()) {
      out << catalog->describe(name) << "\n";
      return 0;
    }
    for (const auto& [kind, names] : catalog->names()) {
      out << kind << ":";
      for (const std::string& entry : names) out << " " << entry;
      out << "\n";
    }
    return 0;
  });
}

int schema_command(bool catalog, std::ostream& out) {
  out << (catalog ? study::catalog_schema_text() : study::schema_markdown());
  return 0;
}

}  // namespace clustersim::cli
