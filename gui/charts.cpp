#include "gui/charts.hpp"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace clustersim::gui {

namespace study = models::study;

namespace {

// One colour per position in the breakdown's fixed cause order (study::kBreakdownCauses, compute first), so a
// cause keeps its colour across charts; two more for causes the list does not know.
constexpr std::array<const char*, 17> palette = {"#4e79a7", "#f28e2b", "#8cd17d", "#e15759", "#76b7b2", "#59a14f",
                                                 "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf",
                                                 "#bcbd22", "#d37295", "#1f77b4", "#7f7f7f", "#c7c7c7"};
static_assert(palette.size() == study::kBreakdownCauses.size() + 2);

QColor cause_color(const std::string& cause) {
  for (std::size_t i = 0; i < study::kBreakdownCauses.size(); ++i)
    if (cause == study::kBreakdownCauses[i]) return QColor(palette[i]);
  return QColor(palette[study::kBreakdownCauses.size() + std::hash<std::string>{}(cause) % 2]);
}

QString label(const std::string& text) {
  return QString::fromStdString(text);
}

// "lost_work" -> "lost work"
QString cause_label(const std::string& cause) {
  return label(cause).replace('_', ' ');
}

std::unique_ptr<QChart> new_chart(const QString& title) {
  auto chart = std::make_unique<QChart>();
  chart->setTitle(title);
  QFont font = chart->titleFont();
  font.setPointSize(13);
  font.setBold(true);
  chart->setTitleFont(font);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->legend()->setAlignment(Qt::AlignBottom);
  return chart;
}

// A tick step of 1, 2 or 5 x 10^k giving about five intervals over `span`.
double nice_step(double span) {
  const double raw = span / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0})
    if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

// A value axis from `min` to `max` rounded out to whole ticks at a nice step.
QValueAxis* value_axis(const QString& title, double min, double max, const QString& format) {
  auto* axis = new QValueAxis;
  axis->setTitleText(title);
  const double step = nice_step(max > min ? max - min : 1.0);
  const double low = std::floor(min / step + 1e-9) * step;
  const double high = std::ceil(max / step - 1e-9) * step;
  axis->setRange(low, high > low ? high : low + step);
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  axis->setLabelFormat(format);
  return axis;
}

double wall_time_s(const study::StudyResult& r) {
  if (r.wall_time_s.mean > 0) return r.wall_time_s.mean;
  double sum = 0;
  for (const auto& [cause, seconds] : r.breakdown_s) sum += seconds;
  return sum;
}

}  // namespace

std::vector<std::string> loss_cause_order(const std::vector<study::StudyResult>& results) {
  std::set<std::string> present;  // ordered: unknown causes come out by name
  for (const study::StudyResult& r : results)
    for (const auto& [cause, seconds] : r.breakdown_s)
      if (cause != "compute" && seconds > 0) present.insert(cause);
  std::vector<std::string> order;
  for (const char* cause : study::kBreakdownCauses)
    if (present.erase(cause) > 0) order.emplace_back(cause);
  order.insert(order.end(), present.begin(), present.end());
  return order;
}

std::unique_ptr<QChart> forward_progress_chart(const std::vector<study::StudyResult>& results, double target_progress) {
  auto chart = new_chart("Forward progress per candidate (mean, 95% CI over seeds)");
  auto* bars = new QBarSeries;
  auto* set = new QBarSet("mean forward progress");
  set->setColor(QColor(palette[0]));
  QStringList categories;
  double low = target_progress;
  double high = target_progress;
  for (const study::StudyResult& r : results) {
    *set << r.forward_progress.mean;
    categories << QString("%1<br>%2 [%3, %4]")
                      .arg(label(r.scenario))
                      .arg(r.forward_progress.mean, 0, 'f', 4)
                      .arg(r.forward_progress.ci95_low, 0, 'f', 4)
                      .arg(r.forward_progress.ci95_high, 0, 'f', 4);
    low = std::min({low, r.forward_progress.ci95_low, r.forward_progress.mean});
    high = std::max({high, r.forward_progress.ci95_high, r.forward_progress.mean});
  }
  bars->append(set);
  chart->addSeries(bars);

  auto* x_axis = new QBarCategoryAxis;
  x_axis->append(categories);
  x_axis->setTitleText("candidate: mean [95% CI]");
  // Zoom on the interesting band: bars start at the axis minimum, a multiple of 0.05 below the data.
  const double y_min = std::max(0.0, std::floor((low - 0.02) * 20) / 20);
  const double y_max = std::min(1.0, high + 0.005);
  auto* y_axis = value_axis("forward progress (useful time / wall time)", y_min, std::max(y_max, y_min + 0.01), "%.2f");
  y_axis->setMax(std::min(y_axis->max(), 1.0));
  chart->addAxis(x_axis, Qt::AlignBottom);
  chart->addAxis(y_axis, Qt::AlignLeft);
  bars->attachAxis(x_axis);
  bars->attachAxis(y_axis);

  // Whiskers: a cap at the CI low, the vertical line, a cap at the CI high (one path per candidate).
  QPen whisker_pen(Qt::black);
  whisker_pen.setWidthF(2);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const study::Estimate& e = results[i].forward_progress;
    const double x = static_cast<double>(i);
    auto* whisker = new QLineSeries;
    whisker->setName("95% CI");
    *whisker << QPointF(x - 0.08, e.ci95_low) << QPointF(x + 0.08, e.ci95_low) << QPointF(x, e.ci95_low)
             << QPointF(x, e.ci95_high) << QPointF(x - 0.08, e.ci95_high) << QPointF(x + 0.08, e.ci95_high);
    whisker->setPen(whisker_pen);
    chart->addSeries(whisker);
    whisker->attachAxis(x_axis);
    whisker->attachAxis(y_axis);
  }
  auto* target = new QLineSeries;
  target->setName(QString("target %1").arg(target_progress, 0, 'g', 3));
  *target << QPointF(-0.5, target_progress) << QPointF(static_cast<double>(results.size()) - 0.5, target_progress);
  QPen target_pen(QColor("#d62728"));
  target_pen.setWidthF(2);
  target_pen.setStyle(Qt::DashLine);
  target->setPen(target_pen);
  chart->addSeries(target);
  target->attachAxis(x_axis);
  target->attachAxis(y_axis);

  // One legend entry for all whiskers.
  const auto markers = chart->legend()->markers();
  bool whisker_shown = false;
  for (QLegendMarker* marker : markers) {
    if (marker->label() != "95% CI") continue;
    marker->setVisible(!whisker_shown);
    whisker_shown = true;
  }
  return chart;
}

std::unique_ptr<QChart> breakdown_chart(const std::vector<study::StudyResult>& results) {
  auto chart = new_chart("Where the time went: losses per candidate (mean over seeds)");
  auto* series = new QHorizontalStackedBarSeries;
  QStringList categories;
  double largest_total = 0;
  std::vector<double> totals(results.size(), 0.0);
  for (const std::string& cause : loss_cause_order(results)) {
    auto* set = new QBarSet(cause_label(cause));
    set->setColor(cause_color(cause));
    for (std::size_t i = 0; i < results.size(); ++i) {  // bottom to top: the first candidate on top
      const study::StudyResult& r = results[results.size() - 1 - i];
      const auto found = r.breakdown_s.find(cause);
      const double wall = wall_time_s(r);
      const double percent = found != r.breakdown_s.end() && wall > 0 ? 100.0 * found->second / wall : 0.0;
      *set << percent;
      totals[i] += percent;
    }
    series->append(set);
  }
  for (auto it = results.rbegin(); it != results.rend(); ++it) {
    const study::StudyResult& r = *it;
    const auto compute = r.breakdown_s.find("compute");
    const double wall = wall_time_s(r);
    const double percent = compute != r.breakdown_s.end() && wall > 0 ? 100.0 * compute->second / wall : 0.0;
    categories << QString("%1 (compute %2%)").arg(label(r.scenario)).arg(percent, 0, 'f', 1);
  }
  for (const double total : totals) largest_total = std::max(largest_total, total);
  chart->addSeries(series);
  auto* y_axis = new QBarCategoryAxis;
  y_axis->append(categories);
  y_axis->setTitleText("candidate");
  const double x_max = largest_total > 0 ? largest_total * 1.05 : 1.0;
  auto* x_axis = value_axis("share of wall time lost (%)", 0, x_max, "%.1f");
  chart->addAxis(y_axis, Qt::AlignLeft);
  chart->addAxis(x_axis, Qt::AlignBottom);
  series->attachAxis(y_axis);
  series->attachAxis(x_axis);
  chart->legend()->setAlignment(Qt::AlignRight);
  return chart;
}

std::unique_ptr<QChart> progress_chart(const std::vector<study::StudyResult>& results) {
  auto chart = new_chart("Training progress over time (first seed)");
  double max_days = 0;
  double max_tokens = 0;
  for (const study::StudyResult& r : results) {
    if (r.runs.empty()) continue;
    for (const auto& sample : r.runs.front().campaign.progress) {
      max_days = std::max(max_days, sample.time_s / 86400.0);
      max_tokens = std::max(max_tokens, sample.tokens_trained);
    }
  }
  // Tokens in trillions when any candidate reaches one, else billions.
  const bool trillions = max_tokens >= 1e12;
  const double unit = trillions ? 1e12 : 1e9;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const study::StudyResult& r = results[i];
    auto* line = new QLineSeries;
    line->setName(label(r.scenario));
    QPen pen(QColor(palette[i % palette.size()]));
    pen.setWidthF(2);
    line->setPen(pen);
    if (!r.runs.empty())
      for (const auto& sample : r.runs.front().campaign.progress)
        line->append(sample.time_s / 86400.0, sample.tokens_trained / unit);
    chart->addSeries(line);
  }
  auto* x_axis = value_axis("time (days)", 0, max_days > 0 ? max_days : 1.0, "%g");
  auto* y_axis = value_axis(trillions ? "tokens kept (trillions)" : "tokens kept (billions)", 0,
                            max_tokens > 0 ? max_tokens / unit * 1.02 : 1.0, "%g");
  chart->addAxis(x_axis, Qt::AlignBottom);
  chart->addAxis(y_axis, Qt::AlignLeft);
  for (QAbstractSeries* series : chart->series()) {
    series->attachAxis(x_axis);
    series->attachAxis(y_axis);
  }
  return chart;
}

bool render_png(QChart* chart, const QString& path, QSize size) {
  if (chart == nullptr || chart->scene() != nullptr || size.isEmpty()) return false;
  QGraphicsScene scene;
  scene.addItem(chart);
  chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
  scene.setSceneRect(QRectF(QPointF(0, 0), QSizeF(size)));
  // Let the chart lay out its axes, legend and series before painting.
  QCoreApplication::sendPostedEvents();
  QCoreApplication::processEvents();
  QImage image(size, QImage::Format_ARGB32);
  image.fill(Qt::white);
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), scene.sceneRect());
  }
  scene.removeItem(chart);  // the scene must not delete the caller's chart
  return image.save(path, "PNG");
}

}  // namespace clustersim::gui
