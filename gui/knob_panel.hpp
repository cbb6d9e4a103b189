// KnobPanel: sliders for the knobs architects turn, each a `--set`-style override (study::ScenarioOverride) on
// the edited scenario. Built from the resolved scenario, each starts at its current value; only a moved knob
// contributes an override:
//   shared-storage write bandwidth  architecture.storage.write_bandwidth      0.1 GB/s steps
//   checkpoint interval, per level  policies.checkpoint.levels[i].interval    1 min steps (time-based levels)
//   failure-rate scale              failures.scale                            0.1 steps
//   leaf oversubscription           architecture.fabric.oversubscription     0.5 steps from 1
//   spare nodes                     architecture.spare_nodes
//   node count                      architecture.nodes with workload.training.parallelism.dp, in steps that keep
//                                   tp x pp x dp = nodes x GPUs per node and fill whole leaves
// Each slider's objectName is its parameter path (the node-count slider: "architecture.nodes").
#pragma once

#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

#include "models/study/resolved_scenario.hpp"
#include "models/study/scenario_overrides.hpp"

class QFormLayout;
class QLabel;
class QSlider;

namespace clustersim::gui {

class KnobPanel : public QWidget {
  Q_OBJECT

 public:
  explicit KnobPanel(QWidget* parent = nullptr);

  // Replaces the knobs with those of `scenario`, at its values (no override).
  void rebuild(const models::study::ResolvedScenario& scenario);
  void clear();

  models::study::ScenarioOverrides overrides() const;
  // "failures.scale=2, architecture.spare_nodes=8" (empty when no knob moved).
  QString description() const;
  // The slider of a parameter path, or nullptr.
  QSlider* slider(const QString& path) const;

 signals:
  void overrides_changed();

 private:
  struct Knob {
    QSlider* slider = nullptr;
    QLabel* value = nullptr;
    int initial = 0;
    std::function<models::study::ScenarioOverrides(int)> overrides;
    std::function<QString(int)> text;
  };
  void add_knob(const QString& label, const QString& path, int minimum, int maximum, int initial,
                std::function<models::study::ScenarioOverrides(int)> overrides, std::function<QString(int)> text);

  QFormLayout* form_ = nullptr;
  std::vector<Knob> knobs_;
};

}  // namespace clustersim::gui
