#include "gui/main_window.hpp"

#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <exception>

#include "app/atomic_write.hpp"
#include "gui/charts.hpp"
#include "gui/cluster_view.hpp"
#include "gui/compare_table.hpp"
#include "gui/knob_panel.hpp"
#include "gui/program_catalog.hpp"
#include "gui/render_charts.hpp"
#include "gui/scenario_editor.hpp"
#include "gui/study_runner.hpp"
#include "gui/sweep_view.hpp"
#include "gui/timeline_view.hpp"
#include "models/study/result_format.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

constexpr int kRerunDelayMs = 150;

QChartView* new_chart_view() {
  auto* view = new QChartView;
  view->setRenderHint(QPainter::Antialiasing);
  return view;
}

}  // namespace

MainWindow::MainWindow(const QStringList& scenario_paths, QWidget* parent)
    : QMainWindow(parent), latest_(std::make_shared<std::atomic<std::uint64_t>>(0)) {
  qRegisterMetaType<StudyRequestPtr>();
  qRegisterMetaType<StudyOutcomePtr>();
  qRegisterMetaType<SweepRequestPtr>();
  qRegisterMetaType<SweepOutcomePtr>();
  setWindowTitle("clustersim — what-if desk");

  auto* splitter = new QSplitter;
  splitter->addWidget(build_setup());
  splitter->addWidget(build_results());
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({520, 760});
  setCentralWidget(splitter);
  build_actions();
  resize(1280, 800);

  // The worker lives on its own thread; every connection to it is queued.
  worker_ = new StudyWorker(latest_);
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &MainWindow::run_requested, worker_, &StudyWorker::run, Qt::QueuedConnection);
  connect(worker_, &StudyWorker::progress, this, &MainWindow::on_progress, Qt::QueuedConnection);
  connect(worker_, &StudyWorker::finished, this, &MainWindow::on_finished, Qt::QueuedConnection);
  connect(this, &MainWindow::sweep_requested, worker_, &StudyWorker::run_sweep, Qt::QueuedConnection);
  connect(worker_, &StudyWorker::sweep_finished, this, &MainWindow::on_sweep_finished, Qt::QueuedConnection);
  thread_.start();

  rerun_timer_.setSingleShot(true);
  rerun_timer_.setInterval(kRerunDelayMs);
  connect(&rerun_timer_, &QTimer::timeout, this, &MainWindow::run);
  connect(knobs_, &KnobPanel::overrides_changed, this, [this] { rerun_timer_.start(); });
  connect(editor_, &ScenarioEditor::document_changed, this, &MainWindow::on_document_changed);
  on_document_changed();

  if (!scenario_paths.isEmpty()) compare_files(scenario_paths);
}

MainWindow::~MainWindow() {
  latest_->fetch_add(1);  // a run in flight stops after its seed
  thread_.quit();
  thread_.wait();
}

void MainWindow::build_actions() {
  QToolBar* bar = addToolBar("Scenario");
  bar->setObjectName("scenario_toolbar");
  bar->addAction("Open…", this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open scenario", QString(), "Scenarios (*.json);;All (*)");
    if (!path.isEmpty()) open_scenario(path);
  });
  bar->addAction("Compare files…", this, [this] {
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, "Compare scenario files", QString(), "Scenarios (*.json);;All (*)");
    if (!paths.isEmpty()) compare_files(paths);
  });
  bar->addAction("Open sweep…", this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open sweep", QString(), "Sweeps (*.json);;All (*)");
    if (!path.isEmpty()) open_sweep(path);
  });
  bar->addAction("Save as…", this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, "Save scenario as", QString(), "Scenarios (*.json)");
    if (path.isEmpty()) return;
    const QString error = editor_->save_as(path);
    error.isEmpty() ? set_status("Saved " + path) : set_status(error, true);
  });
  QAction* undo = editor_->undo_stack()->createUndoAction(this);
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = editor_->undo_stack()->createRedoAction(this);
  redo->setShortcut(QKeySequence::Redo);
  bar->addAction(undo);
  bar->addAction(redo);
}

QWidget* MainWindow::build_setup() {
  auto* setup = new QWidget;
  auto* layout = new QVBoxLayout(setup);
  editor_ = new ScenarioEditor;
  layout->addWidget(editor_, 3);

  auto* knob_box = new QGroupBox("Knobs (re-run as they move)");
  auto* knob_layout = new QVBoxLayout(knob_box);
  knobs_ = new KnobPanel;
  auto* scroll = new QScrollArea;
  scroll->setWidget(knobs_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  knob_layout->addWidget(scroll);
  layout->addWidget(knob_box, 2);

  auto* form = new QFormLayout;
  seeds_ = new QSpinBox;
  seeds_->setRange(0, 10000);
  seeds_->setValue(1);
  seeds_->setSpecialValueText("scenario's run.seeds");
  seeds_->setToolTip("Monte Carlo runs per variant (seeds s, s+1, ...)");
  form->addRow("Seeds:", seeds_);
  target_ = new QDoubleSpinBox;
  target_->setRange(0.01, 1.0);
  target_->setDecimals(3);
  target_->setSingleStep(0.01);
  target_->setValue(0.95);
  target_->setToolTip(
      "The rule of clustersim compare: the 95% CI lower bound of forward progress reaches this, "
      "every seed reached the token budget, and the mean time to train is within the deadline");
  form->addRow("Forward-progress target:", target_);
  deadline_ = new QDoubleSpinBox;
  deadline_->setRange(0, 100000);
  deadline_->setDecimals(1);
  deadline_->setSuffix(" d");
  deadline_->setSpecialValueText("none");
  form->addRow("Deadline:", deadline_);
  layout->addLayout(form);

  auto* buttons = new QHBoxLayout;
  run_button_ = new QPushButton("Run");
  cancel_button_ = new QPushButton("Cancel");
  cancel_button_->setEnabled(false);
  pin_button_ = new QPushButton("Pin variant");
  pin_button_->setEnabled(false);
  pin_button_->setToolTip("Keep the current variant in the comparison beside the others");
  buttons->addWidget(run_button_);
  buttons->addWidget(cancel_button_);
  buttons->addWidget(pin_button_);
  layout->addLayout(buttons);
  progress_bar_ = new QProgressBar;
  progress_bar_->setFormat("%v/%m seeds");
  reset_progress();
  layout->addWidget(progress_bar_);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(status_);

  connect(run_button_, &QPushButton::clicked, this, &MainWindow::run);
  connect(cancel_button_, &QPushButton::clicked, this, &MainWindow::cancel);
  connect(pin_button_, &QPushButton::clicked, this, &MainWindow::pin);
  connect(target_, &QDoubleSpinBox::valueChanged, this, &MainWindow::refresh_results);
  connect(deadline_, &QDoubleSpinBox::valueChanged, this, &MainWindow::refresh_results);
  return setup;
}

QWidget* MainWindow::build_results() {
  tabs_ = new QTabWidget;
  auto* compare = new QWidget;
  auto* compare_layout = new QVBoxLayout(compare);
  table_ = new_compare_table();
  compare_layout->addWidget(table_, 1);
  auto* export_row = new QHBoxLayout;
  auto* csv = new QPushButton("Export CSV…");
  auto* json = new QPushButton("Export JSON…");
  auto* charts = new QPushButton("Export charts…");
  export_row->addWidget(csv);
  export_row->addWidget(json);
  export_row->addWidget(charts);
  export_row->addStretch(1);
  compare_layout->addLayout(export_row);
  tabs_->addTab(compare, "Compare");
  forward_view_ = new_chart_view();
  breakdown_view_ = new_chart_view();
  progress_view_ = new_chart_view();
  tabs_->addTab(forward_view_, "Forward progress");
  tabs_->addTab(breakdown_view_, "Where the time went");
  tabs_->addTab(progress_view_, "Progress over time");
  sweep_view_ = new SweepView;
  tabs_->addTab(sweep_view_, "Sweep");
  connect(sweep_view_, &SweepView::point_chosen, this, &MainWindow::open_sweep_point);

  auto* detail = new QWidget;
  auto* detail_layout = new QVBoxLayout(detail);
  detail_choice_ = new QComboBox;
  detail_choice_->setToolTip("The variant the Detail and Cluster views show");
  detail_layout->addWidget(detail_choice_);
  detail_ = new QPlainTextEdit;
  detail_->setReadOnly(true);
  detail_->setLineWrapMode(QPlainTextEdit::NoWrap);
  detail_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  detail_layout->addWidget(detail_, 1);
  tabs_->addTab(detail, "Detail");
  cluster_view_ = new ClusterView;
  tabs_->addTab(cluster_view_, "Cluster");
  timeline_view_ = new TimelineView;
  tabs_->addTab(timeline_view_, "Timeline");
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    if (tabs_->currentWidget() == timeline_view_) show_detail();
  });

  connect(detail_choice_, &QComboBox::currentIndexChanged, this, &MainWindow::show_detail);
  const auto save_dialog = [this](const QString& title, const QString& filter) {
    return QFileDialog::getSaveFileName(this, title, QString(), filter);
  };
  connect(csv, &QPushButton::clicked, this, [this, save_dialog] {
    const QString path = save_dialog("Export compare table", "CSV (*.csv)");
    if (!path.isEmpty()) export_compare_csv(path);
  });
  connect(json, &QPushButton::clicked, this, [this, save_dialog] {
    const QString path = save_dialog("Export compare table", "JSON (*.json)");
    if (!path.isEmpty()) export_compare_json(path);
  });
  connect(charts, &QPushButton::clicked, this, [this] {
    const QString directory = QFileDialog::getExistingDirectory(this, "Export charts to");
    if (!directory.isEmpty()) export_charts(directory);
  });
  return tabs_;
}

QString MainWindow::open_scenario(const QString& path) {
  const QString error = editor_->load(path);
  if (!error.isEmpty()) set_status(error, true);
  return error;
}

void MainWindow::compare_files(const QStringList& paths) {
  files_to_compare_ = paths;
  open_next_file();
}

void MainWindow::open_next_file() {
  if (files_to_compare_.isEmpty()) return;
  const QString path = files_to_compare_.takeFirst();
  if (!open_scenario(path).isEmpty() || !editor_->valid()) {
    files_to_compare_.clear();
    return;
  }
  if (files_to_compare_.isEmpty()) return;  // the last file waits in the editor for Run or a knob
  run();
}

QString MainWindow::open_sweep(const QString& path) {
  try {
    auto request = std::make_shared<SweepRequest>();
    request->spec = study::load_sweep_file(path.toStdString());
    request->generation = latest_->fetch_add(1) + 1;
    files_to_compare_.clear();
    awaited_ = request->generation;
    cancel_button_->setEnabled(true);
    progress_bar_->setRange(0, 0);
    set_status(QString("Running the sweep %1 (%2 points)…").arg(path).arg(study::point_count(request->spec)));
    emit sweep_requested(std::move(request));
    return {};
  } catch (const std::exception& error) {
    const QString message = QString::fromStdString(error.what());
    set_status(message, true);
    return message;
  }
}

void MainWindow::open_sweep_point(std::size_t index) {
  if (!sweep_ || index >= sweep_->points.size()) return;
  const study::SweepSpec& spec = sweep_->spec;
  editor_->open_document(study::point_document(spec, study::sweep_point(spec, index)), spec.scenario_directory,
                         QString("%1 point %2").arg(QString::fromStdString(spec.source)).arg(index));
  if (editor_->valid()) run();
}

void MainWindow::on_sweep_finished(SweepOutcomePtr outcome) {
  if (outcome->generation != awaited_) return;  // superseded or cancelled
  awaited_ = 0;
  cancel_button_->setEnabled(false);
  sweep_ = std::move(outcome);
  sweep_view_->show_sweep(*sweep_, target());
  tabs_->setCurrentWidget(sweep_view_);
  QString first_error;
  for (const QString& error : sweep_->errors) {
    if (first_error.isEmpty()) first_error = error;
  }
  first_error.isEmpty()
      ? set_status(QString("Sweep done: %1 points. Click one to open it as a variant.").arg(sweep_->points.size()))
      : set_status("Sweep done; a point failed: " + first_error, true);
  emit sweep_finished();
}

void MainWindow::set_seeds(int seeds) {
  seeds_->setValue(seeds);
}

void MainWindow::set_target_progress(double target) {
  target_->setValue(target);
}

void MainWindow::set_deadline_days(double days) {
  deadline_->setValue(days);
}

QString MainWindow::status_text() const {
  return status_->text();
}

QString MainWindow::detail_text() const {
  return detail_->toPlainText();
}

study::Target MainWindow::target() const {
  study::Target target{target_->value(), std::nullopt};
  if (deadline_->value() > 0) target.deadline_s = deadline_->value() * 86400.0;
  return target;
}

std::vector<study::Candidate> MainWindow::candidates() const {
  std::vector<study::Candidate> all = pinned_;
  if (current_) all.push_back(*current_);
  return all;
}

void MainWindow::set_status(const QString& text, bool error) {
  status_->setText(error ? "<span style='color:#b00020'>" + text.toHtmlEscaped() + "</span>" : text.toHtmlEscaped());
}

void MainWindow::reset_progress() {
  progress_bar_->setRange(0, 1);
  progress_bar_->setValue(0);
}

void MainWindow::on_document_changed() {
  const bool valid = editor_->valid();
  run_button_->setEnabled(valid);
  run_button_->setToolTip(valid ? "Run the edited scenario with the knobs' settings"
                                : "Fix the scenario first: " + QString::fromStdString(editor_->check().error));
  if (valid) {
    const QSignalBlocker quiet(knobs_);  // rebuilding the knobs is not a move
    knobs_->rebuild(*editor_->check().scenario);
    set_status(editor_->loaded() ? "Ready: press Run or move a knob." : "");
  } else {
    knobs_->clear();
    set_status(
        editor_->loaded() ? "Run disabled: " + QString::fromStdString(editor_->check().error) : "Open a scenario file.",
        editor_->loaded());
  }
}

void MainWindow::run() {
  rerun_timer_.stop();
  if (!editor_->valid()) {
    set_status("Run disabled: " + QString::fromStdString(editor_->check().error), true);
    return;
  }
  auto request = std::make_shared<StudyRequest>();
  request->document = editor_->document();
  request->overrides = knobs_->overrides();
  request->scenario_dir = editor_->scenario_dir();
  const QString variant = knobs_->description();
  if (!variant.isEmpty()) request->name_suffix = " [" + variant.toStdString() + "]";
  request->seeds = seeds_->value();
  request->generation = latest_->fetch_add(1) + 1;
  awaited_ = request->generation;
  cancel_button_->setEnabled(true);
  progress_bar_->setRange(0, 0);  // busy until the first seed reports
  set_status("Running " + QString::fromStdString(editor_->check().scenario->name + request->name_suffix) + "…");
  emit run_requested(std::move(request));
}

void MainWindow::cancel() {
  files_to_compare_.clear();
  if (!running()) return;
  latest_->fetch_add(1);
  awaited_ = 0;
  cancel_button_->setEnabled(false);
  reset_progress();
  set_status("Cancelled.");
}

void MainWindow::pin() {
  if (!current_) return;
  pinned_.push_back(std::move(*current_));
  current_.reset();
  pin_button_->setEnabled(false);
  set_status("Pinned " + QString::fromStdString(pinned_.back().result.scenario) + ".");
  refresh_results();
}

void MainWindow::on_progress(quint64 generation, int done, int total) {
  if (generation != awaited_) return;
  progress_bar_->setRange(0, total);
  progress_bar_->setValue(done);
}

void MainWindow::on_finished(StudyOutcomePtr outcome) {
  if (outcome->generation != awaited_) return;  // superseded or cancelled
  awaited_ = 0;
  cancel_button_->setEnabled(false);
  if (outcome->exit_code != 0) {
    files_to_compare_.clear();
    current_.reset();
    pin_button_->setEnabled(false);
    reset_progress();
    refresh_results();
    set_status(outcome->error, true);
    emit study_finished(false);
    return;
  }
  current_ = outcome->candidates.front();
  pin_button_->setEnabled(true);
  refresh_results();
  const auto best = study::cheapest_meeting(candidates(), target());
  const QString rule = QString::fromStdString(study::target_text(target()));
  set_status(best ? QString("Cheapest candidate with %1: %2")
                        .arg(rule, QString::fromStdString(candidates()[*best].result.scenario))
                  : QString("No candidate meets %1.").arg(rule));
  emit study_finished(true);
  if (!files_to_compare_.isEmpty()) {
    pin();
    open_next_file();
  }
}

void MainWindow::refresh_results() {
  const std::vector<study::Candidate> all = candidates();
  fill_compare_table(table_, all, target());
  const std::vector<study::StudyResult> results = results_of(all);
  // setChart hands the new chart to the view; the old one is deleted after it is replaced.
  const auto replace = [](QChartView* view, std::unique_ptr<QChart> chart) {
    QChart* old = view->chart();
    view->setChart(chart.release());
    delete old;
  };
  replace(forward_view_, forward_progress_chart(results, target_->value()));
  replace(breakdown_view_, breakdown_chart(results));
  replace(progress_view_, progress_chart(results));
  if (sweep_) sweep_view_->show_sweep(*sweep_, target());
  const QSignalBlocker quiet(detail_choice_);
  detail_choice_->clear();
  for (const study::StudyResult& r : results) detail_choice_->addItem(QString::fromStdString(r.scenario));
  detail_choice_->setCurrentIndex(detail_choice_->count() - 1);
  show_detail();
}

void MainWindow::show_detail() {
  const std::vector<study::Candidate> all = candidates();
  const int index = detail_choice_->currentIndex();
  if (index < 0 || index >= static_cast<int>(all.size())) {
    detail_->clear();
    cluster_view_->show_candidate(nullptr);
    timeline_view_->show_candidate(nullptr);
    return;
  }
  const study::Candidate& c = all[static_cast<std::size_t>(index)];
  cluster_view_->show_candidate(&c);
  if (tabs_->currentWidget() == timeline_view_) timeline_view_->show_candidate(&c);
  detail_->setPlainText(QString::fromStdString(study::summary_table(c.result, c.scenario)));
}

bool MainWindow::write_export(const QString& path, const std::string& content) {
  try {
    app::write_file_atomically(path.toStdString(), content);
    set_status("Saved " + path);
    return true;
  } catch (const std::exception& error) {
    set_status(QString::fromStdString(error.what()), true);
    return false;
  }
}

bool MainWindow::export_compare_csv(const QString& path) {
  return write_export(path, study::compare_csv(candidates()));
}

bool MainWindow::export_compare_json(const QString& path) {
  return write_export(path, study::compare_json(candidates(), target()).dump(2) + "\n");
}

bool MainWindow::export_charts(const QString& directory) {
  const std::vector<study::Candidate> all = candidates();
  if (all.empty()) return false;
  const QString error = write_chart_pngs(results_of(all), target_->value(), directory);
  if (!error.isEmpty()) {
    set_status(error, true);
    return false;
  }
  set_status("Charts saved in " + directory);
  return true;
}

}  // namespace clustersim::gui
