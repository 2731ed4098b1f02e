// TopologyView: draws a query's TopologyGraph (EXPLAIN as a picture) top-down — operators as
// rounded boxes (kind, then detail), source and sink topics as cylinders, internal topics
// (repartition, changelog) as dashed cylinders, state stores as drums beside their operator,
// arrows along the data flow, and a legend. Sized to its content; put it in a scroll area.
// GUI thread only; holds a copy of the graph.
#pragma once

#include <QRectF>
#include <QWidget>

#include "widgets/models/topology_graph.h"

namespace runnel::widgets {

class TopologyView : public QWidget {
  Q_OBJECT
 public:
  explicit TopologyView(QWidget* parent = nullptr);

  void setGraph(const TopologyGraph& graph);
  const TopologyGraph& graph() const { return graph_; }
  // Where node `index` is drawn (widget coordinates), for tests and tooltips.
  QRectF nodeRect(int index) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return sizeHint(); }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void layout();
  void paintNode(QPainter& p, const TopologyNode& node, const QRectF& r) const;
  void paintLegend(QPainter& p) const;
  void paintStages(QPainter& p) const;

  TopologyGraph graph_;
  QList<QRectF> rects_;
  QSize content_{400, 200};
};

}  // namespace runnel::widgets
