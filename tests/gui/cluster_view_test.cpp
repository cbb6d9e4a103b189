// The Cluster view: the variant's fabric (leaves and the switches above them), its checkpoint tiers with the
// first seed's traffic and its shared storage, and the first seed's interruptions; zoom with the wheel.
#include <QCoreApplication>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QTabWidget>
#include <QWheelEvent>

#include <catch2/catch.hpp>

#include "gui/cluster_view.hpp"
#include "gui_test_support.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

namespace {

// The tooltips and texts of every item of the scene.
QStringList scene_texts(const gui::ClusterView* view) {
  QStringList texts;
  for (const QGraphicsItem* item : view->scene()->items()) {
    if (!item->toolTip().isEmpty()) texts << item->toolTip();
    if (const auto* text = dynamic_cast<const QGraphicsSimpleTextItem*>(item)) texts << text->text();
  }
  return texts;
}

bool any_starts_with(const QStringList& texts, const QString& prefix) {
  for (const QString& text : texts) {
    if (text.startsWith(prefix)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the cluster view draws the variant's fabric, tiers and failures", "[gui][cluster]") {
  gui::MainWindow window({enterprise_local});
  REQUIRE(run_and_wait(window));
  gui::ClusterView* view = window.cluster_view();
  const QStringList texts = scene_texts(view);
  const study::Candidate candidate = window.candidates().back();
  // 128 nodes, 32 under each leaf: 4 leaf groups, below the fabric with the plan's figures.
  REQUIRE(any_starts_with(texts, "4 leaf groups of 32 nodes x 8 GPUs (DGX-H100)"));
  const nlohmann::json& fabric = candidate.scenario.derived["fabric"];
  REQUIRE(any_starts_with(texts, QString("back-end fabric: rail_optimized, %1 switches (QM9700), %2 links")
                                     .arg(fabric["switches"].get<long long>())
                                     .arg(fabric["links"].get<long long>())));
  for (const char* tier : {"host_dram: written", "partner_nvme: written", "shared_storage: written"})
    REQUIRE(any_starts_with(texts, tier));
  REQUIRE(any_starts_with(texts, "Shared storage s3-standard: write 25.0 GB/s"));
  const auto& campaign = candidate.result.runs.front().campaign;
  for (const auto& [cause, count] : campaign.interruptions_by_cause) {
    if (count == 0) continue;
    bool listed = false;
    for (const QString& text : texts)
      listed |= text.contains(QString("%1 x%2").arg(QString::fromStdString(cause)).arg(count));
    REQUIRE(listed);
  }

  window.show();
  window.tabs()->setCurrentWidget(view);
  view->show_candidate(&candidate);  // fitted to the view's size now that it is shown
  const double before = view->transform().m11();
  QWheelEvent wheel(QPointF(50, 50), view->mapToGlobal(QPoint(50, 50)), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(view->viewport(), &wheel);
  REQUIRE(view->transform().m11() > before);
  save_screenshot(&window, "window_cluster");
  save_screenshot(view, "view_cluster");
}
