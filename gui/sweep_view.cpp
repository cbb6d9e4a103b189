#include "gui/sweep_view.hpp"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "gui/sweep_heatmap.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

QString value_text(const nlohmann::json& value) {
  return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

QStringList axis_labels(const study::SweepAxis& axis) {
  QStringList labels;
  for (const nlohmann::json& value : axis.values) labels << value_text(value);
  return labels;
}

}  // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel("Open a sweep file (toolbar: Open sweep…) to see its points here.");
  title_->setWordWrap(true);
  layout->addWidget(title_);
  stack_ = new QStackedWidget;
  heatmap_ = new SweepHeatmap;
  line_view_ = new QChartView;
  line_view_->setRenderHint(QPainter::Antialiasing);
  stack_->addWidget(line_view_);
  stack_->addWidget(heatmap_);
  layout->addWidget(stack_, 1);
  connect(heatmap_, &SweepHeatmap::point_clicked, this, &SweepView::point_chosen);
}

bool SweepView::shows_heatmap() const {
  return stack_->currentWidget() == heatmap_;
}

void SweepView::show_sweep(const SweepOutcome& outcome, const study::Target& target) {
  const study::SweepSpec& spec = outcome.spec;
  int failed = 0;
  for (const QString& error : outcome.errors) failed += error.isEmpty() ? 0 : 1;
  title_->setText(QString("%1: %2 points%3. %4")
                      .arg(QString::fromStdString(spec.source))
                      .arg(outcome.points.size())
                      .arg(failed ? QString(", %1 failed (grey)").arg(failed) : "")
                      .arg(QString::fromStdString(study::target_text(target))));
  if (spec.mode == study::SweepMode::cartesian && spec.axes.size() == 2) {
    std::vector<HeatmapCell> cells;
    for (const auto& point : outcome.points) {
      HeatmapCell cell;
      if (point) {
        cell.forward_progress = point->result.forward_progress.mean;
        cell.meets_target = study::meets_target(point->result, target);
      }
      cells.push_back(cell);
    }
    heatmap_->set_grid(QString::fromStdString(spec.axes[0].path), axis_labels(spec.axes[0]),
                       QString::fromStdString(spec.axes[1].path), axis_labels(spec.axes[1]), std::move(cells));
    stack_->setCurrentWidget(heatmap_);
    return;
  }
  show_line(outcome, target);
  stack_->setCurrentWidget(line_view_);
}

void SweepView::show_line(const SweepOutcome& outcome, const study::Target& target) {
  auto* chart = new QChart;
  chart->setTitle("Forward progress per sweep point (mean and 95% CI lower end)");
  auto* mean = new QLineSeries;
  mean->setName("mean forward progress");
  mean->setPointsVisible(true);
  auto* low = new QLineSeries;
  low->setName("95% CI lower end");
  auto* target_line = new QLineSeries;
  target_line->setName(QString("target %1").arg(target.forward_progress));
  target_line->setPen(QPen(QColor("#c62828"), 2, Qt::DashLine));
  auto* x_axis = new QCategoryAxis;
  x_axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  double y_low = target.forward_progress, y_high = target.forward_progress;
  const std::size_t count = outcome.points.size();
  for (std::size_t i = 0; i < count; ++i) {
    const study::SweepPoint point = study::sweep_point(outcome.spec, i);
    QStringList values;
    for (const nlohmann::json& value : point.values) values << value_text(value);
    const QString suffix = count > 12 ? QString(" #%1").arg(i) : QString();  // category labels must be unique
    x_axis->append(values.join(", ") + suffix, static_cast<double>(i));
    if (!outcome.points[i]) continue;
    const study::Estimate& progress = outcome.points[i]->result.forward_progress;
    mean->append(static_cast<double>(i), progress.mean);
    low->append(static_cast<double>(i), progress.ci95_low);
    y_low = std::min(y_low, progress.ci95_low);
    y_high = std::max(y_high, progress.mean);
  }
  target_line->append(0, target.forward_progress);
  target_line->append(static_cast<double>(std::max<std::size_t>(count, 1) - 1), target.forward_progress);
  for (QLineSeries* series : {mean, low, target_line}) chart->addSeries(series);
  x_axis->setRange(0, static_cast<double>(std::max<std::size_t>(count, 2) - 1));
  x_axis->setTitleText(outcome.spec.axes.size() == 1 ? QString::fromStdString(outcome.spec.axes[0].path)
                                                     : QString("sweep point"));
  auto* y_axis = new QValueAxis;
  y_axis->setRange(std::floor(y_low * 50) / 50, std::min(1.0, std::ceil(y_high * 50) / 50 + 0.01));
  y_axis->setTitleText("forward progress");
  chart->addAxis(x_axis, Qt::AlignBottom);
  chart->addAxis(y_axis, Qt::AlignLeft);
  for (QLineSeries* series : {mean, low, target_line}) {
    series->attachAxis(x_axis);
    series->attachAxis(y_axis);
  }
  connect(mean, &QLineSeries::clicked, this, [this](const QPointF& at) {
    emit point_chosen(static_cast<std::size_t>(std::lround(std::max(0.0, at.x()))));
  });
  QChart* old = line_view_->chart();
  line_view_->setChart(chart);
  delete old;
}

}  // namespace clustersim::gui
