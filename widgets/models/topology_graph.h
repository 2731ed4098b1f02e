// TopologyGraph: a query's physical plan (EXPLAIN) as a graph the Topology view draws — operator
// nodes with their kind and detail, source, sink and internal (repartition, changelog) topics,
// state stores, and the edges between them, each node with a layer (top-down order) and a
// column (side by side within a layer). A plain value, made from the engine's PhysicalPlan.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace runnel::sql {
struct PhysicalPlan;
}

namespace runnel::widgets {

enum class TopologyNodeKind { Operator, SourceTopic, SinkTopic, InternalTopic, StateStore };

struct TopologyNode {
  QString id;  // operator id, "topic:<name>" or "store:<name>"
  TopologyNodeKind kind = TopologyNodeKind::Operator;
  QString title;   // operator kind ("WindowedAggregate") or the topic / store name
  QString detail;  // operator detail, topic purpose, store kind and retention
  int stage = 0;
  int layer = 0;
  int column = 0;  // main flow: position within the layer; side nodes: 0
  int side = 0;    // 0 the main flow; 1 a state store beside its operator; 2 its changelog
};

struct TopologyEdge {
  int from = 0;  // indexes into nodes
  int to = 0;
};

struct TopologyGraph {
  QString queryId;
  QList<TopologyNode> nodes;
  QList<TopologyEdge> edges;
  int layers = 0;
  int columns = 0;  // the widest layer of the main flow

  int indexOf(const QString& id) const;
  static TopologyGraph fromPlan(const sql::PhysicalPlan& plan);
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::TopologyGraph)
