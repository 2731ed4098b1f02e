// The values that go in and out of the GroupCoordinator: requests and results of the group
// membership APIs (JoinGroup, SyncGroup, Heartbeat, LeaveGroup), offsets, and the snapshots and
// events the studio watches. Plain values, safe to copy between threads. Fields mirror the Kafka
// request/response fields so protocol handlers translate one to one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/group/group_error.h"
#include "engine/cluster/group/group_state.h"
#include "engine/common/bytes.h"

namespace runnel::group {

inline constexpr std::int32_t kNoGeneration = -1;

struct GroupProtocol {
  std::string name;  // e.g. "range", "cooperative-sticky"
  Bytes metadata;    // for consumers, a ConsumerProtocol Subscription
  friend bool operator==(const GroupProtocol&, const GroupProtocol&) = default;
};

struct JoinRequest {
  std::string groupId;
  std::string memberId;                        // empty: a new member
  std::optional<std::string> groupInstanceId;  // static membership
  std::string clientId;
  std::string clientHost;
  std::int32_t sessionTimeoutMs = 10000;
  std::int32_t rebalanceTimeoutMs =
      300000;                            // JoinGroup v0 has none: handlers pass the session timeout
  std::string protocolType;              // "consumer", "connect", ...
  std::vector<GroupProtocol> protocols;  // in the member's order of preference
  bool requireKnownMemberId = true;  // JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED
  bool supportSkippingAssignment = false;  // JoinGroup v9+
  std::string reason;
};

struct JoinMember {
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  Bytes metadata;  // of the group's chosen protocol
};

struct JoinResult {
  GroupError error = GroupError::kNone;
  std::int32_t generationId = kNoGeneration;
  std::optional<std::string> protocolType;
  std::optional<std::string> protocolName;
  std::string leaderId;
  std::string memberId;  // the id the member must use from now on (also with MEMBER_ID_REQUIRED)
  bool skipAssignment = false;
  std::vector<JoinMember> members;  // only for the leader
};

struct SyncRequest {
  std::string groupId;
  std::int32_t generationId = kNoGeneration;
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  std::optional<std::string> protocolType;                 // SyncGroup v5+
  std::optional<std::string> protocolName;                 // SyncGroup v5+
  std::vector<std::pair<std::string, Bytes>> assignments;  // leader only: member id -> bytes
};

struct SyncResult {
  GroupError error = GroupError::kNone;
  std::optional<std::string> protocolType;
  std::optional<std::string> protocolName;
  Bytes assignment;
};

using JoinCallback = std::function<void(JoinResult)>;
using SyncCallback = std::function<void(SyncResult)>;

struct HeartbeatRequest {
  std::string groupId;
  std::int32_t generationId = kNoGeneration;
  std::string memberId;
  std::optional<std::string> groupInstanceId;
};

struct LeaveMember {
  std::string memberId;  // may be empty when groupInstanceId names a static member
  std::optional<std::string> groupInstanceId;
  std::string reason;
};

struct LeaveMemberResult {
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  GroupError error = GroupError::kNone;
};

struct LeaveResult {
  GroupError error = GroupError::kNone;  // top-level
  std::vector<LeaveMemberResult> members;
};

struct PartitionRef {
  std::string topic;
  std::int32_t partition = 0;
  friend bool operator==(const PartitionRef&, const PartitionRef&) = default;
  friend auto operator<=>(const PartitionRef&, const PartitionRef&) = default;
};

struct OffsetCommitEntry {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::int32_t leaderEpoch = -1;
  std::string metadata;
};

struct OffsetCommitRequest {
  std::string groupId;
  std::int32_t generationId = kNoGeneration;  // -1: a "simple" commit from outside the group
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  std::vector<OffsetCommitEntry> offsets;
};

struct PartitionResult {
  std::string topic;
  std::int32_t partition = 0;
  GroupError error = GroupError::kNone;
};

struct OffsetFetchEntry {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = -1;  // -1: nothing committed
  std::int32_t leaderEpoch = -1;
  std::string metadata;
  GroupError error = GroupError::kNone;
};

struct OffsetFetchResult {
  GroupError error = GroupError::kNone;
  std::vector<OffsetFetchEntry> offsets;
};

struct DeleteOffsetsResult {
  GroupError error = GroupError::kNone;  // when set, `partitions` is empty
  std::vector<PartitionResult> partitions;
};

struct MemberSnapshot {
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  std::string clientId;
  std::string clientHost;
  std::int32_t sessionTimeoutMs = 0;
  std::int32_t rebalanceTimeoutMs = 0;
  Bytes metadata;    // for the group's protocol (empty while none is chosen)
  Bytes assignment;  // what SyncGroup handed this member
};

struct GroupSnapshot {
  std::string groupId;
  GroupState state = GroupState::kDead;
  std::string protocolType;
  std::string protocolName;
  std::int32_t generationId = 0;
  std::string leaderId;
  std::vector<MemberSnapshot> members;
};

struct GroupOverview {
  std::string groupId;
  std::string protocolType;
  GroupState state = GroupState::kEmpty;
};

struct GroupEvent {
  enum class Kind {
    kMemberJoined,      // a new member entered the group
    kMemberLeft,        // LeaveGroup
    kMemberExpired,     // session timeout
    kMemberRemoved,     // did not rejoin / sync within the rebalance timeout, or fenced
    kRebalanceStarted,  // group entered PreparingRebalance
    kRebalanced,        // leader's assignment delivered; group Stable (snapshot filled)
    kGroupEmpty,        // a rebalance ended with no members
    kGroupDeleted,
  };
  Kind kind;
  std::string groupId;
  std::string memberId;  // for member events
  std::int32_t generationId = 0;
  std::string reason;
  GroupSnapshot snapshot;  // the group right after the event
};

using GroupEventListener = std::function<void(const GroupEvent&)>;

}  // namespace runnel::group
