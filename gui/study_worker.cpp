#include "gui/study_worker.hpp"

#include <exception>
#include <stdexcept>

namespace clustersim::gui {

namespace study = models::study;

namespace {

struct Superseded {};

}  // namespace

void StudyWorker::run(StudyRequestPtr request) {
  const std::uint64_t generation = request->generation;
  if (latest_->load() != generation) return;
  auto outcome = std::make_shared<StudyOutcome>();
  outcome->generation = generation;
  try {
    outcome->candidates =
        study::run_comparison(request->scenarios, request->seeds, [&](const study::CompareProgress& p) {
          if (latest_->load() != generation) throw Superseded{};
          emit progress(generation, p.done_all, p.total);
        });
  } catch (const Superseded&) {
    return;
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
