// SweepHeatmap: a two-axis cartesian sweep as a grid of cells, rows = the first axis's values, columns = the
// second's, each cell coloured by its mean forward progress (red at the lowest of the sweep, green at the
// highest) with the value written in it; a failed point is grey. The target contour is drawn as thick lines
// on the edges between cells that meet the target (study::meets_target) and cells that do not, and around
// the region that meets it. Clicking a cell emits its point index (row-major, the last axis fastest: the
// numbering of models/study/sweep_spec.hpp).
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

namespace clustersim::gui {

struct HeatmapCell {
  std::optional<double> forward_progress;  // empty: the point failed
  bool meets_target = false;
};

class SweepHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit SweepHeatmap(QWidget* parent = nullptr);

  // cells: rows.size() x columns.size(), row-major.
  void set_grid(const QString& row_title, const QStringList& rows, const QString& column_title,
                const QStringList& columns, std::vector<HeatmapCell> cells);
  // The cell rectangle of a point (empty when out of range), for clicks in tests.
  QRect cell_rect(std::size_t point) const;

 signals:
  void point_clicked(std::size_t point);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  QRect grid_rect() const;

  QString row_title_;
  QString column_title_;
  QStringList rows_;
  QStringList columns_;
  std::vector<HeatmapCell> cells_;
};

}  // namespace clustersim::gui
