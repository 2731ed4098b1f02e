// Reads just the topic list out of a consumer-protocol Subscription (version int16, then an
// array of int16-length strings): all the coordinator needs to know which topics a consumer
// group reads, for OffsetDelete. The full codec lives in engine/client/assignors, a level above.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "engine/common/bytes.h"

namespace runnel::group {

// nullopt when the bytes are not a consumer Subscription.
std::optional<std::set<std::string>> consumerSubscriptionTopics(ByteView metadata);

}  // namespace runnel::group
