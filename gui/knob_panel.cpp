#include "gui/knob_panel.hpp"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace clustersim::gui {

namespace study = models::study;

namespace {

int rounded(double value) {
  return static_cast<int>(std::lround(value));
}

// One override of `path` whose value is `value`.
std::function<study::ScenarioOverrides(int)> one(const std::string& path, std::function<nlohmann::json(int)> value) {
  return [path, value = std::move(value)](int position) { return study::ScenarioOverrides{{path, value(position)}}; };
}

}  // namespace

KnobPanel::KnobPanel(QWidget* parent) : QWidget(parent) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
}

void KnobPanel::clear() {
  while (form_->rowCount() > 0) form_->removeRow(0);
  knobs_.clear();
}

void KnobPanel::add_knob(const QString& label, const QString& path, int minimum, int maximum, int initial,
                         std::function<study::ScenarioOverrides(int)> overrides, std::function<QString(int)> text) {
  Knob knob;
  knob.slider = new QSlider(Qt::Horizontal);
  knob.slider->setObjectName(path);
  knob.slider->setRange(minimum, std::max(maximum, initial));
  knob.slider->setValue(std::clamp(initial, minimum, knob.slider->maximum()));
  knob.slider->setToolTip(path);
  knob.value = new QLabel(text(initial));
  knob.value->setMinimumWidth(80);
  knob.initial = initial;
  knob.overrides = std::move(overrides);
  knob.text = std::move(text);
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(knob.slider, 1);
  layout->addWidget(knob.value);
  form_->addRow(label, row);
  QLabel* value_label = knob.value;
  auto format = knob.text;
  connect(knob.slider, &QSlider::valueChanged, this, [this, value_label, format](int position) {
    value_label->setText(format(position));
    emit overrides_changed();
  });
  knobs_.push_back(std::move(knob));
}

void KnobPanel::rebuild(const study::ResolvedScenario& scenario) {
  clear();
  const auto& campaign = scenario.campaign;

  const int bandwidth = std::max(1, rounded(campaign.storage.write_bytes_per_s / 1e8));  // 0.1 GB/s
  add_knob(
      "Shared-storage write bandwidth", "architecture.storage.write_bandwidth", 1, std::max(4 * bandwidth, 1000),
      bandwidth,
      one("architecture.storage.write_bandwidth", [](int p) { return QString("%1 GB/s").arg(p / 10.0).toStdString(); }),
      [](int p) { return QString("%1 GB/s").arg(p / 10.0, 0, 'f', 1); });

  for (std::size_t i = 0; i < campaign.checkpoint.levels.size(); ++i) {
    const auto& level = campaign.checkpoint.levels[i];
    if (level.interval <= sim::SimTime::zero()) continue;  // a level counted in steps
    const std::string path = "policies.checkpoint.levels[" + std::to_string(i) + "].interval";
    const int minutes = std::max(1, rounded(level.interval.to_seconds() / 60.0));
    const std::string target = scenario.scenario.value(
        nlohmann::json::json_pointer("/policies/checkpoint/levels/" + std::to_string(i) + "/target"), "");
    add_knob(QString("Level %1 (%2) interval").arg(i).arg(QString::fromStdString(target)), QString::fromStdString(path),
             1, std::max(4 * minutes, 120), minutes, one(path, [](int p) { return std::to_string(p) + " min"; }),
             [](int p) { return QString("%1 min").arg(p); });
  }

  const int scale = rounded(10 * scenario.scenario.value(nlohmann::json::json_pointer("/failures/scale"), 1.0));
  add_knob("Failure-rate scale", "failures.scale", 0, std::max(80, 4 * scale), scale,
           one("failures.scale", [](int p) { return p / 10.0; }), [](int p) { return QString("x%1").arg(p / 10.0); });

  const int oversubscription = rounded(2 * campaign.fabric.leaf_oversubscription) - 1;  // 0.5 steps from 1
  add_knob("Leaf oversubscription", "architecture.fabric.oversubscription", 1, 15, oversubscription,
           one("architecture.fabric.oversubscription", [](int p) { return (p + 1) / 2.0; }),
           [](int p) { return QString("%1:1").arg((p + 1) / 2.0); });

  const int spares = campaign.failures.spare_nodes;
  add_knob("Spare nodes", "architecture.spare_nodes", 0, std::max(64, 4 * spares), spares,
           one("architecture.spare_nodes", [](int p) { return p; }), [](int p) { return QString::number(p); });

  // Node count in steps that keep tp x pp x dp = nodes x gpus and fill whole leaves: a multiple of the nodes of one
  // model replica's worth of dp (gpus / gcd(tp pp, gpus) dp ranks) and of nodes_per_leaf.
  const int gpus = campaign.node.gpus;
  const int model_parallel = campaign.model.tensor_parallel * campaign.model.pipeline_parallel;
  const int dp_step = gpus / std::gcd(model_parallel, gpus);
  const int node_step = std::lcm(dp_step * model_parallel / gpus, std::max(1, campaign.fabric.nodes_per_leaf));
  const int steps = std::max(1, campaign.nodes / node_step);
  add_knob(
      "Node count", "architecture.nodes", 1, 2 * steps, steps,
      [node_step, gpus, model_parallel](int p) {
        const int nodes = p * node_step;
        return study::ScenarioOverrides{{"architecture.nodes", nodes},
                                        {"workload.training.parallelism.dp", nodes * gpus / model_parallel}};
      },
      [node_step](int p) { return QString::number(p * node_step); });
}

study::ScenarioOverrides KnobPanel::overrides() const {
  study::ScenarioOverrides all;
  for (const Knob& knob : knobs_) {
    if (knob.slider->value() == knob.initial) continue;
    for (study::ScenarioOverride& o : knob.overrides(knob.slider->value())) all.push_back(std::move(o));
  }
  return all;
}

QString KnobPanel::description() const {
  QStringList parts;
  for (const study::ScenarioOverride& o : overrides()) {
    const QString value = o.value.is_string() ? QString::fromStdString(o.value.get<std::string>())
                                              : QString::fromStdString(o.value.dump());
    parts << QString::fromStdString(o.path) + "=" + value;
  }
  return parts.join(", ");
}

QSlider* KnobPanel::slider(const QString& path) const {
  for (const Knob& knob : knobs_) {
    if (knob.slider->objectName() == path) return knob.slider;
  }
  return nullptr;
}

}  // namespace clustersim::gui
