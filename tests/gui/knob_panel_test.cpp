// The knobs: each slider is a `--set` override on the scenario, re-runs the study in the background and moves
// the result the way the physics says (more failures: less forward progress; more storage bandwidth, more
// spares or a better fabric: not less; more nodes: a shorter time to train).
#include <QSlider>

#include <catch2/catch.hpp>

#include "gui/knob_panel.hpp"
#include "gui_test_support.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

namespace {

// Moves the slider of `path` to `position` and returns the current variant's result after the re-run.
study::StudyResult slide(gui::MainWindow& window, const char* path, int position) {
  QSlider* slider = window.knobs()->slider(path);
  REQUIRE(slider);
  REQUIRE(wait_for_study(window, [&] { slider->setValue(position); }));
  REQUIRE(window.candidates().size() == 1);
  return window.candidates().back().result;
}

}  // namespace

TEST_CASE("each knob moves the result in the expected direction", "[gui][knobs]") {
  gui::MainWindow window({enterprise_local});
  window.set_seeds(1);
  REQUIRE(run_and_wait(window));
  const study::StudyResult base = window.candidates().back().result;
  REQUIRE(window.knobs()->overrides().empty());

  SECTION("failure-rate scale: more failures, less forward progress") {
    const study::StudyResult more = slide(window, "failures.scale", 40);
    REQUIRE(window.knobs()->description() == "failures.scale=4.0");
    REQUIRE(more.forward_progress.mean < base.forward_progress.mean);
    REQUIRE(more.interruptions.mean > base.interruptions.mean);
    const study::StudyResult none = slide(window, "failures.scale", 0);
    REQUIRE(none.forward_progress.mean > base.forward_progress.mean);
    window.show();
    save_screenshot(&window, "knobs_failure_scale");
  }
  SECTION("shared-storage write bandwidth: more is never worse, less is never better") {
    QSlider* slider = window.knobs()->slider("architecture.storage.write_bandwidth");
    const int at = slider->value();
    REQUIRE(slide(window, "architecture.storage.write_bandwidth", at * 4).forward_progress.mean >=
            base.forward_progress.mean);
    REQUIRE(slide(window, "architecture.storage.write_bandwidth", 1).forward_progress.mean <=
            base.forward_progress.mean);
  }
  SECTION("checkpoint interval per level: a longer DRAM interval blocks less, loses more") {
    const study::StudyResult longer = slide(window, "policies.checkpoint.levels[0].interval", 30);
    REQUIRE(window.knobs()->description() == "policies.checkpoint.levels[0].interval=30 min");
    REQUIRE(longer.breakdown_s.at("checkpoint_blocking") < base.breakdown_s.at("checkpoint_blocking"));
    REQUIRE(longer.breakdown_s.at("lost_work") > base.breakdown_s.at("lost_work"));
  }
  SECTION("leaf oversubscription: more is never better") {
    const study::StudyResult worse = slide(window, "architecture.fabric.oversubscription", 15);  // 8:1
    REQUIRE(window.knobs()->description() == "architecture.fabric.oversubscription=8.0");
    REQUIRE(worse.forward_progress.mean <= base.forward_progress.mean);
    REQUIRE(worse.breakdown_s.at("exposed_communication") >= base.breakdown_s.at("exposed_communication"));
  }
  SECTION("spare nodes: more are never worse") {
    QSlider* slider = window.knobs()->slider("architecture.spare_nodes");
    REQUIRE(slide(window, "architecture.spare_nodes", slider->value() * 4).forward_progress.mean >=
            base.forward_progress.mean);
    REQUIRE(slide(window, "architecture.spare_nodes", 0).forward_progress.mean <= base.forward_progress.mean);
  }
  SECTION("node count: twice the nodes (and data parallelism) train sooner") {
    QSlider* slider = window.knobs()->slider("architecture.nodes");
    const study::StudyResult bigger = slide(window, "architecture.nodes", slider->value() * 2);
    REQUIRE(window.knobs()->description() == "architecture.nodes=256, workload.training.parallelism.dp=64");
    REQUIRE(bigger.time_to_train_s.mean < base.time_to_train_s.mean);
  }
}

TEST_CASE("a newer slider value supersedes the run in flight: only its result is shown", "[gui][knobs]") {
  gui::MainWindow window({enterprise_local});
  window.set_seeds(20);
  QSlider* scale = window.knobs()->slider("failures.scale");
  int finished = 0;
  QObject::connect(&window, &gui::MainWindow::study_finished, [&](bool) { ++finished; });
  scale->setValue(20);
  spin(400);  // the first re-run has started
  REQUIRE(wait_for_study(window, [&] { scale->setValue(30); }));
  spin(500);
  REQUIRE(finished == 1);
  REQUIRE(window.candidates().size() == 1);
  REQUIRE(window.candidates().back().result.scenario == "enterprise1k-local-nvme [failures.scale=3.0]");
}
