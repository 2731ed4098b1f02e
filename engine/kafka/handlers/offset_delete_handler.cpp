// OffsetDelete (key 47), version 0: removes a group's committed offsets for partitions it no
// longer consumes (GROUP_SUBSCRIBED_TO_TOPIC otherwise, as the GroupCoordinator decides).
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/offset_delete.h"

namespace runnel::kafka {
namespace {

void handleOffsetDelete(HandlerCall& call) {
  auto& request = static_cast<OffsetDeleteRequest&>(*call.body);
  OffsetDeleteResponse response;
  if (!call.context->groups) {
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    call.reply(&response);
    return;
  }
  std::vector<group::PartitionRef> refs;
  for (auto& t : request.topics) {
    for (auto& p : t.partitions)
      refs.push_back({t.name, p.partitionIndex});
  }
  group::DeleteOffsetsResult result = call.context->groups->deleteOffsets(request.groupId, refs);
  response.errorCode = wire(result.error);
  for (auto& r : result.partitions) {
    if (response.topics.empty() || response.topics.back().name != r.topic) {
      response.topics.emplace_back();
      response.topics.back().name = r.topic;
    }
    response.topics.back().partitions.push_back({r.partition, wire(r.error), {}});
  }
  call.reply(&response);
}

}  // namespace

void registerOffsetDelete(HandlerRegistry& r) {
  r.add({OffsetDeleteRequest::kApiKey, 0, 0, handleOffsetDelete});
}

}  // namespace runnel::kafka
