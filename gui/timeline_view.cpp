#include "gui/timeline_view.hpp"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <map>
#include <sstream>

#include "models/study/monte_carlo.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

constexpr double kLabelWidth = 190;
constexpr double kLaneHeight = 36;
constexpr double kTop = 30;
constexpr double kRightMargin = 20;
constexpr double kMicroseconds = 1e-6;  // Chrome trace times are in microseconds

bool left_out(const std::string& name) {
  return name.rfind("step", 0) == 0 || name == "checkpoint_blocking";
}

}  // namespace

Timeline timeline_of_trace(const nlohmann::json& trace) {
  Timeline timeline;
  const nlohmann::json& events = trace.is_object() ? trace.value("traceEvents", nlohmann::json::array()) : trace;
  std::map<int, QString> lane_names;  // by thread id
  for (const nlohmann::json& e : events) {
    if (e.value("ph", "") == "M" && e.value("name", "") == "thread_name")
      lane_names[e.value("tid", 0)] = QString::fromStdString(e["args"].value("name", ""));
  }
  std::map<int, int> lane_of;
  for (const auto& [tid, name] : lane_names) {
    lane_of[tid] = static_cast<int>(timeline.lanes.size());
    timeline.lanes << name;
  }
  for (const nlohmann::json& e : events) {
    const std::string phase = e.value("ph", "");
    const double start_s = e.value("ts", 0.0) * kMicroseconds;
    const double duration_s = e.value("dur", 0.0) * kMicroseconds;
    timeline.end_s = std::max(timeline.end_s, start_s + duration_s);
    const auto lane = lane_of.find(e.value("tid", -1));
    const std::string name = e.value("name", "");
    if (lane == lane_of.end() || (phase != "X" && phase != "i") || left_out(name)) continue;
    timeline.events.push_back({lane->second, start_s, phase == "X" ? duration_s : 0.0, QString::fromStdString(name)});
  }
  return timeline;
}

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumHeight(220);
}

void TimelineView::show_candidate(const study::Candidate* candidate) {
  timeline_ = {};
  if (candidate) {
    std::ostringstream trace;
    study::trace_first_seed(candidate->scenario, trace);
    timeline_ = timeline_of_trace(nlohmann::json::parse(trace.str()));
  }
  update();
}

QRectF TimelineView::lane_rect(int lane) const {
  return QRectF(kLabelWidth, kTop + lane * kLaneHeight, width() - kLabelWidth - kRightMargin, kLaneHeight - 6);
}

double TimelineView::x_of(double time_s) const {
  const double span = timeline_.end_s > 0 ? timeline_.end_s : 1.0;
  return kLabelWidth + time_s / span * (width() - kLabelWidth - kRightMargin);
}

void TimelineView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  if (timeline_.lanes.isEmpty()) {
    painter.drawText(rect(), Qt::AlignCenter, "Run a variant to see its first seed's timeline.");
    return;
  }
  painter.drawText(QRectF(0, 4, width(), 20), Qt::AlignLeft,
                   QString("First seed over %1 days: failures (red), recovery phases and checkpoint copies (bars); "
                           "hover for details")
                       .arg(timeline_.end_s / 86400.0, 0, 'f', 1));
  for (int lane = 0; lane < timeline_.lanes.size(); ++lane) {
    const QRectF box = lane_rect(lane);
    painter.fillRect(box, QColor("#f4f4f4"));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(4, box.top(), kLabelWidth - 8, box.height()), Qt::AlignVCenter | Qt::AlignLeft,
                     timeline_.lanes[lane]);
  }
  for (const TimelineEvent& e : timeline_.events) {
    const QRectF box = lane_rect(e.lane);
    if (e.duration_s == 0) {
      painter.setPen(QPen(QColor("#c62828"), 2));
      painter.drawLine(QPointF(x_of(e.start_s), box.top()), QPointF(x_of(e.start_s), box.bottom()));
      continue;
    }
    const double left = x_of(e.start_s);
    const double right = std::max(left + 1.0, x_of(e.start_s + e.duration_s));
    const QColor colour = e.name.startsWith("copy") ? QColor("#1565c0") : QColor("#ef6c00");
    painter.fillRect(QRectF(left, box.top() + 6, right - left, box.height() - 12), colour);
  }
  // Day ticks.
  painter.setPen(Qt::darkGray);
  const double days = timeline_.end_s / 86400.0;
  const int step = std::max(1, static_cast<int>(days / 10));
  const double axis_y = kTop + timeline_.lanes.size() * kLaneHeight + 14;
  for (int day = 0; day <= days; day += step)
    painter.drawText(QPointF(x_of(day * 86400.0) - 4, axis_y), QString("%1 d").arg(day));
}

QString TimelineView::events_at(const QPoint& position) const {
  QStringList lines;
  for (const TimelineEvent& e : timeline_.events) {
    const QRectF box = lane_rect(e.lane);
    if (position.y() < box.top() || position.y() > box.bottom()) continue;
    const double left = x_of(e.start_s) - 3;
    const double right = std::max(x_of(e.start_s + e.duration_s), x_of(e.start_s)) + 3;
    if (position.x() < left || position.x() > right) continue;
    lines << QString("%1 at day %2%3")
                 .arg(e.name)
                 .arg(e.start_s / 86400.0, 0, 'f', 2)
                 .arg(e.duration_s > 0 ? QString(", %1 s").arg(e.duration_s, 0, 'f', 1) : QString());
    if (lines.size() == 8) break;
  }
  return lines.join("\n");
}

bool TimelineView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = events_at(help->pos());
    text.isEmpty() ? QToolTip::hideText() : QToolTip::showText(help->globalPos(), text, this);
    return true;
  }
  return QWidget::event(event);
}

}  // namespace clustersim::gui
