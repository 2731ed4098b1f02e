// JoinGroup (key 11), versions 0-9 (minimum 0: librdkafka's range negotiation needs it). Long
// polls through the GroupCoordinator's callback, so the listener thread never waits.
// v0 has no rebalance timeout: the session timeout stands in, as in Kafka. v4+ new members first
// get MEMBER_ID_REQUIRED with their id. Not implemented: nothing beyond the coordinator's scope.
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/join_group.h"

namespace runnel::kafka {
namespace {

void handleJoinGroup(HandlerCall& call) {
  auto& request = static_cast<JoinGroupRequest&>(*call.body);
  auto reply = call.reply;
  const std::int16_t version = call.version();
  if (!call.context->groups) {
    JoinGroupResponse response;
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    reply(&response);
    return;
  }
  group::JoinRequest join;
  join.groupId = request.groupId;
  join.memberId = request.memberId;
  join.groupInstanceId = request.groupInstanceId;
  join.clientId = call.clientId;
  join.clientHost = call.clientHost;
  join.sessionTimeoutMs = request.sessionTimeoutMs;
  join.rebalanceTimeoutMs = version >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs;
  join.protocolType = request.protocolType;
  for (auto& p : request.protocols)
    join.protocols.push_back({p.name, p.metadata});
  join.requireKnownMemberId = version >= 4;
  join.supportSkippingAssignment = version >= 9;
  join.reason = request.reason.value_or("");
  call.context->groups->joinGroup(std::move(join), [reply, version](group::JoinResult result) {
    JoinGroupResponse response;
    response.errorCode = wire(result.error);
    response.generationId = result.generationId;
    response.protocolType = result.protocolType;
    response.protocolName = result.protocolName;
    // Before v7 the protocol name is not nullable.
    if (version < 7 && !response.protocolName) response.protocolName = std::string();
    response.leader = result.leaderId;
    response.skipAssignment = result.skipAssignment;
    response.memberId = result.memberId;
    for (auto& m : result.members) {
      JoinGroupResponse::JoinGroupResponseMember member;
      member.memberId = m.memberId;
      member.groupInstanceId = m.groupInstanceId;
      member.metadata = std::move(m.metadata);
      response.members.push_back(std::move(member));
    }
    reply(&response);
  });
}

}  // namespace

void registerJoinGroup(HandlerRegistry& r) {
  r.add({JoinGroupRequest::kApiKey, 0, 9, handleJoinGroup});
}

}  // namespace runnel::kafka
