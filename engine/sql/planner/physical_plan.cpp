#include "engine/sql/planner/physical_plan.h"

#include <algorithm>

#include "engine/common/json_writer.h"

namespace runnel::sql {

std::string repartitionTopicName(const std::string& queryId) {
  return "_runnel-sql-" + queryId + "-Aggregate-GroupBy-repartition";
}

PhysicalPlan buildPhysicalPlan(const BoundQuery& q, const LogicalPlan& logical,
                               const std::string& queryId, const std::optional<SourceInfo>& sink,
                               std::int32_t sourcePartitions) {
  PhysicalPlan plan;
  plan.queryId = queryId;
  PhysicalStage stage;
  stage.id = 0;
  stage.inputTopics.push_back(q.source.topic);
  for (const auto& n : logical.nodes) {
    switch (n.kind) {
      case LogicalKind::kSource:
        stage.operators.push_back(
            {"Source", "Source", q.source.topic + " (" + q.source.valueFormat.name() + ")"});
        break;
      case LogicalKind::kJoin: {
        // Task p reads partition p of both sources (the runtime refuses unequal partition
        // counts); ksqlDB would repartition a side not keyed by the join key, Runnel does not.
        const BoundJoin& j = *q.join;
        stage.inputTopics.push_back(j.right.topic);
        stage.operators.push_back(
            {"RightSource", "Source", j.right.topic + " (" + j.right.valueFormat.name() + ")"});
        const bool windowed = j.kind == JoinKind::kStreamStream;
        stage.operators.push_back(
            {"Join",
             windowed ? "StreamStreamJoin"
                      : (j.kind == JoinKind::kTableTable ? "TableTableJoin" : "StreamTableJoin"),
             n.label});
        const std::string kind = windowed ? "window" : "key-value";
        const std::int64_t retention = windowed ? j.beforeMs + j.afterMs + j.graceMs : 0;
        if (j.kind != JoinKind::kStreamTable)
          plan.stateStores.push_back({queryId + "-Join-Left-Store", kind, retention, "Join", ""});
        plan.stateStores.push_back({queryId + "-Join-Right-Store", kind, retention, "Join", ""});
        break;
      }
      case LogicalKind::kFilter:
        stage.operators.push_back({"WhereFilter", "Filter", n.label});
        break;
      case LogicalKind::kRekey:
        stage.operators.push_back({"PartitionBy", "Rekey", n.label});
        break;
      case LogicalKind::kRepartition: {
        const std::string topic = repartitionTopicName(queryId);
        stage.operators.push_back({"Aggregate-GroupBy", "RepartitionSink", topic});
        stage.outputTopics.push_back(topic);
        plan.stages.push_back(stage);
        plan.internalTopics.push_back({topic, sourcePartitions, "repartition"});
        plan.repartitionTopic = topic;
        stage = PhysicalStage{};
        stage.id = 1;
        stage.inputTopics.push_back(topic);
        stage.operators.push_back({"Aggregate-GroupBy-Source", "Source", topic + " (internal)"});
        break;
      }
      case LogicalKind::kAggregate: {
        std::string kind = "key-value";
        std::int64_t retention = 0;
        if (q.window) {
          kind = q.window->kind == WindowKind::kSession ? "session" : "window";
          retention = q.window->retentionMs;
        }
        plan.stateStores.push_back(
            {queryId + "-Aggregate-Aggregate-Materialize", kind, retention, "Aggregate", ""});
        stage.operators.push_back(
            {"Aggregate", q.window ? "WindowedAggregate" : "Aggregate", n.label});
        break;
      }
      case LogicalKind::kHaving:
        stage.operators.push_back({"Aggregate-HavingFilter", "TableFilter", n.label});
        break;
      case LogicalKind::kProject:
        stage.operators.push_back({"Project", "Project", n.label});
        break;
      case LogicalKind::kLimit:
        stage.operators.push_back({"Limit", "Limit", n.label});
        break;
      case LogicalKind::kSink:
        stage.operators.push_back({"Sink", "Sink", sink->topic});
        stage.outputTopics.push_back(sink->topic);
        plan.sinkTopic = sink->topic;
        break;
      case LogicalKind::kResult:
        stage.operators.push_back({"Result", "LiveResult", "push query result"});
        break;
    }
  }
  plan.stages.push_back(stage);
  return plan;
}

void addChangelogTopics(PhysicalPlan& plan, const std::string& applicationId,
                        std::int32_t partitions) {
  for (auto& store : plan.stateStores) {
    // One changelog per stateful stage, as the runtime keeps both sides of a join in one.
    const bool join = store.operatorId == "Join";
    store.changelogTopic =
        applicationId + (join ? "-Join-Store" : "-Aggregate-Aggregate-Materialize") + "-changelog";
    bool listed = false;
    for (const auto& t : plan.internalTopics)
      listed = listed || t.name == store.changelogTopic;
    if (!listed) plan.internalTopics.push_back({store.changelogTopic, partitions, "changelog"});
  }
}

std::vector<PlanEdge> PhysicalPlan::edges() const {
  std::vector<PlanEdge> out;
  for (const auto& s : stages) {
    // Each input topic feeds the source operator that reads it (a join has two).
    std::size_t sourceIndex = 0;
    for (const auto& topic : s.inputTopics) {
      while (sourceIndex < s.operators.size() && s.operators[sourceIndex].kind != "Source")
        ++sourceIndex;
      if (sourceIndex == s.operators.size()) break;
      out.push_back({"topic:" + topic, s.operators[sourceIndex].id});
      ++sourceIndex;
    }
    for (std::size_t i = 0; i + 1 < s.operators.size(); ++i) {
      // Two sources side by side both flow into the join after them, not into each other.
      const bool bothSources =
          s.operators[i].kind == "Source" && s.operators[i + 1].kind == "Source";
      if (bothSources) {
        if (i + 2 < s.operators.size()) out.push_back({s.operators[i].id, s.operators[i + 2].id});
        continue;
      }
      out.push_back({s.operators[i].id, s.operators[i + 1].id});
    }
    for (const auto& op : s.operators) {
      if (op.kind == "RepartitionSink" || op.kind == "Sink")
        out.push_back({op.id, "topic:" + op.detail});
    }
  }
  for (const auto& store : stateStores) {
    if (!store.operatorId.empty()) out.push_back({store.operatorId, "store:" + store.name});
    if (!store.changelogTopic.empty()) {
      PlanEdge e{"store:" + store.name, "topic:" + store.changelogTopic};
      if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    }
  }
  return out;
}

std::string PhysicalPlan::toText() const {
  std::string out;
  for (const auto& s : stages) {
    out += "Stage " + std::to_string(s.id) + " (reads";
    for (const auto& t : s.inputTopics)
      out += " " + t;
    out += ")\n";
    for (const auto& op : s.operators)
      out += "  > " + op.kind + " [" + op.id + "]: " + op.detail + "\n";
  }
  for (const auto& t : internalTopics)
    out += "Internal topic: " + t.name + " (" + std::to_string(t.partitions) + " partitions, " +
           t.purpose + ")\n";
  for (const auto& s : stateStores)
    out += "State store: " + s.name + " (" + s.kind +
           (s.retentionMs ? ", retention " + std::to_string(s.retentionMs) + "ms" : std::string()) +
           (s.changelogTopic.empty() ? std::string() : ", changelog " + s.changelogTopic) + ")\n";
  return out;
}

std::string PhysicalPlan::toJson() const {
  JsonWriter w;
  w.beginObject().key("queryId").value(queryId).key("stages").beginArray();
  for (const auto& s : stages) {
    w.beginObject().key("id").value(s.id).key("inputTopics").beginArray();
    for (const auto& t : s.inputTopics)
      w.value(t);
    w.endArray().key("operators").beginArray();
    for (const auto& op : s.operators)
      w.beginObject()
          .key("id")
          .value(op.id)
          .key("kind")
          .value(op.kind)
          .key("detail")
          .value(op.detail)
          .endObject();
    w.endArray().key("outputTopics").beginArray();
    for (const auto& t : s.outputTopics)
      w.value(t);
    w.endArray().endObject();
  }
  w.endArray().key("internalTopics").beginArray();
  for (const auto& t : internalTopics)
    w.beginObject()
        .key("name")
        .value(t.name)
        .key("partitions")
        .value(t.partitions)
        .key("purpose")
        .value(t.purpose)
        .endObject();
  w.endArray().key("stateStores").beginArray();
  for (const auto& s : stateStores)
    w.beginObject()
        .key("name")
        .value(s.name)
        .key("kind")
        .value(s.kind)
        .key("retentionMs")
        .value(s.retentionMs)
        .key("operator")
        .value(s.operatorId)
        .key("changelogTopic")
        .value(s.changelogTopic)
        .endObject();
  w.endArray().key("edges").beginArray();
  for (const auto& e : edges())
    w.beginObject().key("from").value(e.from).key("to").value(e.to).endObject();
  w.endArray();
  if (sinkTopic) w.key("sinkTopic").value(*sinkTopic);
  w.endObject();
  return w.take();
}

}  // namespace runnel::sql
