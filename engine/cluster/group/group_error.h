// GroupError: the Kafka error codes the group coordinator answers with, numbered exactly as on
// the wire so protocol handlers can copy them into responses unchanged. A plain enum.
#pragma once

#include <cstdint>
#include <string_view>

namespace runnel::group {

enum class GroupError : std::int16_t {
  kUnknownServerError = -1,
  kNone = 0,
  kUnknownTopicOrPartition = 3,
  kOffsetMetadataTooLarge = 12,
  kCoordinatorLoadInProgress = 14,
  kCoordinatorNotAvailable = 15,
  kNotCoordinator = 16,
  kIllegalGeneration = 22,
  kInconsistentGroupProtocol = 23,
  kInvalidGroupId = 24,
  kUnknownMemberId = 25,
  kInvalidSessionTimeout = 26,
  kRebalanceInProgress = 27,
  kInvalidCommitOffsetSize = 28,
  kNonEmptyGroup = 68,
  kGroupIdNotFound = 69,
  kMemberIdRequired = 79,
  kGroupMaxSizeReached = 81,
  kFencedInstanceId = 82,
  kGroupSubscribedToTopic = 86,
};

inline constexpr std::int16_t code(GroupError e) {
  return static_cast<std::int16_t>(e);
}

// Kafka's name for the error: "REBALANCE_IN_PROGRESS".
std::string_view groupErrorName(GroupError e);

}  // namespace runnel::group
