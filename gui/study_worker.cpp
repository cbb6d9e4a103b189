#include "gui/study_worker.hpp"

#include <exception>
#include <stdexcept>

#include "gui/study_runner.hpp"

namespace clustersim::gui {

void StudyWorker::run(const QStringList& scenario_paths, int seeds) {
  auto outcome = std::make_shared<StudyOutcome>();
  try {
    std::vector<std::string> paths;
    for (const QString& path : scenario_paths) paths.push_back(path.toStdString());
    outcome->candidates = run_candidates(paths, seeds, [this](int done, int total) { emit progress(done, total); });
  } catch (const std::invalid_argument& error) {
    outcome->exit_code = 2;
    outcome->error = QString::fromStdString(error.what());
  } catch (const std::exception& error) {
    outcome->exit_code = 1;
    outcome->error = QString("simulation error: ") + QString::fromStdString(error.what());
  }
  emit finished(std::move(outcome));
}

}  // namespace clustersim::gui
