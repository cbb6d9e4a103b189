// The compare table of the window: one row per candidate (pinned variants, then the current one) with the
// figures of `clustersim compare` (forward progress and its 95% CI, time to train, total cost, $ per million
// trained tokens, the two largest losses) and whether it meets the target, the cheapest one that does marked,
// by the study API's one rule (study::meets_target, study::cheapest_meeting). Sortable by any column: numeric
// cells sort by their value (kept in kSortRole), not by their text.
#pragma once

#include <Qt>

#include <vector>

#include "models/study/compare.hpp"

class QTableWidget;

namespace clustersim::gui {

inline constexpr int kSortRole = Qt::UserRole;

enum CompareColumn {
  kScenarioColumn = 0,
  kProgressColumn,
  kProgressCiColumn,
  kDaysColumn,
  kCostColumn,
  kUsdPerMTokensColumn,
  kLossesColumn,
  kMeetsColumn,
  kCompareColumns
};

QTableWidget* new_compare_table();
void fill_compare_table(QTableWidget* table, const std::vector<models::study::Candidate>& candidates,
                        const models::study::Target& target);

}  // namespace clustersim::gui
