// DeleteTopics (key 20), versions 0-6, through the Controller. v6 may name topics by id.
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/delete_topics.h"

namespace runnel::kafka {
namespace {

void handleDeleteTopics(HandlerCall& call) {
  auto& request = static_cast<DeleteTopicsRequest&>(*call.body);
  auto& controller = call.context->cluster->controller();
  std::vector<std::pair<std::optional<std::string>, Uuid>> wanted;
  if (call.version() >= 6) {
    for (auto& t : request.topics)
      wanted.emplace_back(t.name, t.topicId);
  } else {
    for (auto& n : request.topicNames)
      wanted.emplace_back(n, Uuid{});
  }
  DeleteTopicsResponse response;
  for (auto& [name, id] : wanted) {
    DeleteTopicsResponse::DeletableTopicResult result;
    result.name = name;
    result.topicId = id;
    std::optional<std::string> resolved = name;
    if (!resolved) {
      for (const auto& t : controller.topics()) {
        if (toWireUuid(t.id) == id) resolved = t.name;
      }
    }
    if (!resolved) {
      result.errorCode = wire(ErrorCode::kUnknownTopicId);
    } else {
      auto topic = controller.topic(*resolved);
      cluster::ApiError error = controller.deleteTopic(*resolved);
      result.name = *resolved;
      if (topic) result.topicId = toWireUuid(topic->id);
      result.errorCode = wire(error);
      if (call.version() >= 5 && !error.ok()) result.errorMessage = error.message;
    }
    response.responses.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerDeleteTopics(HandlerRegistry& r) {
  r.add({DeleteTopicsRequest::kApiKey, 0, 6, handleDeleteTopics});
}

}  // namespace runnel::kafka
