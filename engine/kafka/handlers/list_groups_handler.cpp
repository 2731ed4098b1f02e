// ListGroups (key 16), versions 0-4; v4 filters by state names (Kafka's, case-insensitive).
// Not implemented: type filters (v5, not advertised).
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/list_groups.h"

namespace runnel::kafka {
namespace {

void handleListGroups(HandlerCall& call) {
  auto& request = static_cast<ListGroupsRequest&>(*call.body);
  ListGroupsResponse response;
  if (!call.context->groups) {
    response.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    call.reply(&response);
    return;
  }
  std::vector<group::GroupState> states;
  for (auto& s : request.statesFilter) {
    if (auto state = group::parseGroupState(s)) states.push_back(*state);
  }
  if (!request.statesFilter.empty() && states.empty()) {
    call.reply(&response);  // only unknown states asked for: nothing matches
    return;
  }
  auto [error, groups] = call.context->groups->listGroups(states);
  response.errorCode = wire(error);
  for (auto& g : groups) {
    ListGroupsResponse::ListedGroup listed;
    listed.groupId = g.groupId;
    listed.protocolType = g.protocolType;
    listed.groupState = std::string(group::groupStateName(g.state));
    response.groups.push_back(std::move(listed));
  }
  call.reply(&response);
}

}  // namespace

void registerListGroups(HandlerRegistry& r) {
  r.add({ListGroupsRequest::kApiKey, 0, 4, handleListGroups});
}

}  // namespace runnel::kafka
