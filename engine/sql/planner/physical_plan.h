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
};

// `sourcePartitions` sizes the repartition topic, as ksqlDB sizes it like the source.
PhysicalPlan buildPhysicalPlan(const BoundQuery& query, const LogicalPlan& logical,
                               const std::string& queryId, const std::optional<SourceInfo>& sink,
                               std::int32_t sourcePartitions);

// The internal topic and store names of a query (ksqlDB's naming with Runnel's prefix).
std::string repartitionTopicName(const std::string& queryId);

}  // namespace runnel::sql
