// ClusterView: the cluster of one variant drawn from its resolved scenario and its first seed's results.
// - The back-end fabric as one box with the figures of the scenario's fabric plan (kind, switches and their
//   model, links, bisection, oversubscription, routing: ResolvedScenario::derived) above a row of leaf groups
//   (the nodes under one leaf, nodes_per_leaf each: the blast radius of a leaf failure; at most kMaxDrawn
//   boxes, the rest summed in a "+N" box), each linked to it.
// - The checkpoint tiers (host DRAM, partner NVMe, shared storage) with what the first seed moved through them:
//   bytes written, busy share of the wall time and the mean write rate while busy; the shared storage system
//   with its catalog bandwidth, reached over the front-end network or the back-end fabric.
// - The first seed's interruptions by cause, the components that failed.
// Zoom with the mouse wheel, pan by dragging; every box has its details as a tooltip.
#pragma once

#include <QGraphicsView>

#include "models/study/compare.hpp"

namespace clustersim::gui {

class ClusterView : public QGraphicsView {
  Q_OBJECT

 public:
  static constexpr int kMaxDrawn = 24;

  explicit ClusterView(QWidget* parent = nullptr);

  // Draws `candidate`; nullptr clears the view.
  void show_candidate(const models::study::Candidate* candidate);

 protected:
  void wheelEvent(QWheelEvent* event) override;
};

}  // namespace clustersim::gui
