#include "widgets/models/topology_graph.h"

#include <algorithm>
#include <map>

#include "engine/sql/planner/physical_plan.h"
#include "widgets/models/engine_text.h"

namespace runnel::widgets {
namespace {

QString retention(std::int64_t ms) {
  if (ms <= 0) return {};
  if (ms % 3600000 == 0) return QStringLiteral(", retention %1 h").arg(ms / 3600000);
  if (ms % 60000 == 0) return QStringLiteral(", retention %1 min").arg(ms / 60000);
  return QStringLiteral(", retention %1 ms").arg(ms);
}

}  // namespace

int TopologyGraph::indexOf(const QString& id) const {
  for (int i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return i;
  return -1;
}

TopologyGraph TopologyGraph::fromPlan(const sql::PhysicalPlan& plan) {
  TopologyGraph g;
  g.queryId = qs(plan.queryId);
  std::map<std::string, std::string> internalPurpose;
  for (const auto& t : plan.internalTopics)
    internalPurpose[t.name] = t.purpose;
  auto addTopic = [&](const std::string& name, int stage) {
    const QString id = QStringLiteral("topic:") + qs(name);
    if (g.indexOf(id) >= 0) return;
    TopologyNode n;
    n.id = id;
    n.title = qs(name);
    n.stage = stage;
    auto purpose = internalPurpose.find(name);
    if (purpose != internalPurpose.end()) {
      n.kind = TopologyNodeKind::InternalTopic;
      n.detail = QStringLiteral("internal %1 topic").arg(qs(purpose->second));
      if (purpose->second == "changelog") n.side = 2;
    } else if (plan.sinkTopic && *plan.sinkTopic == name) {
      n.kind = TopologyNodeKind::SinkTopic;
      n.detail = QStringLiteral("sink topic");
    } else {
      n.kind = TopologyNodeKind::SourceTopic;
      n.detail = QStringLiteral("source topic");
    }
    g.nodes << n;
  };
  for (const auto& s : plan.stages) {
    for (const auto& t : s.inputTopics)
      addTopic(t, s.id);
    for (const auto& op : s.operators) {
      TopologyNode n;
      n.id = qs(op.id);
      n.kind = TopologyNodeKind::Operator;
      n.title = qs(op.kind);
      n.detail = qs(op.detail);
      n.stage = s.id;
      g.nodes << n;
    }
    for (const auto& t : s.outputTopics)
      addTopic(t, s.id);
  }
  for (const auto& st : plan.stateStores) {
    TopologyNode n;
    n.id = QStringLiteral("store:") + qs(st.name);
    n.kind = TopologyNodeKind::StateStore;
    n.title = qs(st.name);
    n.detail = QStringLiteral("%1 store%2").arg(qs(st.kind), retention(st.retentionMs));
    n.side = 1;
    g.nodes << n;
    if (!st.changelogTopic.empty()) addTopic(st.changelogTopic, 0);
  }
  for (const auto& e : plan.edges()) {
    const int from = g.indexOf(qs(e.from));
    const int to = g.indexOf(qs(e.to));
    if (from >= 0 && to >= 0) g.edges << TopologyEdge{from, to};
  }

  // Layers: the longest path from a source topic along the main flow (the plan is a DAG).
  bool moved = true;
  for (int round = 0; moved && round < g.nodes.size() + 1; ++round) {
    moved = false;
    for (const auto& e : g.edges) {
      TopologyNode& to = g.nodes[e.to];
      if (g.nodes[e.from].side != 0 || to.side != 0) continue;
      if (to.layer < g.nodes[e.from].layer + 1) {
        to.layer = g.nodes[e.from].layer + 1;
        moved = true;
      }
    }
  }
  // Side nodes sit on their operator's layer.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& e : g.edges)
      if (g.nodes[e.to].side != 0) g.nodes[e.to].layer = g.nodes[e.from].layer;
  std::map<int, int> used;
  for (auto& n : g.nodes) {
    g.layers = std::max(g.layers, n.layer + 1);
    if (n.side != 0) continue;
    n.column = used[n.layer]++;
    g.columns = std::max(g.columns, n.column + 1);
  }
  return g;
}

}  // namespace runnel::widgets
