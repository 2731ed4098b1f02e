// CreateTopics (key 19), versions 0-7, through the Controller (Kafka's validation and errors;
// -1 partitions / replication factor take the broker defaults; explicit assignments honoured;
// validate_only supported). v5+ results carry the partition count and replication factor.
// Not implemented: the created topic's config list in v5+ results (left empty).
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/create_topics.h"

namespace runnel::kafka {
namespace {

void handleCreateTopics(HandlerCall& call) {
  auto& request = static_cast<CreateTopicsRequest&>(*call.body);
  auto& controller = call.context->cluster->controller();
  CreateTopicsResponse response;
  for (auto& t : request.topics) {
    cluster::NewTopic topic;
    topic.name = t.name;
    topic.partitions = t.numPartitions;
    topic.replicationFactor = t.replicationFactor;
    for (auto& c : t.configs) {
      if (c.value) topic.configs[c.name] = *c.value;
    }
    for (auto& a : t.assignments) {
      if (static_cast<std::size_t>(a.partitionIndex) >= topic.assignment.size()) {
        topic.assignment.resize(static_cast<std::size_t>(a.partitionIndex) + 1);
      }
      topic.assignment[static_cast<std::size_t>(a.partitionIndex)] = a.brokerIds;
    }
    cluster::ApiError error = controller.createTopic(topic, request.validateOnly);
    CreateTopicsResponse::CreatableTopicResult result;
    result.name = t.name;
    result.errorCode = wire(error);
    if (call.version() >= 1 && !error.ok()) result.errorMessage = error.message;
    if (call.version() < 5) {
      // Fields a version lacks must keep their defaults for the codec to encode it.
    } else if (auto created = controller.topic(t.name); created && error.ok()) {
      if (call.version() >= 7) result.topicId = toWireUuid(created->id);
      result.numPartitions = created->partitionCount;
      result.replicationFactor = created->replicationFactor;
    } else if (error.ok()) {
      result.numPartitions = t.numPartitions;
      result.replicationFactor = t.replicationFactor;
    }
    response.topics.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerCreateTopics(HandlerRegistry& r) {
  r.add({CreateTopicsRequest::kApiKey, 0, 7, handleCreateTopics});
}

}  // namespace runnel::kafka
