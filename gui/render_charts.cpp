#include "gui/render_charts.hpp"

#include <exception>
#include <filesystem>
#include <stdexcept>

#include "app/atomic_write.hpp"
#include "gui/charts.hpp"
#include "gui/study_runner.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct RenderOptions {
  QString out_dir;
  std::vector<std::string> scenarios;
  int seeds = 0;  // 0: each scenario's run.seeds
  double target_progress = 0.95;
};

RenderOptions parse(const QStringList& arguments) {
  RenderOptions options;
  std::vector<QString> positional;
  for (int i = 0; i < arguments.size(); ++i) {
    const QString& argument = arguments[i];
    if (argument == "--seeds" || argument == "--target-progress") {
      if (i + 1 >= arguments.size()) throw UsageError(argument.toStdString() + ": missing value");
      const QString value = arguments[++i];
      bool ok = false;
      if (argument == "--seeds") {
        options.seeds = value.toInt(&ok);
        if (!ok || options.seeds < 1 || options.seeds > 100000)
          throw UsageError("--seeds: expected an integer in [1, 100000], got \"" + value.toStdString() + "\"");
      } else {
        options.target_progress = value.toDouble(&ok);
        if (!ok || !(options.target_progress > 0 && options.target_progress <= 1))
          throw UsageError("--target-progress: expected a number in (0, 1], got \"" + value.toStdString() + "\"");
      }
    } else if (argument.startsWith("--")) {
      throw UsageError("--render-charts: unknown option \"" + argument.toStdString() + "\"");
    } else {
      positional.push_back(argument);
    }
  }
  if (positional.size() < 2) {
    throw UsageError(
        "usage: clustersim-gui --render-charts OUT_DIR SCENARIO.json... [--seeds N] [--target-progress X]");
  }
  options.out_dir = positional.front();
  for (std::size_t i = 1; i < positional.size(); ++i) {
    const std::string path = positional[i].toStdString();
    if (!std::filesystem::is_regular_file(path)) throw UsageError(path + ": no such scenario file");
    options.scenarios.push_back(path);
  }
  return options;
}

}  // namespace

QString write_chart_pngs(const std::vector<study::StudyResult>& results, double target_progress,
                         const QString& directory) {
  try {
    app::ensure_writable_directory(directory.toStdString());
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
  const QString base = directory.endsWith('/') ? directory : directory + "/";
  const std::pair<QString, std::unique_ptr<QChart>> charts[] = {
      {"forward_progress.png", forward_progress_chart(results, target_progress)},
      {"breakdown.png", breakdown_chart(results)},
      {"progress.png", progress_chart(results)},
  };
  for (const auto& [name, chart] : charts)
    if (!render_png(chart.get(), base + name, chart_png_size)) return "cannot write " + base + name;
  return {};
}

int render_charts_main(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  try {
    const RenderOptions options = parse(arguments);
    app::ensure_writable_directory(options.out_dir.toStdString());  // fail before simulating
    const std::vector<study::Candidate> candidates = run_candidates(options.scenarios, options.seeds);
    const QString error = write_chart_pngs(results_of(candidates), options.target_progress, options.out_dir);
    if (!error.isEmpty()) throw app::OutputError(error.toStdString());
    for (const char* name : {"forward_progress.png", "breakdown.png", "progress.png"})
      out << "wrote " << (std::filesystem::path(options.out_dir.toStdString()) / name).string() << "\n";
    return 0;
  } catch (const std::invalid_argument& error) {
    err << "error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    err << "simulation error: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace clustersim::gui
