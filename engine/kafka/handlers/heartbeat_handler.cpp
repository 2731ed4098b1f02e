// Heartbeat (key 12), versions 0-4 (minimum 0). Answers REBALANCE_IN_PROGRESS when the member
// must rejoin, as the GroupCoordinator decides.
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/heartbeat.h"

namespace runnel::kafka {
namespace {

void handleHeartbeat(HandlerCall& call) {
  auto& request = static_cast<HeartbeatRequest&>(*call.body);
  HeartbeatResponse response;
  if (!call.context->groups) {
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
  } else {
    group::HeartbeatRequest beat;
    beat.groupId = request.groupId;
    beat.generationId = request.generationId;
    beat.memberId = request.memberId;
    beat.groupInstanceId = request.groupInstanceId;
    response.errorCode = wire(call.context->groups->heartbeat(beat));
  }
  call.reply(&response);
}

}  // namespace

void registerHeartbeat(HandlerRegistry& r) {
  r.add({HeartbeatRequest::kApiKey, 0, 4, handleHeartbeat});
}

}  // namespace runnel::kafka
