// SyncGroup (key 14), versions 0-5 (minimum 0). The leader's assignments are handed to the
// GroupCoordinator, which answers every member once they are in (a long poll by callback).
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/sync_group.h"

namespace runnel::kafka {
namespace {

void handleSyncGroup(HandlerCall& call) {
  auto& request = static_cast<SyncGroupRequest&>(*call.body);
  auto reply = call.reply;
  if (!call.context->groups) {
    SyncGroupResponse response;
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    reply(&response);
    return;
  }
  group::SyncRequest sync;
  sync.groupId = request.groupId;
  sync.generationId = request.generationId;
  sync.memberId = request.memberId;
  sync.groupInstanceId = request.groupInstanceId;
  sync.protocolType = request.protocolType;
  sync.protocolName = request.protocolName;
  for (auto& a : request.assignments)
    sync.assignments.emplace_back(a.memberId, a.assignment);
  call.context->groups->syncGroup(std::move(sync), [reply](group::SyncResult result) {
    SyncGroupResponse response;
    response.errorCode = wire(result.error);
    response.protocolType = result.protocolType;
    response.protocolName = result.protocolName;
    response.assignment = std::move(result.assignment);
    reply(&response);
  });
}

}  // namespace

void registerSyncGroup(HandlerRegistry& r) {
  r.add({SyncGroupRequest::kApiKey, 0, 5, handleSyncGroup});
}

}  // namespace runnel::kafka
