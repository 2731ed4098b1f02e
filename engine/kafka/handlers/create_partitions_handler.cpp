// CreatePartitions (key 37), versions 0-3, through the Controller (validate_only supported).
// Not implemented: explicit replica assignments for the new partitions (INVALID_REQUEST).
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/create_partitions.h"

namespace runnel::kafka {
namespace {

void handleCreatePartitions(HandlerCall& call) {
  auto& request = static_cast<CreatePartitionsRequest&>(*call.body);
  CreatePartitionsResponse response;
  for (auto& t : request.topics) {
    CreatePartitionsResponse::CreatePartitionsTopicResult result;
    result.name = t.name;
    if (t.assignments && !t.assignments->empty()) {
      result.errorCode = wire(ErrorCode::kInvalidRequest);
      result.errorMessage = "explicit assignments are not supported";
    } else {
      cluster::ApiError error = call.context->cluster->controller().createPartitions(
          t.name, t.count, request.validateOnly);
      result.errorCode = wire(error);
      if (!error.ok()) result.errorMessage = error.message;
    }
    response.results.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerCreatePartitions(HandlerRegistry& r) {
  r.add({CreatePartitionsRequest::kApiKey, 0, 3, handleCreatePartitions});
}

}  // namespace runnel::kafka
