// The Timeline view: the first seed's failures, recoveries and checkpoint copies from the study API's trace,
// one lane per trace thread; one failure tick per interruption of that seed; hovering names the events.
#include <QTabWidget>

#include <catch2/catch.hpp>

#include "gui/timeline_view.hpp"
#include "gui_test_support.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

TEST_CASE("the timeline shows the first seed's failures, recoveries and copies", "[gui][timeline]") {
  gui::MainWindow window({enterprise_local});
  REQUIRE(run_and_wait(window));
  gui::TimelineView* view = window.timeline_view();
  REQUIRE(view->timeline().lanes.isEmpty());  // traced only when shown
  window.show();
  window.tabs()->setCurrentWidget(view);
  const gui::Timeline& timeline = view->timeline();
  REQUIRE(timeline.lanes == QStringList{"job", "failures", "checkpoint host_dram", "checkpoint partner_nvme",
                                        "checkpoint shared_storage"});
  const std::vector<study::Candidate> candidates = window.candidates();
  const auto& seed = candidates.back().result.runs.front().campaign;
  std::int64_t failures = 0, restarts = 0, copies = 0;
  for (const gui::TimelineEvent& e : timeline.events) {
    failures += e.duration_s == 0 ? 1 : 0;
    restarts += e.name == "restart" ? 1 : 0;
    copies += e.name.startsWith("copy of step") ? 1 : 0;
  }
  REQUIRE(failures == seed.interruptions);
  REQUIRE(restarts == seed.interruptions);  // full restart after each
  REQUIRE(copies > 0);
  REQUIRE(timeline.end_s == Approx(seed.wall_time_s).epsilon(1e-6));

  // Hovering over the first failure names it.
  const auto first = std::find_if(timeline.events.begin(), timeline.events.end(),
                                  [](const gui::TimelineEvent& e) { return e.duration_s == 0; });
  REQUIRE(first != timeline.events.end());
  const double x = 190 + first->start_s / timeline.end_s * (view->width() - 190 - 20);
  const QString hover = view->events_at(QPoint(static_cast<int>(x), 30 + 36 * first->lane + 15));
  REQUIRE(hover.contains(first->name));
  save_screenshot(view, "view_timeline");
}
