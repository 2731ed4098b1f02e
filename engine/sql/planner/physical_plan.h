// PhysicalPlan: how a query runs — its stages (Kafka Streams' sub-topologies: a stage reads
// topics and runs a chain of operators; a repartition topic splits a GROUP BY on a new key into
// two stages), the internal topics and state stores it creates, and its sink. It is data, so
// EXPLAIN prints it as text and as JSON the studio draws, and the executor builds operators from
// it. A plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/sql/planner/logical_plan.h"

namespace runnel::sql {

struct PhysicalOperator {
  std::string id;    // "Aggregate-GroupBy", unique within the plan
  std::string kind;  // "Source", "Filter", "Project", "RepartitionSink", "Aggregate", ...
  std::string detail;
};

struct PhysicalStage {
  int id = 0;
  std::vector<std::string> inputTopics;
  std::vector<PhysicalOperator> operators;
  std::vector<std::string> outputTopics;
};

struct InternalTopic {
  std::string name;
  std::int32_t partitions = 1;
  std::string purpose;  // "repartition"
};

struct StateStoreInfo {
  std::string name;
  std::string kind;  // "key-value", "window", "session"
  std::int64_t retentionMs = 0;
  std::string operatorId;      // the operator that keeps its state in it
  std::string changelogTopic;  // persistent queries: the compacted topic that backs it up
};

// A directed edge of the plan drawn as a graph. Ends are operator ids, "topic:<name>" or
// "store:<name>"; a store's edge runs from its operator to it.
struct PlanEdge {
  std::string from;
  std::string to;
  friend bool operator==(const PlanEdge&, const PlanEdge&) = default;
};

struct PhysicalPlan {
  std::string queryId;
  std::vector<PhysicalStage> stages;
  std::vector<InternalTopic> internalTopics;
  std::vector<StateStoreInfo> stateStores;
  std::optional<std::string> sinkTopic;
  std::optional<std::string> repartitionTopic;  // set when the query repartitions

  std::string toText() const;
  std::string toJson() const;
  // Topics into each stage's first operator, operator to operator down each stage, the
  // repartition and sink operators into their topics, stateful operators to their stores and
  // stores to their changelog topics.
  std::vector<PlanEdge> edges() const;
};

// `sourcePartitions` sizes the repartition topic, as ksqlDB sizes it like the source.
PhysicalPlan buildPhysicalPlan(const BoundQuery& query, const LogicalPlan& logical,
                               const std::string& queryId, const std::optional<SourceInfo>& sink,
                               std::int32_t sourcePartitions);

// The internal topic and store names of a query (ksqlDB's naming with Runnel's prefix).
std::string repartitionTopicName(const std::string& queryId);

// Persistent queries: names each state store's changelog topic ("<applicationId>-Aggregate-
// Aggregate-Materialize-changelog", as the runtime creates them) and lists it as an internal topic.
void addChangelogTopics(PhysicalPlan& plan, const std::string& applicationId,
                        std::int32_t partitions);

}  // namespace runnel::sql
