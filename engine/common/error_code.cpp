#include "engine/common/error_code.h"

#include <iterator>

namespace runnel::kafka {
namespace {

struct ErrorInfo {
  std::string_view name;
  bool retriable;
  std::string_view description;
};

// Indexed by code + 1 (codes run from -1 to kHighestKnownErrorCode without gaps). The
// descriptions are Runnel's own wording of the protocol guide's.
constexpr ErrorInfo kErrors[] = {
    {"UNKNOWN_SERVER_ERROR", false,
     "The server hit an unexpected error while processing the request."},
    {"NONE", false, ""},
    {"OFFSET_OUT_OF_RANGE", false,
     "The requested offset lies outside the range the server holds for the partition."},
    {"CORRUPT_MESSAGE", true,
     "A message failed its CRC check, exceeds the allowed size, lacks a key on a compacted "
     "topic, or is otherwise corrupt."},
    {"UNKNOWN_TOPIC_OR_PARTITION", true, "This server does not host the topic-partition."},
    {"INVALID_FETCH_SIZE", false, "The requested fetch size is not valid."},
    {"LEADER_NOT_AVAILABLE", true,
     "The partition has no leader right now, for instance during a leader election."},
    {"NOT_LEADER_OR_FOLLOWER", true,
     "This broker is not the partition's leader (for leader-only requests) or not one of its "
     "replicas."},
    {"REQUEST_TIMED_OUT", true, "The request did not complete within its timeout."},
    {"BROKER_NOT_AVAILABLE", false, "The broker is not available."},
    {"REPLICA_NOT_AVAILABLE", true, "The replica is not available for the topic-partition."},
    {"MESSAGE_TOO_LARGE", false,
     "A message is larger than the largest message the server accepts."},
    {"STALE_CONTROLLER_EPOCH", false,
     "The request came from a controller that is no longer the current one."},
    {"OFFSET_METADATA_TOO_LARGE", false,
     "The metadata attached to the committed offset is too large."},
    {"NETWORK_EXCEPTION", true, "The connection closed before a response arrived."},
    {"COORDINATOR_LOAD_IN_PROGRESS", true,
     "The coordinator is still loading its state and cannot serve requests yet."},
    {"COORDINATOR_NOT_AVAILABLE", true, "The coordinator is not available."},
    {"NOT_COORDINATOR", true, "This broker is not the coordinator for the group or transaction."},
    {"INVALID_TOPIC_EXCEPTION", false,
     "The request names a topic that is not valid (bad name, or an internal topic)."},
    {"RECORD_LIST_TOO_LARGE", false, "A record batch is larger than the configured segment size."},
    {"NOT_ENOUGH_REPLICAS", true,
     "Fewer in-sync replicas than required: the messages were rejected."},
    {"NOT_ENOUGH_REPLICAS_AFTER_APPEND", true,
     "The messages were written, but to fewer in-sync replicas than required."},
    {"INVALID_REQUIRED_ACKS", false,
     "The produce request asked for an acks value the broker does not accept."},
    {"ILLEGAL_GENERATION", false, "The group generation id is not the current one."},
    {"INCONSISTENT_GROUP_PROTOCOL", false,
     "The member's protocols do not match the group's, or the first member offered none."},
    {"INVALID_GROUP_ID", false, "The group id is not valid."},
    {"UNKNOWN_MEMBER_ID", false, "The coordinator does not know this member."},
    {"INVALID_SESSION_TIMEOUT", false,
     "The session timeout is outside the range the broker allows."},
    {"REBALANCE_IN_PROGRESS", false, "The group is rebalancing; the member has to rejoin."},
    {"INVALID_COMMIT_OFFSET_SIZE", false, "The size of the offset commit data is not valid."},
    {"TOPIC_AUTHORIZATION_FAILED", false, "The client may not access the topic."},
    {"GROUP_AUTHORIZATION_FAILED", false, "The client may not access the group."},
    {"CLUSTER_AUTHORIZATION_FAILED", false, "The client may not perform this cluster operation."},
    {"INVALID_TIMESTAMP", false, "A message timestamp is outside the accepted range."},
    {"UNSUPPORTED_SASL_MECHANISM", false,
     "The broker does not offer the requested SASL mechanism."},
    {"ILLEGAL_SASL_STATE", false,
     "The request is not valid in the connection's current SASL state."},
    {"UNSUPPORTED_VERSION", false, "The broker does not support this version of the API."},
    {"TOPIC_ALREADY_EXISTS", false, "A topic with this name exists already."},
    {"INVALID_PARTITIONS", false, "The number of partitions is not valid."},
    {"INVALID_REPLICATION_FACTOR", false,
     "The replication factor is below 1 or above the number of available brokers."},
    {"INVALID_REPLICA_ASSIGNMENT", false, "The replica assignment is not valid."},
    {"INVALID_CONFIG", false, "The configuration is not valid."},
    {"NOT_CONTROLLER", true, "This broker is not the cluster's controller."},
    {"INVALID_REQUEST", false,
     "The request is malformed or was sent to a broker that does not understand it; the broker "
     "log has details."},
    {"UNSUPPORTED_FOR_MESSAGE_FORMAT", false,
     "The broker's message format version does not support the request."},
    {"POLICY_VIOLATION", false, "The request parameters break a configured policy."},
    {"OUT_OF_ORDER_SEQUENCE_NUMBER", false,
     "The broker received a producer sequence number out of order."},
    {"DUPLICATE_SEQUENCE_NUMBER", false,
     "The broker received a producer sequence number it has already seen."},
    {"INVALID_PRODUCER_EPOCH", false, "The producer used an epoch older than the current one."},
    {"INVALID_TXN_STATE", false,
     "The transactional operation is not valid in the transaction's current state."},
    {"INVALID_PRODUCER_ID_MAPPING", false,
     "The producer id is not the one currently assigned to the transactional id."},
    {"INVALID_TRANSACTION_TIMEOUT", false,
     "The transaction timeout exceeds the broker's maximum (transaction.max.timeout.ms)."},
    {"CONCURRENT_TRANSACTIONS", false,
     "Another operation on the same transaction is still in progress."},
    {"TRANSACTION_COORDINATOR_FENCED", false,
     "The transaction coordinator that sent the marker is no longer the producer's coordinator."},
    {"TRANSACTIONAL_ID_AUTHORIZATION_FAILED", false,
     "The client may not use the transactional id."},
    {"SECURITY_DISABLED", false, "Security features are turned off."},
    {"OPERATION_NOT_ATTEMPTED", false,
     "The broker skipped this operation, for instance because others in the same batch failed."},
    {"KAFKA_STORAGE_ERROR", true, "A disk error occurred while accessing the log."},
    {"LOG_DIR_NOT_FOUND", false,
     "The requested log directory is not in the broker's configuration."},
    {"SASL_AUTHENTICATION_FAILED", false, "SASL authentication failed."},
    {"UNKNOWN_PRODUCER_ID", false,
     "The broker has no state for the producer id, for instance because its records were "
     "removed by retention."},
    {"REASSIGNMENT_IN_PROGRESS", false, "A partition reassignment is in progress."},
    {"DELEGATION_TOKEN_AUTH_DISABLED", false, "Delegation tokens are not enabled."},
    {"DELEGATION_TOKEN_NOT_FOUND", false, "The server does not know the delegation token."},
    {"DELEGATION_TOKEN_OWNER_MISMATCH", false,
     "The principal is not the token's owner or renewer."},
    {"DELEGATION_TOKEN_REQUEST_NOT_ALLOWED", false,
     "Delegation token requests are refused on this kind of channel."},
    {"DELEGATION_TOKEN_AUTHORIZATION_FAILED", false,
     "The client may not perform this delegation token operation."},
    {"DELEGATION_TOKEN_EXPIRED", false, "The delegation token has expired."},
    {"INVALID_PRINCIPAL_TYPE", false, "The principal type is not supported."},
    {"NON_EMPTY_GROUP", false, "The group still has members."},
    {"GROUP_ID_NOT_FOUND", false, "No group has this id."},
    {"FETCH_SESSION_ID_NOT_FOUND", true, "The fetch session id is not known."},
    {"INVALID_FETCH_SESSION_EPOCH", true, "The fetch session epoch is not the expected one."},
    {"LISTENER_NOT_FOUND", true,
     "The leader has no listener matching the one the metadata request came through."},
    {"TOPIC_DELETION_DISABLED", false, "Deleting topics is disabled."},
    {"FENCED_LEADER_EPOCH", true, "The request's leader epoch is older than the broker's."},
    {"UNKNOWN_LEADER_EPOCH", true, "The request's leader epoch is newer than the broker's."},
    {"UNSUPPORTED_COMPRESSION_TYPE", false,
     "The client does not support the partition's compression type."},
    {"STALE_BROKER_EPOCH", false, "The broker epoch is no longer current."},
    {"OFFSET_NOT_AVAILABLE", true,
     "The new leader's high watermark has not caught up yet, so offsets could go backwards."},
    {"MEMBER_ID_REQUIRED", false, "The member must obtain a member id before joining the group."},
    {"PREFERRED_LEADER_NOT_AVAILABLE", true, "The preferred leader is not available."},
    {"GROUP_MAX_SIZE_REACHED", false, "The group has reached its maximum number of members."},
    {"FENCED_INSTANCE_ID", false,
     "Another member registered the same group.instance.id with a different member id."},
    {"ELIGIBLE_LEADERS_NOT_AVAILABLE", true, "No eligible leader is available for the partition."},
    {"ELECTION_NOT_NEEDED", true, "The partition does not need a leader election."},
    {"NO_REASSIGNMENT_IN_PROGRESS", false, "No partition reassignment is in progress."},
    {"GROUP_SUBSCRIBED_TO_TOPIC", false,
     "Offsets of a topic cannot be deleted while the group is subscribed to it."},
    {"INVALID_RECORD", false, "The broker rejected a record that failed its validation."},
    {"UNSTABLE_OFFSET_COMMIT", true, "Pending transactional offsets must be resolved first."},
    {"THROTTLING_QUOTA_EXCEEDED", true, "The throttling quota has been exceeded."},
    {"PRODUCER_FENCED", false,
     "A newer producer with the same transactional id has fenced this one."},
    {"RESOURCE_NOT_FOUND", false, "The request refers to a resource that does not exist."},
    {"DUPLICATE_RESOURCE", false, "The request refers to the same resource twice."},
    {"UNACCEPTABLE_CREDENTIAL", false,
     "The requested credential does not meet the acceptance criteria."},
    {"INCONSISTENT_VOTER_SET", false,
     "The sender or receiver of a voter-only request is not an expected voter."},
    {"INVALID_UPDATE_VERSION", false, "The update version is not valid."},
    {"FEATURE_UPDATE_FAILED", false,
     "The finalized features could not be updated because of a server error."},
    {"PRINCIPAL_DESERIALIZATION_FAILURE", false,
     "A forwarded request's principal could not be deserialized."},
    {"SNAPSHOT_NOT_FOUND", false, "The requested snapshot does not exist."},
    {"POSITION_OUT_OF_RANGE", false,
     "The requested position is negative or beyond the end of the snapshot."},
    {"UNKNOWN_TOPIC_ID", true, "This server does not host a topic with this id."},
    {"DUPLICATE_BROKER_REGISTRATION", false, "Another broker has registered this broker id."},
    {"BROKER_ID_NOT_REGISTERED", false, "No broker has registered this id."},
    {"INCONSISTENT_TOPIC_ID", true, "The topic id in the request does not match the log's."},
    {"INCONSISTENT_CLUSTER_ID", false,
     "The cluster id in the request does not match the server's."},
    {"TRANSACTIONAL_ID_NOT_FOUND", false, "No transaction has this transactional id."},
    {"FETCH_SESSION_TOPIC_ID_ERROR", true, "The fetch session used topic ids inconsistently."},
    {"INELIGIBLE_REPLICA", false, "The proposed ISR contains a replica that is not eligible."},
    {"NEW_LEADER_ELECTED", false,
     "The partition state was updated, but a new leader has been elected meanwhile."},
    {"OFFSET_MOVED_TO_TIERED_STORAGE", false, "The requested offset now lives in tiered storage."},
    {"FENCED_MEMBER_EPOCH", false,
     "The coordinator fenced the member's epoch; it must give up its partitions and rejoin."},
    {"UNRELEASED_INSTANCE_ID", false,
     "The instance id is still held by another member, which has to leave first."},
    {"UNSUPPORTED_ASSIGNOR", false,
     "The group does not support the assignor or its version range."},
    {"STALE_MEMBER_EPOCH", false,
     "The member epoch is stale; the member retries once a heartbeat gives it the current one."},
    {"MISMATCHED_ENDPOINT_TYPE", false, "The request reached an endpoint of the wrong type."},
    {"UNSUPPORTED_ENDPOINT_TYPE", false, "This endpoint type is not supported."},
    {"UNKNOWN_CONTROLLER_ID", false, "No controller has this id."},
    {"UNKNOWN_SUBSCRIPTION_ID", false, "The telemetry subscription id is unknown or outdated."},
    {"TELEMETRY_TOO_LARGE", false, "The pushed telemetry is larger than the broker accepts."},
    {"INVALID_REGISTRATION", false, "The controller found the broker registration invalid."},
    {"TRANSACTION_ABORTABLE", false,
     "The transaction hit an error; aborting it lets the transactional id be used again."},
    {"INVALID_RECORD_STATE", true,
     "The record is in a state that does not allow the delivery acknowledgement."},
    {"SHARE_SESSION_NOT_FOUND", true, "The share session is not known."},
    {"INVALID_SHARE_SESSION_EPOCH", true, "The share session epoch is not the expected one."},
    {"FENCED_STATE_EPOCH", true,
     "The share-group state epoch does not match the share coordinator's."},
    {"INVALID_VOTER_KEY", false, "The voter key does not match the receiving replica's."},
    {"DUPLICATE_VOTER", false, "The voter is already in the voter set."},
    {"VOTER_NOT_FOUND", false, "The voter is not in the voter set."},
    {"INVALID_REGULAR_EXPRESSION", false, "The regular expression is not valid."},
    {"REBOOTSTRAP_REQUIRED", false, "The client's metadata is stale; it must bootstrap again."},
    {"STREAMS_INVALID_TOPOLOGY", false, "The streams topology is not valid."},
    {"STREAMS_INVALID_TOPOLOGY_EPOCH", false, "The streams topology epoch is not valid."},
    {"STREAMS_TOPOLOGY_FENCED", false, "The streams topology epoch is outdated."},
    {"SHARE_SESSION_LIMIT_REACHED", true, "No more share sessions can be opened."},
};

constexpr std::int16_t kLowestKnownErrorCode = -1;
static_assert(std::size(kErrors) == kHighestKnownErrorCode - kLowestKnownErrorCode + 1);

const ErrorInfo& info(ErrorCode code) {
  const std::int16_t value = toWire(code);
  return isKnownErrorCode(value) ? kErrors[value - kLowestKnownErrorCode] : kErrors[0];
}

}  // namespace

bool isKnownErrorCode(std::int16_t value) {
  return value >= kLowestKnownErrorCode && value <= kHighestKnownErrorCode;
}

ErrorCode errorCodeFromWire(std::int16_t value) {
  return isKnownErrorCode(value) ? static_cast<ErrorCode>(value) : ErrorCode::kUnknownServerError;
}

std::string_view errorCodeName(ErrorCode code) {
  return info(code).name;
}
std::string_view errorCodeDescription(ErrorCode code) {
  return info(code).description;
}
bool isRetriable(ErrorCode code) {
  return info(code).retriable;
}

}  // namespace runnel::kafka
