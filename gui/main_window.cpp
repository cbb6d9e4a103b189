#include "gui/main_window.hpp"

#include <QChartView>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/charts.hpp"
#include "gui/render_charts.hpp"
#include "gui/study_runner.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

QTableWidgetItem* cell(const QString& text, bool numeric = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  if (numeric) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QChartView* new_chart_view() {
  auto* view = new QChartView;
  view->setRenderHint(QPainter::Antialiasing);
  return view;
}

}  // namespace

MainWindow::MainWindow(const QStringList& scenario_paths, QWidget* parent) : QMainWindow(parent) {
  qRegisterMetaType<StudyOutcomePtr>();
  setWindowTitle("clustersim — compare cluster architectures");

  // Left: the study set-up.
  auto* setup = new QWidget;
  auto* setup_layout = new QVBoxLayout(setup);
  setup_layout->addWidget(new QLabel("Scenario files:"));
  scenario_list_ = new QListWidget;
  scenario_list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  setup_layout->addWidget(scenario_list_, 1);
  auto* list_buttons = new QHBoxLayout;
  auto* add_button = new QPushButton("Add…");
  auto* remove_button = new QPushButton("Remove");
  list_buttons->addWidget(add_button);
  list_buttons->addWidget(remove_button);
  setup_layout->addLayout(list_buttons);
  auto* form = new QFormLayout;
  seeds_ = new QSpinBox;
  seeds_->setRange(0, 100000);
  seeds_->setSpecialValueText("scenario's run.seeds");
  seeds_->setToolTip("Monte Carlo runs per scenario (seeds s, s+1, ...)");
  form->addRow("Seeds:", seeds_);
  target_ = new QDoubleSpinBox;
  target_->setRange(0.01, 1.0);
  target_->setDecimals(3);
  target_->setSingleStep(0.01);
  target_->setValue(0.95);
  target_->setToolTip(
      "The cheapest candidate whose 95% CI lower bound of forward progress reaches this (and every seed "
      "reached the token budget) is highlighted: the rule of clustersim compare");
  form->addRow("Forward-progress target:", target_);
  setup_layout->addLayout(form);
  run_button_ = new QPushButton("Run");
  setup_layout->addWidget(run_button_);
  progress_bar_ = new QProgressBar;
  progress_bar_->setRange(0, 1);
  progress_bar_->setValue(0);
  progress_bar_->setFormat("%v/%m seeds");
  setup_layout->addWidget(progress_bar_);
  export_button_ = new QPushButton("Export charts…");
  export_button_->setEnabled(false);
  setup_layout->addWidget(export_button_);
  status_ = new QLabel("Add scenario files and press Run.");
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  setup_layout->addWidget(status_);

  // Right: results.
  tabs_ = new QTabWidget;
  table_ = new QTableWidget(0, 7);
  table_->setHorizontalHeaderLabels({"scenario", "forward progress [95% CI]", "time to train (days)", "total cost ($)",
                                     "$ / 1M tokens", "largest losses (% of wall time)", "meets target"});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  tabs_->addTab(table_, "Results");
  forward_view_ = new_chart_view();
  breakdown_view_ = new_chart_view();
  progress_view_ = new_chart_view();
  tabs_->addTab(forward_view_, "Forward progress");
  tabs_->addTab(breakdown_view_, "Where the time went");
  tabs_->addTab(progress_view_, "Progress over time");

  auto* splitter = new QSplitter;
  splitter->addWidget(setup);
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(1, 1);
  setCentralWidget(splitter);
  resize(1280, 760);

  // The worker lives on its own thread; every connection to it is queued.
  worker_ = new StudyWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &MainWindow::run_requested, worker_, &StudyWorker::run, Qt::QueuedConnection);
  connect(worker_, &StudyWorker::progress, this, &MainWindow::on_progress, Qt::QueuedConnection);
  connect(worker_, &StudyWorker::finished, this, &MainWindow::on_finished, Qt::QueuedConnection);
  thread_.start();

  connect(add_button, &QPushButton::clicked, this, &MainWindow::on_add_clicked);
  connect(remove_button, &QPushButton::clicked, this, &MainWindow::on_remove_clicked);
  connect(run_button_, &QPushButton::clicked, this, &MainWindow::run);
  connect(export_button_, &QPushButton::clicked, this, &MainWindow::on_export_clicked);
  connect(target_, &QDoubleSpinBox::valueChanged, this, &MainWindow::refresh_results);

  for (const QString& path : scenario_paths) add_scenario(path);
}

MainWindow::~MainWindow() {
  // A run in flight finishes first (a campaign cannot be interrupted); then the worker is deleted.
  thread_.quit();
  thread_.wait();
}

void MainWindow::add_scenario(const QString& path) {
  if (scenario_paths().contains(path)) return;
  scenario_list_->addItem(path);
}

QStringList MainWindow::scenario_paths() const {
  QStringList paths;
  for (int i = 0; i < scenario_list_->count(); ++i) paths << scenario_list_->item(i)->text();
  return paths;
}

void MainWindow::set_seeds(int seeds) {
  seeds_->setValue(seeds);
}

void MainWindow::set_target_progress(double target) {
  target_->setValue(target);
}

QString MainWindow::status_text() const {
  return status_->text();
}

void MainWindow::run() {
  if (running_) return;
  const QStringList paths = scenario_paths();
  if (paths.isEmpty()) {
    status_->setText("Add at least one scenario file first.");
    return;
  }
  running_ = true;
  run_button_->setEnabled(false);
  progress_bar_->setRange(0, 0);  // busy until the first seed reports
  status_->setText(QString("Running %1 scenario(s)…").arg(paths.size()));
  emit run_requested(paths, seeds_->value());
}

void MainWindow::on_progress(int done, int total) {
  progress_bar_->setRange(0, total);
  progress_bar_->setValue(done);
}

void MainWindow::on_finished(StudyOutcomePtr outcome) {
  running_ = false;
  run_button_->setEnabled(true);
  if (outcome->exit_code != 0) {
    progress_bar_->setRange(0, 1);
    progress_bar_->setValue(0);
    status_->setText("<span style='color:#b00020'>" + outcome->error.toHtmlEscaped() + "</span>");
    emit study_finished(false);
    return;
  }
  outcome_ = std::move(outcome);
  export_button_->setEnabled(true);
  refresh_results();
  emit study_finished(true);
}

void MainWindow::refresh_results() {
  if (!outcome_) return;
  fill_table();
  show_charts();
  const study::Target target{target_->value(), std::nullopt};
  const auto best = study::cheapest_meeting(outcome_->candidates, target);
  const QString rule = QString::fromStdString(study::target_text(target)).toHtmlEscaped();
  status_->setText(best ? QString("Cheapest candidate with %1: <b>%2</b>")
                              .arg(rule)
                              .arg(QString::fromStdString(outcome_->candidates[*best].result.scenario).toHtmlEscaped())
                        : QString("No candidate meets %1.").arg(rule));
}

void MainWindow::fill_table() {
  const auto& candidates = outcome_->candidates;
  const study::Target target{target_->value(), std::nullopt};
  const auto best = study::cheapest_meeting(candidates, target);
  table_->setRowCount(static_cast<int>(candidates.size()));
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const study::StudyResult& r = candidates[i].result;
    const int row = static_cast<int>(i);
    QString losses;
    for (const auto& [cause, seconds] : study::largest_losses(r, 2)) {
      if (!losses.isEmpty()) losses += ", ";
      losses += QString("%1 %2%")
                    .arg(QString::fromStdString(cause).replace('_', ' '))
                    .arg(r.wall_time_s.mean > 0 ? 100.0 * seconds / r.wall_time_s.mean : 0.0, 0, 'f', 1);
    }
    table_->setItem(row, 0, cell(QString::fromStdString(r.scenario)));
    table_->setItem(row, 1,
                    cell(QString("%1 [%2, %3]")
                             .arg(r.forward_progress.mean, 0, 'f', 4)
                             .arg(r.forward_progress.ci95_low, 0, 'f', 4)
                             .arg(r.forward_progress.ci95_high, 0, 'f', 4),
                         true));
    table_->setItem(row, 2,
                    cell(QString::number(r.time_to_train_s.mean / 86400.0, 'f', 2) +
                             (r.budget_reached_fraction < 1 ? " (budget not reached)" : ""),
                         true));
    table_->setItem(row, 3, cell(QLocale(QLocale::English).toString(r.total_usd.mean, 'f', 0), true));
    table_->setItem(
        row, 4,
        cell(r.usd_per_trained_token ? QString::number(r.usd_per_trained_token->mean * 1e6, 'f', 4) : "n/a", true));
    table_->setItem(row, 5, cell(losses));
    table_->setItem(row, 6,
                    cell(best && *best == i ? "yes — cheapest" : (study::meets_target(r, target) ? "yes" : "no")));
    const QColor background = best && *best == i ? QColor("#c8f0c8") : QColor(Qt::white);
    for (int column = 0; column < table_->columnCount(); ++column) {
      table_->item(row, column)->setBackground(background);
      if (best && *best == i) {
        QFont font = table_->item(row, column)->font();
        font.setBold(true);
        table_->item(row, column)->setFont(font);
      }
    }
  }
}

void MainWindow::show_charts() {
  const std::vector<study::StudyResult> results = results_of(outcome_->candidates);
  // setChart hands the new chart to the view; the old one is deleted after it is replaced.
  const auto replace = [](QChartView* view, std::unique_ptr<QChart> chart) {
    QChart* old = view->chart();
    view->setChart(chart.release());
    delete old;
  };
  replace(forward_view_, forward_progress_chart(results, target_->value()));
  replace(breakdown_view_, breakdown_chart(results));
  replace(progress_view_, progress_chart(results));
}

bool MainWindow::export_charts(const QString& directory) {
  if (!outcome_) return false;
  const QString error = write_chart_pngs(results_of(outcome_->candidates), target_->value(), directory);
  if (!error.isEmpty()) {
    status_->setText("<span style='color:#b00020'>" + error.toHtmlEscaped() + "</span>");
    return false;
  }
  status_->setText("Charts saved in " + directory.toHtmlEscaped());
  return true;
}

void MainWindow::on_add_clicked() {
  const QStringList files =
      QFileDialog::getOpenFileNames(this, "Add scenario files", QString(), "Scenarios (*.json);;All files (*)");
  for (const QString& file : files) add_scenario(file);
}

void MainWindow::on_remove_clicked() {
  const auto selected = scenario_list_->selectedItems();
  for (QListWidgetItem* item : selected) delete item;
}

void MainWindow::on_export_clicked() {
  const QString directory = QFileDialog::getExistingDirectory(this, "Export charts to");
  if (directory.isEmpty()) return;
  if (!export_charts(directory)) QMessageBox::warning(this, "Export charts", status_->text());
}

}  // namespace clustersim::gui
