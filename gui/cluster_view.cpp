#include "gui/cluster_view.hpp"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLocale>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace clustersim::gui {

namespace study = models::study;
namespace workload = models::workload;

namespace {

constexpr double kBoxWidth = 70;
constexpr double kBoxHeight = 34;
constexpr double kGap = 14;

QString bytes_text(double bytes) {
  return QLocale(QLocale::English).formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

QString rate_text(double bytes_per_s) {
  return QString("%1 GB/s").arg(bytes_per_s / 1e9, 0, 'f', 1);
}

QGraphicsRectItem* box(QGraphicsScene* scene, double x, double y, double width, const QString& label,
                       const QString& tooltip, const QColor& colour, double height = kBoxHeight) {
  auto* item = scene->addRect(x, y, width, height, QPen(Qt::darkGray), QBrush(colour));
  item->setToolTip(tooltip);
  auto* text = new QGraphicsSimpleTextItem(label, item);
  const QRectF bounds = text->boundingRect();
  text->setPos(x + (width - bounds.width()) / 2, y + (height - bounds.height()) / 2);
  return item;
}

void title(QGraphicsScene* scene, double x, double y, const QString& text) {
  auto* item = scene->addSimpleText(text);
  QFont font = item->font();
  font.setBold(true);
  item->setFont(font);
  item->setPos(x, y);
}

// A row of `count` boxes (at most ClusterView::kMaxDrawn, then a "+N" box); returns their centres.
std::vector<QPointF> row(QGraphicsScene* scene, double y, long long count, const QString& label, const QString& tooltip,
                         const QColor& colour) {
  std::vector<QPointF> centres;
  const long long drawn = std::min<long long>(count, ClusterView::kMaxDrawn);
  for (long long i = 0; i < drawn; ++i) {
    const double x = static_cast<double>(i) * (kBoxWidth + kGap);
    const bool rest = i == drawn - 1 && count > drawn;
    box(scene, x, y, kBoxWidth, rest ? QString("+%1").arg(count - drawn + 1) : label.arg(i), tooltip, colour);
    centres.emplace_back(x + kBoxWidth / 2, y + kBoxHeight / 2);
  }
  return centres;
}

}  // namespace

ClusterView::ClusterView(QWidget* parent) : QGraphicsView(parent) {
  setScene(new QGraphicsScene(this));
  setRenderHint(QPainter::Antialiasing);
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
}

void ClusterView::wheelEvent(QWheelEvent* event) {
  const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
  scale(factor, factor);
}

void ClusterView::show_candidate(const study::Candidate* candidate) {
  QGraphicsScene* scene = this->scene();
  scene->clear();
  if (!candidate) return;
  const study::ResolvedScenario& s = candidate->scenario;
  const nlohmann::json& fabric = s.derived.value("fabric", nlohmann::json::object());
  const nlohmann::json& architecture = s.scenario.value("architecture", nlohmann::json::object());
  const std::string kind = architecture.value("fabric", nlohmann::json::object()).value("kind", "");
  const int nodes = s.campaign.nodes;
  const int per_leaf = std::max(1, s.campaign.fabric.nodes_per_leaf);
  const long long leaves = (nodes + per_leaf - 1) / per_leaf;
  const long long switches = fabric.value("switches", 0LL);

  // The node groups under one leaf (a ToR, a rail group, a dragonfly router: the blast radius of a leaf
  // failure), all linked to the fabric drawn as one box with the plan's figures.
  const std::vector<QPointF> groups =
      row(scene, 120, leaves, "leaf %1",
          QString("%1 leaf groups of %2 nodes x %3 GPUs (%4); a leaf failure takes its whole group down")
              .arg(leaves)
              .arg(per_leaf)
              .arg(s.campaign.node.gpus)
              .arg(QString::fromStdString(s.campaign.node.name)),
          QColor("#e8f0d6"));
  const double fabric_width = std::max(4 * kBoxWidth, groups.back().x() + kBoxWidth / 2);
  const QString fabric_text =
      QString("back-end fabric: %1, %2 switches (%3), %4 links, bisection %5, oversubscription %6:1, routing %7")
          .arg(QString::fromStdString(kind))
          .arg(switches)
          .arg(QString::fromStdString(fabric.value("switch", "")))
          .arg(fabric.value("links", 0LL))
          .arg(rate_text(fabric.value("bisection_bytes_per_s", 0.0)))
          .arg(s.campaign.fabric.leaf_oversubscription)
          .arg(QString::fromStdString(fabric.value("routing", "")));
  box(scene, 0, 0, fabric_width, QString("%1 fabric, %2 switches").arg(QString::fromStdString(kind)).arg(switches),
      fabric_text, QColor("#d6e4f0"));
  title(scene, 0, -30, QString::fromStdString(s.name) + ": " + fabric_text);
  const QPen link_pen(QColor(90, 90, 90));
  for (const QPointF& group : groups) {
    scene->addLine(QLineF(group - QPointF(0, kBoxHeight / 2), QPointF(group.x(), kBoxHeight)), link_pen);
  }
  const double leaf_y = 120;

  // The checkpoint tiers and the shared storage, with the first seed's traffic.
  const double tiers_y = leaf_y + 100;
  const workload::CampaignResult* run =
      candidate->result.runs.empty() ? nullptr : &candidate->result.runs.front().campaign;
  title(scene, 0, tiers_y - 24,
        run ? QString("Checkpoint tiers, seed %1 (written, busy share of the wall time; hover for the rates)")
                  .arg(candidate->result.runs.front().seed)
            : QString("Checkpoint tiers"));
  double x = 0;
  for (const char* tier : {"host_dram", "partner_nvme", "shared_storage"}) {
    QString label = QString(tier).replace('_', ' ');
    QString tooltip = label;
    if (run && run->tier_traffic.count(tier)) {
      const workload::TierTraffic& t = run->tier_traffic.at(tier);
      const double busy_share = run->wall_time_s > 0 ? t.busy_s / run->wall_time_s : 0;
      label += QString("\n%1, %2% busy").arg(bytes_text(t.bytes_written)).arg(100 * busy_share, 0, 'f', 2);
      tooltip = QString("%1: written %2, read %3, busy %4 s (%5% of the wall time), %6 while busy")
                    .arg(QString(tier), bytes_text(t.bytes_written), bytes_text(t.bytes_read))
                    .arg(t.busy_s, 0, 'f', 0)
                    .arg(100 * busy_share, 0, 'f', 2)
                    .arg(t.busy_s > 0 ? rate_text(t.bytes_written / t.busy_s) : QString("-"));
    }
    box(scene, x, tiers_y, 3 * kBoxWidth, label, tooltip, QColor("#f5e6cc"), 2 * kBoxHeight);
    x += 3 * kBoxWidth + kGap;
  }
  const bool frontend = s.campaign.node.frontend_nic_bytes_per_s > 0;
  box(scene, x, tiers_y, 4 * kBoxWidth,
      QString("%1\n%2 write, over the %3")
          .arg(QString::fromStdString(s.campaign.storage.name), rate_text(s.campaign.storage.write_bytes_per_s),
               frontend ? "front-end network" : "back-end fabric"),
      QString("Shared storage %1: write %2, read %3")
          .arg(QString::fromStdString(s.campaign.storage.name), rate_text(s.campaign.storage.write_bytes_per_s),
               rate_text(s.campaign.storage.read_bytes_per_s)),
      QColor("#e0d6f0"), 2 * kBoxHeight);

  // What failed in the first seed.
  if (run) {
    QStringList failures;
    for (const auto& [cause, count] : run->interruptions_by_cause) {
      if (count > 0) failures << QString("%1 x%2").arg(QString::fromStdString(cause)).arg(count);
    }
    auto* text = scene->addSimpleText("Interruptions in seed " + QString::number(candidate->result.runs.front().seed) +
                                      ": " + (failures.isEmpty() ? QString("none") : failures.join(", ")));
    text->setBrush(QColor("#b00020"));
    text->setPos(0, tiers_y + 2 * kBoxHeight + 20);
  }
  setSceneRect(scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
  resetTransform();
  fitInView(sceneRect(), Qt::KeepAspectRatio);
}

}  // namespace clustersim::gui
