// Settings of the GroupCoordinator, named after the Kafka broker configs they mirror.
// A plain value, copied into the coordinator at construction.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>

namespace runnel::group {

struct GroupCoordinatorConfig {
  std::int32_t minSessionTimeoutMs = 6000;      // group.min.session.timeout.ms
  std::int32_t maxSessionTimeoutMs = 1800000;   // group.max.session.timeout.ms
  std::int32_t initialRebalanceDelayMs = 3000;  // group.initial.rebalance.delay.ms (tests use 0)
  std::int32_t maxGroupSize = std::numeric_limits<std::int32_t>::max();  // group.max.size
  std::int32_t maxOffsetMetadataBytes = 4096;  // offset.metadata.max.bytes
  // How long a new member's JoinGroup may wait before the member is dropped (Kafka: 5 minutes).
  std::int32_t newMemberJoinTimeoutMs = 300000;
  // When set, commits to partitions it rejects get UNKNOWN_TOPIC_OR_PARTITION.
  std::function<bool(const std::string& topic, std::int32_t partition)> partitionExists;
};

}  // namespace runnel::group
