// FindCoordinator (key 10), versions 0-4 (minimum 0: older clients start there). Groups are
// coordinated by one in-process GroupCoordinator that every broker can reach, so the answer is a
// stable pick among the live brokers; the coordinator follows when that broker dies.
// Not implemented: transaction coordinators (key type 1 answers COORDINATOR_NOT_AVAILABLE).
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/find_coordinator.h"

namespace runnel::kafka {
namespace {

FindCoordinatorResponse::Coordinator locate(const HandlerContext& ctx, const std::string& key,
                                            std::int8_t type) {
  FindCoordinatorResponse::Coordinator c;
  c.key = key;
  c.errorMessage = std::nullopt;
  std::int32_t id = (type == 0 && ctx.groups) ? coordinatorFor(ctx, key) : -1;
  if (id < 0) {
    c.nodeId = -1;
    c.port = -1;
    c.errorCode = wire(ErrorCode::kCoordinatorNotAvailable);
    c.errorMessage = type == 0 ? "no live broker" : "transactions are not supported";
    return c;
  }
  BrokerAddress address = ctx.addressOf(id);
  c.nodeId = id;
  c.host = address.host;
  c.port = address.port;
  return c;
}

void handleFindCoordinator(HandlerCall& call) {
  auto& request = static_cast<FindCoordinatorRequest&>(*call.body);
  FindCoordinatorResponse response;
  if (call.version() >= 4) {
    for (const auto& key : request.coordinatorKeys) {
      response.coordinators.push_back(locate(*call.context, key, request.keyType));
    }
  } else {
    auto c = locate(*call.context, request.key, request.keyType);
    response.errorCode = c.errorCode;
    response.errorMessage = c.errorMessage;
    response.nodeId = c.nodeId;
    response.host = c.host;
    response.port = c.port;
  }
  call.reply(&response);
}

}  // namespace

void registerFindCoordinator(HandlerRegistry& r) {
  r.add({FindCoordinatorRequest::kApiKey, 0, 4, handleFindCoordinator});
}

}  // namespace runnel::kafka
