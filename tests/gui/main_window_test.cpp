// The window: constructs, takes scenario paths, runs a study on its worker thread and fills the
// results table; a bad file is reported by name. The headless render mode writes its three PNGs.
#include <QEventLoop>
#include <QImage>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <catch2/catch.hpp>
#include <sstream>

#include "gui/main_window.hpp"
#include "gui/render_charts.hpp"

namespace gui = clustersim::gui;

namespace {

const QString enterprise_local = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-local-nvme.json";
const QString enterprise_pfs = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-pfs.json";

// Runs the window's study and waits (event loop, 15 s at most) for study_finished; returns its flag.
bool run_and_wait(gui::MainWindow& window) {
  QEventLoop loop;
  bool ok = false;
  bool done = false;
  QObject::connect(&window, &gui::MainWindow::study_finished, &loop, [&](bool success) {
    ok = success;
    done = true;
    loop.quit();
  });
  QTimer::singleShot(15000, &loop, &QEventLoop::quit);
  window.run();
  if (!done) loop.exec();
  REQUIRE(done);
  return ok;
}

}  // namespace

TEST_CASE("main window runs a study on its worker and fills the results table", "[gui][window]") {
  gui::MainWindow window({enterprise_local});
  window.add_scenario(enterprise_local);  // duplicates are ignored
  REQUIRE(window.scenario_paths() == QStringList{enterprise_local});
  REQUIRE(window.results_table()->rowCount() == 0);
  REQUIRE(window.tabs()->count() == 4);
  window.set_seeds(1);
  window.set_target_progress(0.95);
  REQUIRE(run_and_wait(window));
  QTableWidget* table = window.results_table();
  REQUIRE(table->rowCount() == 1);
  REQUIRE(table->item(0, 0)->text() == "enterprise1k-local-nvme");
  REQUIRE(table->item(0, 1)->text().startsWith("0.9"));
  REQUIRE(table->item(0, 6)->text() == "yes — cheapest");
  REQUIRE(window.status_text().contains("enterprise1k-local-nvme"));

  QTemporaryDir dir;
  REQUIRE(window.export_charts(dir.path()));
  REQUIRE(QImage(dir.filePath("breakdown.png")).size() == gui::chart_png_size);
}

TEST_CASE("main window reports a bad scenario file by name", "[gui][window]") {
  gui::MainWindow window({"/no/such/scenario.json"});
  window.set_seeds(1);
  REQUIRE_FALSE(run_and_wait(window));
  REQUIRE(window.status_text().contains("/no/such/scenario.json"));
  REQUIRE(window.results_table()->rowCount() == 0);
}

TEST_CASE("headless render mode writes three PNGs; bad input exits 2 naming the file", "[gui][render]") {
  QTemporaryDir dir;
  std::ostringstream out, err;
  REQUIRE(gui::render_charts_main({dir.path(), enterprise_local, enterprise_pfs, "--seeds", "1"}, out, err) == 0);
  for (const char* name : {"forward_progress.png", "breakdown.png", "progress.png"}) {
    const QImage image(dir.filePath(name));
    REQUIRE(image.size() == gui::chart_png_size);
  }
  std::ostringstream out2, err2;
  REQUIRE(gui::render_charts_main({dir.path(), "/no/such/file.json"}, out2, err2) == 2);
  REQUIRE(err2.str().find("/no/such/file.json") != std::string::npos);
  std::ostringstream out3, err3;
  REQUIRE(gui::render_charts_main({dir.path(), enterprise_local, "--seeds", "zero"}, out3, err3) == 2);
  REQUIRE(err3.str().find("--seeds") != std::string::npos);
}
