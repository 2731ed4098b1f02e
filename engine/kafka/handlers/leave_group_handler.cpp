// LeaveGroup (key 13), versions 0-5 (minimum 0). v0-2 name one member; v3+ a batch of members
// (by member id or static instance id), each answered separately.
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/leave_group.h"

namespace runnel::kafka {
namespace {

void handleLeaveGroup(HandlerCall& call) {
  auto& request = static_cast<LeaveGroupRequest&>(*call.body);
  LeaveGroupResponse response;
  if (!call.context->groups) {
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    call.reply(&response);
    return;
  }
  std::vector<group::LeaveMember> members;
  if (call.version() < 3) {
    members.push_back({request.memberId, std::nullopt, {}});
  } else {
    for (auto& m : request.members)
      members.push_back({m.memberId, m.groupInstanceId, m.reason.value_or("")});
  }
  group::LeaveResult result = call.context->groups->leaveGroup(request.groupId, members);
  response.errorCode = wire(result.error);
  if (call.version() < 3 && response.errorCode == 0 && !result.members.empty()) {
    response.errorCode = wire(result.members.front().error);
  }
  if (call.version() >= 3) {
    for (auto& m : result.members) {
      LeaveGroupResponse::MemberResponse mr;
      mr.memberId = m.memberId;
      mr.groupInstanceId = m.groupInstanceId;
      mr.errorCode = wire(m.error);
      response.members.push_back(std::move(mr));
    }
  }
  call.reply(&response);
}

}  // namespace

void registerLeaveGroup(HandlerRegistry& r) {
  r.add({LeaveGroupRequest::kApiKey, 0, 5, handleLeaveGroup});
}

}  // namespace runnel::kafka
