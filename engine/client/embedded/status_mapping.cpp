#include "engine/client/embedded/status_mapping.h"

#include <string>

namespace runnel::client::embedded {

using cluster::ErrorCode;

Status toStatus(const cluster::ApiError& error) {
  if (error.ok()) return Status::ok();
  const std::string msg = error.toString();
  switch (error.code) {
    case ErrorCode::kRequestTimedOut:
      return Status::timedOut(msg);
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kGroupIdNotFound:
    case ErrorCode::kNoReassignmentInProgress:
      return Status::notFound(msg);
    case ErrorCode::kTopicAlreadyExists:
      return Status::alreadyExists(msg);
    case ErrorCode::kOffsetOutOfRange:
      return Status::outOfRange(msg);
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kInvalidProducerEpoch:
      return Status::aborted(msg);
    case ErrorCode::kInvalidPartitions:
    case ErrorCode::kInvalidReplicationFactor:
    case ErrorCode::kInvalidReplicaAssignment:
    case ErrorCode::kInvalidConfig:
    case ErrorCode::kInvalidTopicException:
    case ErrorCode::kInvalidRequest:
    case ErrorCode::kMessageTooLarge:
    case ErrorCode::kRecordListTooLarge:
    case ErrorCode::kPolicyViolation:
      return Status::invalidArgument(msg);
    default:
      break;
  }
  if (kafka::isRetriable(error.code) || error.code == ErrorCode::kNetworkException)
    return Status::unavailable(msg);
  return Status::internal(msg);
}

Status toStatus(group::GroupError error, std::string_view context) {
  if (error == group::GroupError::kNone) return Status::ok();
  std::string msg(group::groupErrorName(error));
  if (!context.empty()) msg += ": " + std::string(context);
  switch (error) {
    case group::GroupError::kGroupIdNotFound:
    case group::GroupError::kUnknownTopicOrPartition:
      return Status::notFound(msg);
    case group::GroupError::kNonEmptyGroup:
      return Status::alreadyExists(msg);
    case group::GroupError::kCoordinatorNotAvailable:
    case group::GroupError::kCoordinatorLoadInProgress:
    case group::GroupError::kNotCoordinator:
    case group::GroupError::kRebalanceInProgress:
      return Status::unavailable(msg);
    case group::GroupError::kFencedInstanceId:
    case group::GroupError::kIllegalGeneration:
    case group::GroupError::kUnknownMemberId:
      return Status::aborted(msg);
    case group::GroupError::kInvalidGroupId:
    case group::GroupError::kInvalidSessionTimeout:
    case group::GroupError::kOffsetMetadataTooLarge:
    case group::GroupError::kInconsistentGroupProtocol:
      return Status::invalidArgument(msg);
    default:
      break;
  }
  return Status::internal(msg);
}

}  // namespace runnel::client::embedded
