// MainWindow: pick scenario files, run a comparison on a worker thread (StudyWorker), then show a
// results table (the cheapest candidate meeting the forward-progress target highlighted) and three
// charts (charts.hpp). While a run is in flight the window only shows progress; the results arrive
// as an immutable snapshot through a queued signal.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <QThread>

#include <vector>

#include "gui/study_worker.hpp"

class QChartView;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace clustersim::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(const QStringList& scenario_paths = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  void add_scenario(const QString& path);
  QStringList scenario_paths() const;
  void set_seeds(int seeds);  // 0: each scenario's run.seeds
  void set_target_progress(double target);

  QTableWidget* results_table() const { return table_; }
  QTabWidget* tabs() const { return tabs_; }
  QString status_text() const;
  bool running() const { return running_; }
  // Saves forward_progress.png, breakdown.png and progress.png into `directory`; false on failure.
  bool export_charts(const QString& directory);

 public slots:
  void run();

 signals:
  void run_requested(const QStringList& scenario_paths, int seeds);
  // Emitted on the GUI thread after the results (or the error) are shown.
  void study_finished(bool ok);

 private slots:
  void on_progress(int done, int total);
  void on_finished(clustersim::gui::StudyOutcomePtr outcome);
  void on_add_clicked();
  void on_remove_clicked();
  void on_export_clicked();
  void refresh_results();

 private:
  void fill_table();
  void show_charts();

  QListWidget* scenario_list_ = nullptr;
  QSpinBox* seeds_ = nullptr;
  QDoubleSpinBox* target_ = nullptr;
  QPushButton* run_button_ = nullptr;
  QPushButton* export_button_ = nullptr;
  QProgressBar* progress_bar_ = nullptr;
  QLabel* status_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QTableWidget* table_ = nullptr;
  QChartView* forward_view_ = nullptr;
  QChartView* breakdown_view_ = nullptr;
  QChartView* progress_view_ = nullptr;

  QThread thread_;
  StudyWorker* worker_ = nullptr;  // lives on thread_
  bool running_ = false;
  StudyOutcomePtr outcome_;  // the last finished run (read-only snapshot)
};

}  // namespace clustersim::gui
