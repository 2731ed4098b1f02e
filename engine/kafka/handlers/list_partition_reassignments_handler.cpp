// ListPartitionReassignments (key 46), version 0: the reassignments in progress (all of them when
// the topic list is null), each with its full replica list (targets, then the replicas leaving),
// the replicas still being added and those to be removed. Partitions asked for without a
// reassignment, or that do not exist, are left out, as Kafka does.
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/list_partition_reassignments.h"

namespace runnel::kafka {
namespace {

void handleListPartitionReassignments(HandlerCall& call) {
  auto& request = static_cast<ListPartitionReassignmentsRequest&>(*call.body);
  ListPartitionReassignmentsResponse response;
  response.errorMessage = std::nullopt;
  std::vector<cluster::TopicPartition> wanted;
  if (request.topics) {
    for (const auto& t : *request.topics) {
      for (std::int32_t p : t.partitionIndexes)
        wanted.push_back({t.name, p});
    }
  }
  if (request.topics && wanted.empty()) return call.reply(&response);
  for (const auto& p : call.context->cluster->controller().reassignments(wanted)) {
    if (response.topics.empty() || response.topics.back().name != p.topic) {
      list_partition_reassignments_response::OngoingTopicReassignment topic;
      topic.name = p.topic;
      response.topics.push_back(std::move(topic));
    }
    list_partition_reassignments_response::OngoingPartitionReassignment ongoing;
    ongoing.partitionIndex = p.partition;
    ongoing.replicas = p.replicas;
    ongoing.addingReplicas = p.addingReplicas;
    ongoing.removingReplicas = p.removingReplicas;
    response.topics.back().partitions.push_back(std::move(ongoing));
  }
  call.reply(&response);
}

}  // namespace

void registerListPartitionReassignments(HandlerRegistry& r) {
  r.add({ListPartitionReassignmentsRequest::kApiKey, 0, 0, handleListPartitionReassignments});
}

}  // namespace runnel::kafka
