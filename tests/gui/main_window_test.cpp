// The what-if desk: a reference scenario opened and run shows the study API's figures for the same seed in the
// compare table, the detail and the charts; every view opens; variants are pinned beside each other, sorted and
// exported with the study API's CSV and JSON; Cancel drops a long run; a failed run leaves no stale figures; no
// bad file crashes it; the headless render mode writes its three PNGs. Each test saves screenshots of its views.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gui/compare_table.hpp"
#include "gui/knob_panel.hpp"
#include "gui/render_charts.hpp"
#include "gui/scenario_editor.hpp"
#include "gui_test_support.hpp"
#include "models/study/monte_carlo.hpp"
#include "models/study/resolve.hpp"
#include "models/study/result_format.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

TEST_CASE("a reference scenario run in the window shows the study API's figures for the same seed", "[gui][window]") {
  gui::MainWindow window({enterprise_local});
  REQUIRE(window.editor()->valid());
  REQUIRE(window.run_button()->isEnabled());
  window.set_seeds(1);
  REQUIRE(run_and_wait(window));

  const auto catalog = study::load_catalog_source();
  const study::ResolvedScenario scenario = study::load_resolved_scenario(enterprise_local.toStdString(), *catalog);
  const study::StudyResult expected = study::run_study(scenario, 1, scenario.seed);

  const QTableWidget* table = window.results_table();
  REQUIRE(table->rowCount() == 1);
  REQUIRE(table->item(0, gui::kScenarioColumn)->text() == "enterprise1k-local-nvme");
  REQUIRE(table->item(0, gui::kProgressColumn)->data(gui::kSortRole).toDouble() == expected.forward_progress.mean);
  REQUIRE(table->item(0, gui::kCostColumn)->data(gui::kSortRole).toDouble() == expected.total_usd.mean);
  REQUIRE(table->item(0, gui::kDaysColumn)->data(gui::kSortRole).toDouble() == expected.time_to_train_s.mean / 86400.0);
  REQUIRE(table->item(0, gui::kMeetsColumn)->text() ==
          (study::meets_target(expected, window.target()) ? "yes — cheapest" : "no"));
  // The detail is the summary `clustersim run` prints for the same study.
  REQUIRE(window.detail_text().toStdString() == study::summary_table(expected, scenario));
  for (const char* part : {"where the time went", "checkpoint copies", "storage tiers", "cost breakdown"})
    REQUIRE(window.detail_text().contains(part));

  // Every view opens and is saved as a screenshot.
  window.show();
  save_screenshot(&window, "window_after_run");
  for (int i = 0; i < window.tabs()->count(); ++i) {
    window.tabs()->setCurrentIndex(i);
    REQUIRE(window.tabs()->currentWidget()->isVisible());
    save_screenshot(window.tabs()->currentWidget(), "view_" + window.tabs()->tabText(i).toLower().replace(' ', '_'));
  }
}

TEST_CASE("pinned variants stand beside the current one, sorted and exported by the study API", "[gui][window]") {
  gui::MainWindow window({enterprise_local});
  window.set_seeds(1);
  window.set_target_progress(0.5);
  REQUIRE(run_and_wait(window));
  window.pin();
  QSlider* scale = window.knobs()->slider("failures.scale");
  REQUIRE(scale);
  REQUIRE(wait_for_study(window, [&] { scale->setValue(scale->value() * 4); }));

  const std::vector<study::Candidate> candidates = window.candidates();
  REQUIRE(candidates.size() == 2);
  REQUIRE(candidates[0].result.scenario == "enterprise1k-local-nvme");
  REQUIRE(candidates[1].result.scenario == "enterprise1k-local-nvme [failures.scale=4.0]");
  QTableWidget* table = window.results_table();
  REQUIRE(table->rowCount() == 2);

  // The cheapest candidate meeting the target is marked by the shared rule.
  const auto best = study::cheapest_meeting(candidates, window.target());
  REQUIRE(best);
  int marked = 0;
  for (int row = 0; row < table->rowCount(); ++row) {
    if (table->item(row, gui::kMeetsColumn)->text() != "yes — cheapest") continue;
    ++marked;
    REQUIRE(table->item(row, gui::kScenarioColumn)->text().toStdString() == candidates[*best].result.scenario);
  }
  REQUIRE(marked == 1);
  // A deadline no candidate meets: nothing is marked (the same rule, with the deadline).
  window.set_deadline_days(1);
  REQUIRE_FALSE(study::cheapest_meeting(candidates, window.target()));
  for (int row = 0; row < table->rowCount(); ++row) REQUIRE(table->item(row, gui::kMeetsColumn)->text() == "no");
  window.set_deadline_days(0);

  // Sorting by a numeric column orders by value.
  table->sortItems(gui::kProgressColumn, Qt::DescendingOrder);
  REQUIRE(table->item(0, gui::kProgressColumn)->data(gui::kSortRole).toDouble() >=
          table->item(1, gui::kProgressColumn)->data(gui::kSortRole).toDouble());
  table->sortItems(gui::kProgressColumn, Qt::AscendingOrder);
  REQUIRE(table->item(0, gui::kProgressColumn)->data(gui::kSortRole).toDouble() <=
          table->item(1, gui::kProgressColumn)->data(gui::kSortRole).toDouble());

  QTemporaryDir dir;
  REQUIRE(window.export_compare_csv(dir.filePath("compare.csv")));
  REQUIRE(window.export_compare_json(dir.filePath("compare.json")));
  QFile csv(dir.filePath("compare.csv"));
  REQUIRE(csv.open(QIODevice::ReadOnly));
  REQUIRE(csv.readAll().toStdString() == study::compare_csv(candidates));
  QFile json(dir.filePath("compare.json"));
  REQUIRE(json.open(QIODevice::ReadOnly));
  REQUIRE(nlohmann::json::parse(json.readAll().toStdString()) ==
          nlohmann::json::parse(study::compare_json(candidates, window.target()).dump()));
  REQUIRE_FALSE(window.export_compare_csv("/no/such/dir/compare.csv"));
  REQUIRE(window.status_text().contains("/no/such/dir"));
  REQUIRE(window.export_charts(dir.path()));
  REQUIRE(QImage(dir.filePath("forward_progress.png")).size() == gui::chart_png_size);

  window.show();
  window.tabs()->setCurrentIndex(0);
  save_screenshot(&window, "window_pinned_variants");
  window.tabs()->setCurrentIndex(1);
  save_screenshot(window.tabs()->currentWidget(), "view_forward_progress_two_variants");
}

TEST_CASE("files given together are compared: each runs and is pinned, the last stays in the editor", "[gui][window]") {
  gui::MainWindow window;
  window.set_seeds(1);
  REQUIRE(wait_for_study(window, [&] { window.compare_files({enterprise_pfs, enterprise_local}); }));
  REQUIRE(window.editor()->file_path() == enterprise_local);
  REQUIRE(window.candidates().size() == 1);
  REQUIRE(window.candidates()[0].result.scenario == "enterprise1k-pfs");
  REQUIRE(run_and_wait(window));
  REQUIRE(window.candidates().size() == 2);
  REQUIRE(window.candidates()[1].result.scenario == "enterprise1k-local-nvme");
  REQUIRE(window.results_table()->rowCount() == 2);

  // A file that fails stops the comparison, naming the file.
  REQUIRE(wait_for_study(window, [&] { window.compare_files({enterprise_pfs, "/no/such/file.json"}); }));
  REQUIRE(window.editor()->file_path() == enterprise_pfs);
  REQUIRE(window.status_text().contains("/no/such/file.json"));
  REQUIRE_FALSE(window.running());
}

TEST_CASE("Cancel drops a long run; the worker is free for the next one", "[gui][window]") {
  gui::MainWindow window({enterprise_local});
  window.set_seeds(200);
  bool finished = false;
  QObject::connect(&window, &gui::MainWindow::study_finished, [&](bool) { finished = true; });
  window.run();
  REQUIRE(window.running());
  spin(300);
  window.show();
  save_screenshot(&window, "window_running");
  window.cancel();
  REQUIRE_FALSE(window.running());
  REQUIRE(window.status_text() == "Cancelled.");
  spin(1500);
  REQUIRE_FALSE(finished);  // the dropped run never reports
  REQUIRE(window.results_table()->rowCount() == 0);
  window.set_seeds(1);
  REQUIRE(run_and_wait(window));
  REQUIRE(window.results_table()->rowCount() == 1);
}

TEST_CASE("a failed run clears the figures and shows the error with its path", "[gui][window]") {
  gui::MainWindow window({enterprise_local});
  window.set_seeds(1);
  REQUIRE(run_and_wait(window));
  REQUIRE(window.results_table()->rowCount() == 1);
  // The smallest node count puts every node under one leaf: no partner in another rack.
  QSlider* nodes = window.knobs()->slider("architecture.nodes");
  REQUIRE(nodes);
  REQUIRE_FALSE(wait_for_study(window, [&] { nodes->setValue(nodes->minimum()); }));
  REQUIRE(window.results_table()->rowCount() == 0);
  REQUIRE(window.detail_text().isEmpty());
  REQUIRE(window.candidates().empty());
  INFO(window.status_text().toStdString());
  REQUIRE(window.status_text().contains("policies.checkpoint.levels[1]"));
  window.show();
  save_screenshot(&window, "window_failed_run");
}

TEST_CASE("no bad file crashes the window; each error names the file", "[gui][window]") {
  QTemporaryDir dir;
  const auto write = [&](const QString& name, const QByteArray& content) {
    QFile file(dir.filePath(name));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return dir.filePath(name);
  };
  gui::MainWindow window;
  REQUIRE_FALSE(window.run_button()->isEnabled());
  REQUIRE(window.open_scenario("/no/such/scenario.json").contains("/no/such/scenario.json"));
  const QString malformed = write("malformed.json", "{\"name\": ");
  REQUIRE(window.open_scenario(malformed).contains("malformed JSON"));
  const QString binary = write("binary.json", QByteArray("\x00\xff\xfe\x01", 4));
  REQUIRE(window.open_scenario(binary).contains("binary.json"));
  REQUIRE_FALSE(window.editor()->loaded());
  REQUIRE_FALSE(window.run_button()->isEnabled());

  // Loadable JSON that is not a valid scenario: loaded, Run disabled with the message.
  const QString array = write("array.json", "[1, 2]");
  REQUIRE(window.open_scenario(array).isEmpty());
  REQUIRE_FALSE(window.run_button()->isEnabled());
  REQUIRE(window.run_button()->toolTip().contains("expected a JSON object"));
  const QString unknown = write("unknown.json", "{\"name\": \"x\", \"architecure\": {}}");
  REQUIRE(window.open_scenario(unknown).isEmpty());
  REQUIRE(window.editor()->check().error.find("architecure") != std::string::npos);
  REQUIRE_FALSE(window.run_button()->isEnabled());
  // Every section of the wrong type: the tree still builds, the check names a field.
  const QString wrong_types = write("wrong_types.json",
                                    R"({"name": 3, "architecture": 5, "workload": [], "failures": "x",
                                        "policies": {"checkpoint": {"levels": [1, "x", {"target": 7}]}}})");
  REQUIRE(window.open_scenario(wrong_types).isEmpty());
  REQUIRE_FALSE(window.editor()->check().error_path.empty());
  REQUIRE(window.editor()->item_of("policies.checkpoint.levels[2].target"));
  REQUIRE_FALSE(window.run_button()->isEnabled());
  window.run();  // refused, with the reason
  REQUIRE(window.status_text().contains("Run disabled"));
  REQUIRE(window.results_table()->rowCount() == 0);
}

TEST_CASE("clustersim-gui --help prints help and exits 0 without a display", "[gui][help]") {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) environment.remove(name);
  process.setProcessEnvironment(environment);
  process.start(CLUSTERSIM_GUI, {"--help"});
  REQUIRE(process.waitForFinished(30'000));
  REQUIRE(process.exitStatus() == QProcess::NormalExit);
  REQUIRE(process.exitCode() == 0);
  REQUIRE(process.readAllStandardOutput().contains("Usage:"));
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
