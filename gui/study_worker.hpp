// StudyWorker: runs a comparison (study_runner.hpp) on its own thread. The window never touches a
// model while it runs: it sends file names and a seed count, and receives progress counts and, at
// the end, an immutable snapshot of the results (or the error), all through queued signals.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "models/study/compare.hpp"

namespace clustersim::gui {

// What a finished run hands back to the GUI thread. exit_code: 0 ok, 2 bad input, 1 simulation error.
struct StudyOutcome {
  std::vector<models::study::Candidate> candidates;
  int exit_code = 0;
  QString error;
};
using StudyOutcomePtr = std::shared_ptr<const StudyOutcome>;

class StudyWorker : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;

 public slots:
  // seeds = 0: each scenario's run.seeds.
  void run(const QStringList& scenario_paths, int seeds);

 signals:
  void progress(int done, int total);
  void finished(clustersim::gui::StudyOutcomePtr outcome);
};

}  // namespace clustersim::gui

Q_DECLARE_METATYPE(clustersim::gui::StudyOutcomePtr)
