// StudyWorker: checks and runs a variant of a scenario on its own thread: the edited document with the knobs'
// overrides is checked and resolved (study::check_document), then its study runs (study::run_comparison). The
// window never touches a model while it runs: it sends an immutable request (a copy of the document, the
// overrides, a seed count, a generation number) and receives progress counts and, at the end, an immutable
// snapshot of the result (or the error, with its JSON path), all through queued signals.
//
// A sweep request runs its points in order, each checked and run like a variant (the points of
// `clustersim sweep`, without its result files), progress counted in points.
//
// Superseding and cancelling: the window and the worker share the latest generation (an atomic counter). A
// request whose generation is no longer the latest is dropped before it starts, and a running one stops after
// the seed in flight (a campaign run cannot be interrupted inside a seed), without a result: a newer slider
// value supersedes the older run, and Cancel just advances the counter.
#pragma once

#include <QObject>
#include <QString>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/study/compare.hpp"
#include "models/study/sweep_spec.hpp"

namespace clustersim::gui {

struct StudyRequest {
  nlohmann::json document;
  models::study::ScenarioOverrides overrides;
  std::filesystem::path scenario_dir;  // where a relative fabric platform file is looked up
  std::string name_suffix;             // added to the scenario's name: " [failures.scale=2.0]"
  int seeds = 1;                       // 0: the scenario's run.seeds
  std::uint64_t generation = 0;
};
using StudyRequestPtr = std::shared_ptr<const StudyRequest>;

// What a finished run hands back to the GUI thread: one candidate, or exit_code 2 (bad input: the check's
// message) or 1 (simulation error) and the error.
struct StudyOutcome {
  std::uint64_t generation = 0;
  std::vector<models::study::Candidate> candidates;
  int exit_code = 0;
  QString error;
};
using StudyOutcomePtr = std::shared_ptr<const StudyOutcome>;

// A sweep (models/study/sweep_spec.hpp) run point by point, each point checked and run like a variant.
struct SweepRequest {
  models::study::SweepSpec spec;
  std::uint64_t generation = 0;
};
using SweepRequestPtr = std::shared_ptr<const SweepRequest>;

// Per point (in point order): its candidate, or the error that stopped it (the sweep goes on, as in
// `clustersim sweep`).
struct SweepOutcome {
  std::uint64_t generation = 0;
  models::study::SweepSpec spec;
  std::vector<std::optional<models::study::Candidate>> points;
  std::vector<QString> errors;
};
using SweepOutcomePtr = std::shared_ptr<const SweepOutcome>;

using Generation = std::shared_ptr<std::atomic<std::uint64_t>>;

class StudyWorker : public QObject {
  Q_OBJECT

 public:
  explicit StudyWorker(Generation latest) : latest_(std::move(latest)) {}

 public slots:
  void run(clustersim::gui::StudyRequestPtr request);
  void run_sweep(clustersim::gui::SweepRequestPtr request);

 signals:
  void progress(quint64 generation, int done, int total);
  void finished(clustersim::gui::StudyOutcomePtr outcome);
  void sweep_finished(clustersim::gui::SweepOutcomePtr outcome);

 private:
  Generation latest_;
};

}  // namespace clustersim::gui

Q_DECLARE_METATYPE(clustersim::gui::StudyRequestPtr)
Q_DECLARE_METATYPE(clustersim::gui::StudyOutcomePtr)
Q_DECLARE_METATYPE(clustersim::gui::SweepRequestPtr)
Q_DECLARE_METATYPE(clustersim::gui::SweepOutcomePtr)
