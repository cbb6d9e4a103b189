// The headless render mode:
//   clustersim-gui --render-charts OUT_DIR SCENARIO.json... [--seeds N] [--target-progress X]
// runs the studies like `clustersim compare` (study_runner.hpp) and writes OUT_DIR/forward_progress.png,
// OUT_DIR/breakdown.png and OUT_DIR/progress.png offscreen with the charts the window shows.
// Exit codes: 0 ok, 2 bad input (arguments, scenario files, output directory), 1 simulation error.
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <ostream>
#include <vector>

#include "models/study/monte_carlo.hpp"

namespace clustersim::gui {

inline constexpr QSize chart_png_size{1200, 700};

// Writes the three chart PNGs into `directory` (created if needed). Returns "" or the error.
QString write_chart_pngs(const std::vector<models::study::StudyResult>& results, double target_progress,
                         const QString& directory);

// `arguments` are the ones after --render-charts. Needs a QApplication.
int render_charts_main(const QStringList& arguments, std::ostream& out, std::ostream& err);

}  // namespace clustersim::gui
