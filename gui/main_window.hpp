// MainWindow: the what-if desk. Left: the scenario (ScenarioEditor: the parameter tree, validation, undo/redo,
// Save as), the knobs (KnobPanel: sliders that re-run the study in the background as they move), the seeds,
// the forward-progress target and the deadline, Run / Cancel / Pin, one progress bar and one status line.
// Right, one tab each: the compare table of the pinned variants and the current one (sortable, exported as
// CSV and JSON by the study API); three charts (charts.hpp); a sweep's points (sweep_view.hpp: click one to
// open it as a variant); the detail of one variant (the summary `clustersim run` prints: the full loss
// breakdown, copies completed and skipped per level, RPO, tier traffic and busy time, cost breakdown); its
// cluster drawn (cluster_view.hpp); its first seed's timeline (timeline_view.hpp).
//
// Runs go to a StudyWorker on its own thread as immutable requests; a newer request (a slider moved again)
// supersedes the one in flight and Cancel drops it, so only the newest result is ever shown. A failed run
// clears the current variant (no stale figures) and shows the study API's message with its JSON path.
#pragma once

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <optional>
#include <vector>

#include "gui/study_worker.hpp"
#include "models/study/compare.hpp"

class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace clustersim::gui {

class ClusterView;
class KnobPanel;
class ScenarioEditor;
class SweepView;
class TimelineView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Compares `scenario_paths` (compare_files), if any.
  explicit MainWindow(const QStringList& scenario_paths = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads a scenario into the editor; returns "" or the error (also shown in the status line).
  QString open_scenario(const QString& path);
  // Opens and runs each file in turn, pinning each result but the last, which stays in the editor as the
  // current variant; stops at the first file that fails (its error shown).
  void compare_files(const QStringList& paths);
  // Runs a sweep file point by point (the Sweep tab shows it); returns "" or the error (also shown).
  QString open_sweep(const QString& path);
  // Opens point `index` of the last sweep in the editor (its document: the base with the point's overrides)
  // and runs it as the current variant.
  void open_sweep_point(std::size_t index);
  void set_seeds(int seeds);  // 0: the scenario's run.seeds
  void set_target_progress(double target);
  void set_deadline_days(double days);  // 0: none

  ScenarioEditor* editor() const { return editor_; }
  KnobPanel* knobs() const { return knobs_; }
  QTableWidget* results_table() const { return table_; }
  QTabWidget* tabs() const { return tabs_; }
  QPushButton* run_button() const { return run_button_; }
  SweepView* sweep_view() const { return sweep_view_; }
  ClusterView* cluster_view() const { return cluster_view_; }
  TimelineView* timeline_view() const { return timeline_view_; }
  SweepOutcomePtr sweep_outcome() const { return sweep_; }
  QString status_text() const;
  QString detail_text() const;
  bool running() const { return awaited_ != 0; }
  // The pinned variants, then the current one (if any).
  std::vector<models::study::Candidate> candidates() const;
  models::study::Target target() const;

  // Exports of the compare table (study::compare_csv / compare_json, written atomically); false on failure.
  bool export_compare_csv(const QString& path);
  bool export_compare_json(const QString& path);
  // Saves forward_progress.png, breakdown.png and progress.png into `directory`; false on failure.
  bool export_charts(const QString& directory);

 public slots:
  void run();     // the edited scenario with the knobs' overrides
  void cancel();  // drops the run in flight
  void pin();     // keeps the current variant beside the others

 signals:
  void run_requested(clustersim::gui::StudyRequestPtr request);
  void sweep_requested(clustersim::gui::SweepRequestPtr request);
  // Emitted on the GUI thread after the awaited sweep's points are shown.
  void sweep_finished();
  // Emitted on the GUI thread after the results (or the error) of the awaited run are shown.
  void study_finished(bool ok);

 private slots:
  void on_progress(quint64 generation, int done, int total);
  void on_finished(clustersim::gui::StudyOutcomePtr outcome);
  void on_sweep_finished(clustersim::gui::SweepOutcomePtr outcome);
  void on_document_changed();
  void refresh_results();
  void show_detail();

 private:
  void build_actions();
  QWidget* build_setup();
  QWidget* build_results();
  void set_status(const QString& text, bool error = false);
  void reset_progress();
  bool write_export(const QString& path, const std::string& content);
  void open_next_file();

  ScenarioEditor* editor_ = nullptr;
  KnobPanel* knobs_ = nullptr;
  QSpinBox* seeds_ = nullptr;
  QDoubleSpinBox* target_ = nullptr;
  QDoubleSpinBox* deadline_ = nullptr;
  QPushButton* run_button_ = nullptr;
  QPushButton* cancel_button_ = nullptr;
  QPushButton* pin_button_ = nullptr;
  QProgressBar* progress_bar_ = nullptr;
  QLabel* status_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QTableWidget* table_ = nullptr;
  QChartView* forward_view_ = nullptr;
  QChartView* breakdown_view_ = nullptr;
  QChartView* progress_view_ = nullptr;
  QComboBox* detail_choice_ = nullptr;
  QPlainTextEdit* detail_ = nullptr;
  SweepView* sweep_view_ = nullptr;
  ClusterView* cluster_view_ = nullptr;
  TimelineView* timeline_view_ = nullptr;  // traced only while its tab is shown (a re-run of the first seed)
  QTimer rerun_timer_;                     // coalesces slider moves into one run

  QThread thread_;
  StudyWorker* worker_ = nullptr;  // lives on thread_
  Generation latest_;
  std::uint64_t awaited_ = 0;  // generation of the run in flight, 0: none
  std::vector<models::study::Candidate> pinned_;
  std::optional<models::study::Candidate> current_;
  QStringList files_to_compare_;
  SweepOutcomePtr sweep_;  // the last finished sweep  // compare_files: the files still to open after the one running
};

}  // namespace clustersim::gui
