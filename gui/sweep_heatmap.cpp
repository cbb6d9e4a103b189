#include "gui/sweep_heatmap.hpp"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace clustersim::gui {

namespace {

constexpr int kLeftMargin = 150;
constexpr int kBottomMargin = 70;
constexpr int kTopMargin = 30;
constexpr int kRightMargin = 20;

}  // namespace

SweepHeatmap::SweepHeatmap(QWidget* parent) : QWidget(parent) {
  setMinimumSize(400, 300);
}

void SweepHeatmap::set_grid(const QString& row_title, const QStringList& rows, const QString& column_title,
                            const QStringList& columns, std::vector<HeatmapCell> cells) {
  row_title_ = row_title;
  column_title_ = column_title;
  rows_ = rows;
  columns_ = columns;
  cells_ = std::move(cells);
  update();
}

QRect SweepHeatmap::grid_rect() const {
  return rect().adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
}

QRect SweepHeatmap::cell_rect(std::size_t point) const {
  if (rows_.isEmpty() || columns_.isEmpty() || point >= cells_.size()) return {};
  const QRect grid = grid_rect();
  const int row = static_cast<int>(point) / columns_.size();
  const int column = static_cast<int>(point) % columns_.size();
  const int left = grid.left() + column * grid.width() / columns_.size();
  const int right = grid.left() + (column + 1) * grid.width() / columns_.size();
  const int top = grid.top() + row * grid.height() / rows_.size();
  const int bottom = grid.top() + (row + 1) * grid.height() / rows_.size();
  return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

void SweepHeatmap::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  if (cells_.empty()) return;
  double low = 1, high = 0;
  for (const HeatmapCell& cell : cells_) {
    if (!cell.forward_progress) continue;
    low = std::min(low, *cell.forward_progress);
    high = std::max(high, *cell.forward_progress);
  }
  const int decimals = high - low >= 1e-3 ? 4 : 6;  // enough digits to tell the cells apart
  const int count = static_cast<int>(cells_.size());
  for (int point = 0; point < count; ++point) {
    const HeatmapCell& cell = cells_[static_cast<std::size_t>(point)];
    const QRect box = cell_rect(static_cast<std::size_t>(point));
    QColor colour(Qt::lightGray);
    QString text = "failed";
    if (cell.forward_progress) {
      const double share = high > low ? (*cell.forward_progress - low) / (high - low) : 1.0;
      colour = QColor::fromHsvF(share / 3.0, 0.45, 0.95);  // red (0) to green (1/3)
      text = QString::number(*cell.forward_progress, 'f', decimals);
    }
    painter.fillRect(box, colour);
    painter.setPen(QPen(Qt::white, 1));
    painter.drawRect(box);
    painter.setPen(Qt::black);
    painter.drawText(box, Qt::AlignCenter, text);
  }
  // The target contour: edges between a cell that meets the target and one that does not (or the border).
  const auto meets = [&](int row, int column) {
    if (row < 0 || column < 0 || row >= rows_.size() || column >= columns_.size()) return false;
    return cells_[static_cast<std::size_t>(row * columns_.size() + column)].meets_target;
  };
  painter.setPen(QPen(Qt::black, 3));
  for (int row = 0; row < rows_.size(); ++row) {
    for (int column = 0; column < columns_.size(); ++column) {
      if (!meets(row, column)) continue;
      const QRect box = cell_rect(static_cast<std::size_t>(row * columns_.size() + column)).adjusted(0, 0, 1, 1);
      if (!meets(row - 1, column)) painter.drawLine(box.topLeft(), box.topRight());
      if (!meets(row + 1, column)) painter.drawLine(box.bottomLeft(), box.bottomRight());
      if (!meets(row, column - 1)) painter.drawLine(box.topLeft(), box.bottomLeft());
      if (!meets(row, column + 1)) painter.drawLine(box.topRight(), box.bottomRight());
    }
  }
  // Axis labels and titles.
  const QRect grid = grid_rect();
  painter.setPen(Qt::black);
  for (int row = 0; row < rows_.size(); ++row) {
    const QRect box = cell_rect(static_cast<std::size_t>(row * columns_.size()));
    painter.drawText(QRect(0, box.top(), kLeftMargin - 6, box.height()), Qt::AlignRight | Qt::AlignVCenter, rows_[row]);
  }
  for (int column = 0; column < columns_.size(); ++column) {
    const QRect box = cell_rect(static_cast<std::size_t>(column));
    painter.drawText(QRect(box.left(), grid.bottom() + 4, box.width(), 20), Qt::AlignHCenter | Qt::AlignTop,
                     columns_[column]);
  }
  painter.drawText(QRect(grid.left(), grid.bottom() + 28, grid.width(), 20), Qt::AlignHCenter, column_title_);
  painter.drawText(QRect(0, 4, width(), 20), Qt::AlignLeft,
                   "rows: " + row_title_ + "   (thick line: the target contour; click a cell to open it)");
}

void SweepHeatmap::mousePressEvent(QMouseEvent* event) {
  for (std::size_t point = 0; point < cells_.size(); ++point) {
    if (cell_rect(point).contains(event->position().toPoint())) {
      emit point_clicked(point);
      return;
    }
  }
}

}  // namespace clustersim::gui
