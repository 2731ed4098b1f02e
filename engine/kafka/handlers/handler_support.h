// Small helpers shared by the handlers: error-code conversion, the live brokers as Metadata and
// FindCoordinator name them, the controller id clients see, and topic ids on the wire.
// Stateless functions over the HandlerContext; thread-safe as the Cluster is.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/cluster/api_error.h"
#include "engine/cluster/group/group_error.h"
#include "engine/common/uuid.h"
#include "engine/kafka/handlers/handler_context.h"
#include "engine/kafka/protocol/wire_types.h"

namespace runnel::kafka {

inline std::int16_t wire(const cluster::ApiError& e) {
  return static_cast<std::int16_t>(e.code);
}
inline std::int16_t wire(group::GroupError e) {
  return group::code(e);
}
inline std::int16_t wire(ErrorCode e) {
  return static_cast<std::int16_t>(e);
}

struct LiveBroker {
  std::int32_t id = 0;
  BrokerAddress address;
};

// Alive brokers that have an open listener, by id.
std::vector<LiveBroker> liveBrokers(const HandlerContext& context);
// The broker clients are told is the controller: the lowest live id (the controller runs in
// process beside all of them), or -1 when none is up.
std::int32_t controllerId(const HandlerContext& context);
// The broker that coordinates `key` (a group id or transactional id): a stable hash over the
// live brokers, so every client finds the same one while membership is unchanged.
std::int32_t coordinatorFor(const HandlerContext& context, const std::string& key);
// Whether the broker that received the request is up (a killed broker refuses work).
bool brokerAlive(const HandlerContext& context, std::int32_t brokerId);

Uuid toWireUuid(const runnel::Uuid& id);

}  // namespace runnel::kafka
