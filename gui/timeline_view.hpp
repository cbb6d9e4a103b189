// TimelineView: the first seed of a variant as a timeline of failures, recoveries and checkpoint copies, read
// from the Chrome trace the study API writes for it (study::trace_first_seed, the file `clustersim run
// --trace` writes). One lane per trace thread (the job, failures, one per checkpoint level): failures are red
// ticks, spans (recovery phases, data staging, copies) are bars; the job's training steps and blocking
// DRAM copies, tens of thousands of them, are left out. Time runs left to right over the whole run; hovering
// shows the events under the mouse.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <vector>

#include "models/study/compare.hpp"

namespace clustersim::gui {

struct TimelineEvent {
  int lane = 0;
  double start_s = 0;
  double duration_s = 0;  // 0: an instant (a failure)
  QString name;
};

struct Timeline {
  QStringList lanes;
  std::vector<TimelineEvent> events;
  double end_s = 0;
};

// The lanes and events of a Chrome trace document (see above for what is left out).
Timeline timeline_of_trace(const nlohmann::json& trace);

class TimelineView : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineView(QWidget* parent = nullptr);

  // Traces the first seed of `candidate` (a re-run of that seed) and shows it; nullptr clears the view.
  void show_candidate(const models::study::Candidate* candidate);
  const Timeline& timeline() const { return timeline_; }
  // What hovering at `position` shows ("" when nothing is there).
  QString events_at(const QPoint& position) const;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRectF lane_rect(int lane) const;
  double x_of(double time_s) const;

  Timeline timeline_;
};

}  // namespace clustersim::gui
