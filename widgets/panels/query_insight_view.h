// QueryInsightView: a running query seen from inside — a "Windows" tab (WindowsPanel: its
// windows, records, late drops and emitted rows per key, for windowed aggregations) and a
// "Topology" tab (EXPLAIN drawn as a graph). Asks the SqlSession for both on construction;
// they arrive by queued signals, so the GUI never waits for the engine.
// GUI thread only; owns its panels; does not own the session.
#pragma once

#include <QTabWidget>

#include "widgets/models/topology_graph.h"

class QLabel;

namespace runnel::widgets {

class SqlSession;
class TopologyView;
class WindowTimeline;
class WindowsPanel;

class QueryInsightView : public QTabWidget {
  Q_OBJECT
 public:
  // With a session, fetches the query's windows and plan; without, waits for the setters.
  QueryInsightView(SqlSession* session, QString queryId, QWidget* parent = nullptr);

  const QString& queryId() const { return queryId_; }
  WindowsPanel* windows() const { return windows_; }
  TopologyView* topology() const { return topology_; }
  // Takes ownership of the timeline.
  void setWindows(WindowTimeline* timeline);
  void setTopology(const TopologyGraph& graph);
  void setFailure(const QString& message);

 private:
  QString queryId_;
  QWidget* windowsPage_;
  QLabel* windowsMessage_;
  WindowsPanel* windows_ = nullptr;
  TopologyView* topology_;
  QLabel* topologyMessage_;
};

}  // namespace runnel::widgets
