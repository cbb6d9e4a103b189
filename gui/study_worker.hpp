// StudyWorker: runs studies of resolved scenarios (models/study/compare.hpp, run_comparison) on its own
// thread. The window never touches a model while it runs: it sends an immutable request (resolved scenarios,
// a seed count, a generation number) and receives progress counts and, at the end, an immutable snapshot of
// the results (or the error), all through queued signals.
//
// Superseding and cancelling: the window and the worker share the latest generation (an atomic counter). A
// request whose generation is no longer the latest is dropped before it starts, and a running one stops after
// the seed in flight (a campaign run cannot be interrupted inside a seed), without a result: a newer slider
// value supersedes the older run, and Cancel just advances the counter.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/study/compare.hpp"

namespace clustersim::gui {

struct StudyRequest {
  std::vector<models::study::ResolvedScenario> scenarios;
  int seeds = 1;  // 0: each scenario's run.seeds
  std::uint64_t generation = 0;
};
using StudyRequestPtr = std::shared_ptr<const StudyRequest>;

// What a finished run hands back to the GUI thread. exit_code: 0 ok, 2 bad input, 1 simulation error.
struct StudyOutcome {
  std::uint64_t generation = 0;
  std::vector<models::study::Candidate> candidates;
  int exit_code = 0;
  QString error;
};
using StudyOutcomePtr = std::shared_ptr<const StudyOutcome>;

using Generation = std::shared_ptr<std::atomic<std::uint64_t>>;

class StudyWorker : public QObject {
  Q_OBJECT

 public:
  explicit StudyWorker(Generation latest) : latest_(std::move(latest)) {}

 public slots:
  void run(clustersim::gui::StudyRequestPtr request);

 signals:
  void progress(quint64 generation, int done, int total);
  void finished(clustersim::gui::StudyOutcomePtr outcome);

 private:
  Generation latest_;
};

}  // namespace clustersim::gui

Q_DECLARE_METATYPE(clustersim::gui::StudyRequestPtr)
Q_DECLARE_METATYPE(clustersim::gui::StudyOutcomePtr)
