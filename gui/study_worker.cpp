#include "gui/study_worker.hpp"

#include "gui/program_catalog.hpp"
#include "models/study/document_check.hpp"
#include "models/study/scenario_values.hpp"

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
    study::DocumentCheck check =
        study::check_document(request->document, program_catalog(), request->overrides, {}, request->scenario_dir);
    if (!check.scenario) throw study::ScenarioError(check.error);
    check.scenario->name += request->name_suffix;
    outcome->candidates =
        study::run_comparison({std::move(*check.scenario)}, request->seeds, [&](const study::CompareProgress& p) {
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

void StudyWorker::run_sweep(SweepRequestPtr request) {
  const std::uint64_t generation = request->generation;
  auto outcome = std::make_shared<SweepOutcome>();
  outcome->generation = generation;
  outcome->spec = request->spec;
  const std::vector<study::SweepPoint> points = study::enumerate_points(request->spec);
  for (const study::SweepPoint& point : points) {
    if (latest_->load() != generation) return;
    try {
      study::DocumentCheck check = study::check_document(study::point_document(request->spec, point), program_catalog(),
                                                         {}, {}, request->spec.scenario_directory);
      if (!check.scenario) throw study::ScenarioError(check.error);
      outcome->points.push_back(study::run_comparison({std::move(*check.scenario)}, 0).front());
      outcome->errors.emplace_back();
    } catch (const std::exception& error) {
      outcome->points.emplace_back();
      outcome->errors.push_back(QString::fromStdString(error.what()));
    }
    emit progress(generation, static_cast<int>(outcome->points.size()), static_cast<int>(points.size()));
  }
  emit sweep_finished(std::move(outcome));
}

}  // namespace clustersim::gui
