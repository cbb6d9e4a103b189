#include "gui/compare_table.hpp"

#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>

namespace clustersim::gui {

namespace study = models::study;

namespace {

// A cell that sorts by kSortRole when both cells have one (numbers), else by text.
class Cell : public QTableWidgetItem {
 public:
  explicit Cell(const QString& text) : QTableWidgetItem(text) { setFlags(flags() & ~Qt::ItemIsEditable); }
  Cell(const QString& text, double value) : Cell(text) {
    setData(kSortRole, value);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant mine = data(kSortRole);
    const QVariant theirs = other.data(kSortRole);
    if (mine.isValid() && theirs.isValid()) return mine.toDouble() < theirs.toDouble();
    return QTableWidgetItem::operator<(other);
  }
};

QString losses_text(const study::StudyResult& r) {
  QString losses;
  for (const auto& [cause, seconds] : study::largest_losses(r, 2)) {
    if (!losses.isEmpty()) losses += ", ";
    losses += QString("%1 %2%")
                  .arg(QString::fromStdString(cause).replace('_', ' '))
                  .arg(r.wall_time_s.mean > 0 ? 100.0 * seconds / r.wall_time_s.mean : 0.0, 0, 'f', 1);
  }
  return losses;
}

}  // namespace

QTableWidget* new_compare_table() {
  auto* table = new QTableWidget(0, kCompareColumns);
  table->setHorizontalHeaderLabels({"scenario", "forward progress", "95% CI", "time to train (days)", "total cost ($)",
                                    "$ / 1M tokens", "largest losses (% of wall time)", "meets target"});
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
  table->verticalHeader()->setVisible(false);
  table->setSortingEnabled(true);
  return table;
}

void fill_compare_table(QTableWidget* table, const std::vector<study::Candidate>& candidates,
                        const study::Target& target) {
  table->setSortingEnabled(false);  // rows are filled in candidate order, then sorted as the user asked
  table->clearContents();
  table->setRowCount(static_cast<int>(candidates.size()));
  const auto best = study::cheapest_meeting(candidates, target);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const study::StudyResult& r = candidates[i].result;
    const int row = static_cast<int>(i);
    const bool cheapest = best && *best == i;
    const double days = r.time_to_train_s.mean / 86400.0;
    table->setItem(row, kScenarioColumn, new Cell(QString::fromStdString(r.scenario)));
    table->setItem(row, kProgressColumn,
                   new Cell(QString::number(r.forward_progress.mean, 'f', 4), r.forward_progress.mean));
    table->setItem(row, kProgressCiColumn,
                   new Cell(QString("[%1, %2]")
                                .arg(r.forward_progress.ci95_low, 0, 'f', 4)
                                .arg(r.forward_progress.ci95_high, 0, 'f', 4),
                            r.forward_progress.ci95_low));
    table->setItem(
        row, kDaysColumn,
        new Cell(QString::number(days, 'f', 2) + (r.budget_reached_fraction < 1 ? " (budget not reached)" : ""), days));
    table->setItem(row, kCostColumn,
                   new Cell(QLocale(QLocale::English).toString(r.total_usd.mean, 'f', 0), r.total_usd.mean));
    table->setItem(row, kUsdPerMTokensColumn,
                   r.usd_per_trained_token ? new Cell(QString::number(r.usd_per_trained_token->mean * 1e6, 'f', 4),
                                                      r.usd_per_trained_token->mean * 1e6)
                                           : new Cell("n/a"));
    table->setItem(row, kLossesColumn, new Cell(losses_text(r)));
    table->setItem(row, kMeetsColumn,
                   new Cell(cheapest ? "yes — cheapest" : (study::meets_target(r, target) ? "yes" : "no")));
    if (!cheapest) continue;
    for (int column = 0; column < kCompareColumns; ++column) {
      QTableWidgetItem* item = table->item(row, column);
      item->setBackground(QColor("#c8f0c8"));
      QFont font = item->font();
      font.setBold(true);
      item->setFont(font);
    }
  }
  table->setSortingEnabled(true);
}

}  // namespace clustersim::gui
