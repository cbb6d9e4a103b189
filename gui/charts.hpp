// Charts of study results, shared by the desktop window and the headless `--render-charts` mode.
//
// - Forward progress: one bar per candidate at the mean forward progress (useful time / wall time),
//   a whisker from the 95% CI low to high (Student's t over seeds, models/study/monte_carlo.hpp),
//   and a dashed horizontal line at the target.
// - Where the time went: one horizontal stacked bar per candidate of the loss causes as a share of
//   the mean wall time (every breakdown cause except "compute"; compute's share is written in the
//   candidate's label). Causes keep a fixed order (loss_cause_order) and a fixed colour each.
// - Progress over time: kept tokens vs days of the first seed's progress samples, one line per
//   candidate.
// Every builder returns a chart without a scene; the caller owns it (e.g. hands it to a QChartView).
#pragma once

#include <QChart>
#include <QSize>
#include <QString>

#include <memory>
#include <string>
#include <vector>

#include "models/study/monte_carlo.hpp"

namespace clustersim::gui {

// The loss causes present (non-zero) in any result, in the fixed display order: the causes of
// workload::CampaignResult::breakdown_s in its documented order, then any other cause by name.
std::vector<std::string> loss_cause_order(const std::vector<models::study::StudyResult>& results);

std::unique_ptr<QChart> forward_progress_chart(const std::vector<models::study::StudyResult>& results,
                                               double target_progress);
std::unique_ptr<QChart> breakdown_chart(const std::vector<models::study::StudyResult>& results);
std::unique_ptr<QChart> progress_chart(const std::vector<models::study::StudyResult>& results);

// Renders `chart` offscreen (works with QT_QPA_PLATFORM=offscreen) into a `size` PNG at `path`.
// The chart must not be shown in a view (scene() == nullptr); it is resized to `size`.
// Returns false if the image cannot be written.
bool render_png(QChart* chart, const QString& path, QSize size);

}  // namespace clustersim::gui
