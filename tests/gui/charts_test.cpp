// Charts built from hand-made study results: series, bar and category counts; PNG rendering.
#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QValueAxis>

#include <catch2/catch.hpp>

#include "gui/charts.hpp"

using clustersim::models::study::StudyResult;
namespace gui = clustersim::gui;

namespace {

StudyResult hand_made(const std::string& name, double progress, double lost_work_s, double restart_s) {
  StudyResult r;
  r.scenario = name;
  r.forward_progress = {progress, progress - 0.01, progress + 0.01};
  r.breakdown_s = {{"compute", 900.0}, {"lost_work", lost_work_s}, {"restart", restart_s}};
  r.wall_time_s = {900.0 + lost_work_s + restart_s, 0, 0};
  r.runs.resize(1);
  r.runs[0].campaign.progress = {{0, 0}, {43200, 1e12}, {86400, 2e12}};
  return r;
}

std::vector<StudyResult> three_candidates() {
  return {hand_made("a", 0.90, 100, 0), hand_made("b", 0.95, 50, 50), hand_made("c", 0.99, 0, 0)};
}

template <class Series>
std::vector<Series*> series_of(QChart& chart) {
  std::vector<Series*> found;
  for (QAbstractSeries* s : chart.series())
    if (auto* typed = qobject_cast<Series*>(s)) found.push_back(typed);
  return found;
}

}  // namespace

TEST_CASE("forward progress chart: one bar per candidate, a whisker each, a target line", "[gui][charts]") {
  const auto chart = gui::forward_progress_chart(three_candidates(), 0.95);
  const auto bars = series_of<QBarSeries>(*chart);
  REQUIRE(bars.size() == 1);
  REQUIRE(bars[0]->count() == 1);
  REQUIRE(bars[0]->barSets()[0]->count() == 3);
  REQUIRE(bars[0]->barSets()[0]->at(1) == Approx(0.95));
  REQUIRE(series_of<QLineSeries>(*chart).size() == 3 + 1);  // whiskers + target
  const auto x_axes = chart->axes(Qt::Horizontal);
  REQUIRE(x_axes.size() == 1);
  auto* categories = qobject_cast<QBarCategoryAxis*>(x_axes[0]);
  REQUIRE(categories != nullptr);
  REQUIRE(categories->count() == 3);
  REQUIRE(categories->at(0) == "a<br>0.9000 [0.8900, 0.9100]");
  auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical)[0]);
  REQUIRE(y->min() <= 0.89);
  REQUIRE(y->max() >= 1.0 - 1e-12);
  // The whisker of "a" spans its CI.
  const auto whisker = series_of<QLineSeries>(*chart)[0]->points();
  REQUIRE(whisker.front().y() == Approx(0.89));
  REQUIRE(whisker.back().y() == Approx(0.91));
}

TEST_CASE("breakdown chart: one stacked set per loss cause in a fixed order, in % of wall time", "[gui][charts]") {
  const auto results = three_candidates();
  REQUIRE(gui::loss_cause_order(results) == std::vector<std::string>{"lost_work", "restart"});
  const auto chart = gui::breakdown_chart(results);
  const auto stacked = series_of<QHorizontalStackedBarSeries>(*chart);
  REQUIRE(stacked.size() == 1);
  REQUIRE(stacked[0]->count() == 2);
  REQUIRE(stacked[0]->barSets()[0]->label() == "lost work");
  REQUIRE(stacked[0]->barSets()[0]->count() == 3);
  // Bars run bottom to top, so the first candidate is drawn on top: index 2 is "a".
  REQUIRE(stacked[0]->barSets()[0]->at(2) == Approx(10.0));  // 100 s of 1,000 s
  REQUIRE(stacked[0]->barSets()[1]->at(1) == Approx(5.0));   // 50 s of 1,000 s
  auto* categories = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Vertical)[0]);
  REQUIRE(categories->count() == 3);
  REQUIRE(categories->at(2).startsWith("a"));
  REQUIRE(categories->at(0).contains("compute 100.0%"));  // "c"
}

TEST_CASE("breakdown order: documented causes first, unknown causes after them by name", "[gui][charts]") {
  StudyResult r = hand_made("x", 0.9, 1, 1);
  r.breakdown_s["zeta"] = 1;
  r.breakdown_s["alpha"] = 1;
  r.breakdown_s["data_stall"] = 1;
  r.breakdown_s["detection"] = 0;  // absent everywhere: not shown
  REQUIRE(gui::loss_cause_order({r}) ==
          std::vector<std::string>{"data_stall", "lost_work", "restart", "alpha", "zeta"});
}

TEST_CASE("progress chart: one line per candidate from the first seed's samples", "[gui][charts]") {
  const auto chart = gui::progress_chart(three_candidates());
  const auto lines = series_of<QLineSeries>(*chart);
  REQUIRE(lines.size() == 3);
  REQUIRE(lines[1]->name() == "b");
  REQUIRE(lines[1]->count() == 3);
  REQUIRE(lines[1]->at(2).x() == Approx(1.0));  // days
  REQUIRE(lines[1]->at(2).y() == Approx(2.0));  // trillions
  auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical)[0]);
  REQUIRE(y->titleText().contains("trillions"));
}

TEST_CASE("render_png writes a PNG of the requested size", "[gui][charts]") {
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  const QString path = dir.filePath("forward.png");
  const auto chart = gui::forward_progress_chart(three_candidates(), 0.95);
  REQUIRE(gui::render_png(chart.get(), path, QSize(640, 400)));
  REQUIRE(chart->scene() == nullptr);  // handed back to the caller
  const QImage image(path);
  REQUIRE_FALSE(image.isNull());
  REQUIRE(image.size() == QSize(640, 400));
  // Not blank: the chart drew something other than the white background.
  bool drawn = false;
  for (int y = 0; y < image.height() && !drawn; y += 4)
    for (int x = 0; x < image.width() && !drawn; x += 4) drawn = image.pixel(x, y) != qRgb(255, 255, 255);
  REQUIRE(drawn);
  REQUIRE_FALSE(gui::render_png(chart.get(), dir.filePath("no/such/dir/x.png"), QSize(640, 400)));
}
