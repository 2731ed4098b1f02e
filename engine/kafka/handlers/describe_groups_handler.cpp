// DescribeGroups (key 15), versions 0-5. Member metadata and assignments are filled only for a
// Stable group, as Kafka does. Not implemented: authorized operations (Kafka's "not requested").
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/describe_groups.h"

namespace runnel::kafka {
namespace {

void handleDescribeGroups(HandlerCall& call) {
  auto& request = static_cast<DescribeGroupsRequest&>(*call.body);
  DescribeGroupsResponse response;
  for (auto& id : request.groups) {
    DescribeGroupsResponse::DescribedGroup out;
    out.groupId = id;
    if (!call.context->groups) {
      out.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
      response.groups.push_back(std::move(out));
      continue;
    }
    auto [error, snapshot] = call.context->groups->describeGroup(id);
    out.errorCode = wire(error);
    out.groupState = std::string(group::groupStateName(snapshot.state));
    out.protocolType = snapshot.protocolType;
    out.protocolData = snapshot.protocolName;
    for (auto& m : snapshot.members) {
      DescribeGroupsResponse::DescribedGroupMember member;
      member.memberId = m.memberId;
      member.groupInstanceId = m.groupInstanceId;
      member.clientId = m.clientId;
      member.clientHost = m.clientHost;
      member.memberMetadata = m.metadata;
      member.memberAssignment = m.assignment;
      out.members.push_back(std::move(member));
    }
    response.groups.push_back(std::move(out));
  }
  call.reply(&response);
}

}  // namespace

void registerDescribeGroups(HandlerRegistry& r) {
  r.add({DescribeGroupsRequest::kApiKey, 0, 5, handleDescribeGroups});
}

}  // namespace runnel::kafka
