// AlterPartitionReassignments (key 45), version 0, through the Controller: a partition with a
// replica list starts (or replaces) a reassignment, a null list cancels the one in progress.
// Errors per partition: UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICA_ASSIGNMENT (unknown broker,
// duplicate or empty list), NO_REASSIGNMENT_IN_PROGRESS. The answer comes once the controller
// accepted the change, not when the replicas have moved (as in Kafka).
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/alter_partition_reassignments.h"

namespace runnel::kafka {
namespace {

void handleAlterPartitionReassignments(HandlerCall& call) {
  auto& request = static_cast<AlterPartitionReassignmentsRequest&>(*call.body);
  AlterPartitionReassignmentsResponse response;
  response.errorMessage = std::nullopt;
  cluster::Controller& controller = call.context->cluster->controller();
  for (const auto& t : request.topics) {
    alter_partition_reassignments_response::ReassignableTopicResponse topic;
    topic.name = t.name;
    for (const auto& p : t.partitions) {
      alter_partition_reassignments_response::ReassignablePartitionResponse result;
      result.partitionIndex = p.partitionIndex;
      const cluster::ApiError error =
          controller.alterReassignment({t.name, p.partitionIndex}, p.replicas);
      result.errorCode = wire(error);
      result.errorMessage = error.ok() ? std::nullopt : std::optional<std::string>(error.message);
      topic.partitions.push_back(std::move(result));
    }
    response.responses.push_back(std::move(topic));
  }
  call.reply(&response);
}

}  // namespace

void registerAlterPartitionReassignments(HandlerRegistry& r) {
  r.add({AlterPartitionReassignmentsRequest::kApiKey, 0, 0, handleAlterPartitionReassignments});
}

}  // namespace runnel::kafka
