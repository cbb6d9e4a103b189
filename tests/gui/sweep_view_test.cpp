// Sweeps in the window: a one-axis sweep is a line chart of its points, a two-axis cartesian sweep a heatmap
// whose target contour surrounds exactly the cells meeting the target; clicking a cell opens that point in the
// editor (the base with the point's overrides) and runs it, with the figures the sweep showed for it.
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLineSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gui/scenario_editor.hpp"
#include "gui/sweep_heatmap.hpp"
#include "gui/sweep_view.hpp"
#include "gui_test_support.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

namespace {

const QString sizing_sweep = CLUSTERSIM_SOURCE_DIR "/scenarios/sweeps/enterprise1k-sizing.json";

// Shared-storage bandwidth x failure-rate scale on the all-flash PFS scenario: 16 points, one seed each.
QString write_grid_sweep(const QTemporaryDir& dir) {
  const nlohmann::json sweep = {
      {"description", "bandwidth x failure scale"},
      {"base", CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-pfs.json"},
      {"axes",
       {{{"path", "failures.scale"}, {"values", {0.5, 1, 2, 4}}},
        {{"path", "architecture.storage.write_bandwidth"}, {"values", {"5 GB/s", "20 GB/s", "100 GB/s", "400 GB/s"}}}}},
      {"seeds", 1}};
  QFile file(dir.filePath("grid.json"));
  REQUIRE(file.open(QIODevice::WriteOnly));
  file.write(QByteArray::fromStdString(sweep.dump(2)));
  return file.fileName();
}

void run_sweep(gui::MainWindow& window, const QString& path) {
  QEventLoop loop;
  bool done = false;
  QObject::connect(&window, &gui::MainWindow::sweep_finished, &loop, [&] {
    done = true;
    loop.quit();
  });
  QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
  REQUIRE(window.open_sweep(path).isEmpty());
  if (!done) loop.exec();
  REQUIRE(done);
}

}  // namespace

TEST_CASE("a one-axis sweep is a line chart of its points", "[gui][sweep]") {
  gui::MainWindow window;
  run_sweep(window, sizing_sweep);
  const gui::SweepOutcomePtr outcome = window.sweep_outcome();
  REQUIRE(outcome->points.size() == 8);
  REQUIRE_FALSE(window.sweep_view()->shows_heatmap());
  REQUIRE(window.tabs()->currentWidget() == window.sweep_view());
  const auto series = window.sweep_view()->line_view()->chart()->series();
  REQUIRE(series.size() == 3);
  const auto* mean = qobject_cast<QLineSeries*>(series[0]);
  REQUIRE(mean->count() == 8);
  for (int i = 0; i < 8; ++i) REQUIRE(mean->at(i).y() == outcome->points[i]->result.forward_progress.mean);
  // More storage bandwidth is never worse (the sizing curve).
  REQUIRE(mean->at(7).y() >= mean->at(0).y());
  window.show();
  save_screenshot(window.sweep_view(), "view_sweep_line");

  REQUIRE(window.open_sweep("/no/such/sweep.json").contains("/no/such/sweep.json"));
}

TEST_CASE("a two-axis sweep is a heatmap with the target contour; a click opens the point", "[gui][sweep]") {
  QTemporaryDir dir;
  gui::MainWindow window;
  run_sweep(window, write_grid_sweep(dir));
  const gui::SweepOutcomePtr outcome = window.sweep_outcome();
  REQUIRE(outcome->points.size() == 16);
  REQUIRE(window.sweep_view()->shows_heatmap());
  // A target at the median point splits the grid: the contour runs between the cells.
  std::vector<double> progress;
  for (const auto& point : outcome->points) progress.push_back(point->result.forward_progress.ci95_low);
  std::sort(progress.begin(), progress.end());
  window.set_target_progress(progress[8]);
  std::size_t meeting = 0;
  for (const auto& point : outcome->points) meeting += study::meets_target(point->result, window.target()) ? 1 : 0;
  REQUIRE(meeting > 0);
  REQUIRE(meeting < 16);
  window.show();
  window.resize(1400, 900);
  save_screenshot(window.sweep_view(), "view_sweep_heatmap");

  gui::SweepHeatmap* heatmap = window.sweep_view()->heatmap();
  const std::size_t point = 13;
  const QRect cell = heatmap->cell_rect(point);
  REQUIRE(cell.isValid());
  REQUIRE(wait_for_study(window, [&] { QTest::mouseClick(heatmap, Qt::LeftButton, {}, cell.center()); }));
  const study::SweepSpec& spec = outcome->spec;
  // The editor holds the point's scenario (catalog shorthands in their object form: the same scenario).
  const auto catalog = study::load_catalog_source();
  const study::DocumentCheck expected =
      study::check_document(study::point_document(spec, study::sweep_point(spec, point)), *catalog);
  REQUIRE(window.editor()->valid());
  REQUIRE(window.editor()->check().scenario->scenario == expected.scenario->scenario);
  REQUIRE(window.editor()->file_path().endsWith("point 13"));
  REQUIRE(window.candidates().back().result.forward_progress.mean ==
          outcome->points[point]->result.forward_progress.mean);
}
