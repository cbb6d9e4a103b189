// SweepView: the result of a sweep (models/study/sweep_spec.hpp). A cartesian sweep over two axes is a
// heatmap with the target contour (sweep_heatmap.hpp); any other (one axis, zipped axes, more than two) is a
// line chart of mean forward progress and its 95% CI lower end per point, with the target as a dashed line.
// Clicking a cell or a point of the line emits that point's index, to open it as a variant.
#pragma once

#include <QWidget>

#include <cstddef>

#include "gui/study_worker.hpp"

class QChartView;
class QLabel;
class QStackedWidget;

namespace clustersim::gui {

class SweepHeatmap;

class SweepView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepView(QWidget* parent = nullptr);

  void show_sweep(const SweepOutcome& outcome, const models::study::Target& target);
  bool shows_heatmap() const;
  SweepHeatmap* heatmap() const { return heatmap_; }
  QChartView* line_view() const { return line_view_; }

 signals:
  void point_chosen(std::size_t point);

 private:
  void show_line(const SweepOutcome& outcome, const models::study::Target& target);

  QLabel* title_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  SweepHeatmap* heatmap_ = nullptr;
  QChartView* line_view_ = nullptr;
};

}  // namespace clustersim::gui
