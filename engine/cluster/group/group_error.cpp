#include "engine/cluster/group/group_error.h"

namespace runnel::group {

std::string_view groupErrorName(GroupError e) {
  switch (e) {
    case GroupError::kUnknownServerError:
      return "UNKNOWN_SERVER_ERROR";
    case GroupError::kNone:
      return "NONE";
    case GroupError::kUnknownTopicOrPartition:
      return "UNKNOWN_TOPIC_OR_PARTITION";
    case GroupError::kOffsetMetadataTooLarge:
      return "OFFSET_METADATA_TOO_LARGE";
    case GroupError::kCoordinatorLoadInProgress:
      return "COORDINATOR_LOAD_IN_PROGRESS";
    case GroupError::kCoordinatorNotAvailable:
      return "COORDINATOR_NOT_AVAILABLE";
    case GroupError::kNotCoordinator:
      return "NOT_COORDINATOR";
    case GroupError::kIllegalGeneration:
      return "ILLEGAL_GENERATION";
    case GroupError::kInconsistentGroupProtocol:
      return "INCONSISTENT_GROUP_PROTOCOL";
    case GroupError::kInvalidGroupId:
      return "INVALID_GROUP_ID";
    case GroupError::kUnknownMemberId:
      return "UNKNOWN_MEMBER_ID";
    case GroupError::kInvalidSessionTimeout:
      return "INVALID_SESSION_TIMEOUT";
    case GroupError::kRebalanceInProgress:
      return "REBALANCE_IN_PROGRESS";
    case GroupError::kInvalidCommitOffsetSize:
      return "INVALID_COMMIT_OFFSET_SIZE";
    case GroupError::kNonEmptyGroup:
      return "NON_EMPTY_GROUP";
    case GroupError::kGroupIdNotFound:
      return "GROUP_ID_NOT_FOUND";
    case GroupError::kMemberIdRequired:
      return "MEMBER_ID_REQUIRED";
    case GroupError::kGroupMaxSizeReached:
      return "GROUP_MAX_SIZE_REACHED";
    case GroupError::kFencedInstanceId:
      return "FENCED_INSTANCE_ID";
    case GroupError::kGroupSubscribedToTopic:
      return "GROUP_SUBSCRIBED_TO_TOPIC";
  }
  return "UNKNOWN";
}

}  // namespace runnel::group
