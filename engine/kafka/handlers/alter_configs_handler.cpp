// AlterConfigs (key 33), versions 0-2: replaces a topic's settings with the given set (keys not
// named revert to the defaults), with the Controller's validation; validate_only supported.
// Not implemented: broker resources (INVALID_REQUEST: broker settings are fixed at start).
#include <map>

#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/alter_configs.h"

namespace runnel::kafka {
namespace {

void handleAlterConfigs(HandlerCall& call) {
  auto& request = static_cast<AlterConfigsRequest&>(*call.body);
  auto& controller = call.context->cluster->controller();
  AlterConfigsResponse response;
  for (auto& resource : request.resources) {
    AlterConfigsResponse::AlterConfigsResourceResponse result;
    result.resourceType = resource.resourceType;
    result.resourceName = resource.resourceName;
    result.errorMessage = std::nullopt;
    auto topic =
        resource.resourceType == 2 ? controller.topic(resource.resourceName) : std::nullopt;
    if (resource.resourceType != 2) {
      result.errorCode = wire(ErrorCode::kInvalidRequest);
      result.errorMessage = "only topic configs can be altered";
    } else if (!topic) {
      result.errorCode = wire(ErrorCode::kUnknownTopicOrPartition);
    } else {
      std::map<std::string, std::optional<std::string>> changes;
      for (auto& [k, v] : topic->configs)
        changes[k] = std::nullopt;
      for (auto& c : resource.configs)
        changes[c.name] = c.value;
      cluster::ApiError error =
          controller.alterConfigs(resource.resourceName, changes, request.validateOnly);
      result.errorCode = wire(error);
      if (!error.ok()) result.errorMessage = error.message;
    }
    response.responses.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerAlterConfigs(HandlerRegistry& r) {
  r.add({AlterConfigsRequest::kApiKey, 0, 2, handleAlterConfigs});
}

}  // namespace runnel::kafka
