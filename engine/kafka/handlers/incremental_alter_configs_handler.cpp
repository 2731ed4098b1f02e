// IncrementalAlterConfigs (key 44), versions 0-1: SET and DELETE on topic settings through the
// Controller; validate_only supported. Not implemented: APPEND/SUBTRACT on list settings and
// broker resources (INVALID_REQUEST).
#include <map>

#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/incremental_alter_configs.h"

namespace runnel::kafka {
namespace {

void handleIncrementalAlterConfigs(HandlerCall& call) {
  auto& request = static_cast<IncrementalAlterConfigsRequest&>(*call.body);
  auto& controller = call.context->cluster->controller();
  IncrementalAlterConfigsResponse response;
  for (auto& resource : request.resources) {
    IncrementalAlterConfigsResponse::AlterConfigsResourceResponse result;
    result.resourceType = resource.resourceType;
    result.resourceName = resource.resourceName;
    result.errorMessage = std::nullopt;
    std::map<std::string, std::optional<std::string>> changes;
    bool supported = resource.resourceType == 2;
    for (auto& c : resource.configs) {
      if (c.configOperation == 0) {
        changes[c.name] = c.value;
      } else if (c.configOperation == 1) {
        changes[c.name] = std::nullopt;
      } else {
        supported = false;
      }
    }
    if (!supported) {
      result.errorCode = wire(ErrorCode::kInvalidRequest);
      result.errorMessage = "only SET and DELETE on topic configs are supported";
    } else {
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

void registerIncrementalAlterConfigs(HandlerRegistry& r) {
  r.add({IncrementalAlterConfigsRequest::kApiKey, 0, 1, handleIncrementalAlterConfigs});
}

}  // namespace runnel::kafka
