// ClusterView: what the studio shows about a cluster, whichever backend serves it — brokers,
// topics, every partition's leader, replicas, in-sync set and offsets, consumer groups with
// their members' assignments, committed offsets and lag. The embedded backend fills it from the
// cluster's own snapshot; a remote backend from Metadata, ListOffsets and the group APIs, leaving
// out what Kafka does not tell a client (per-broker byte rates, for one).
// Plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/topic_partition.h"

namespace runnel::client {

struct BrokerView {
  std::int32_t id = 0;
  std::string host;
  int port = 0;
  bool alive = true;
  bool controller = false;
  int leaderCount = 0;
  int replicaCount = 0;
  std::optional<double> bytesInPerSec;   // embedded only
  std::optional<double> bytesOutPerSec;  // embedded only
  bool paused = false;                   // embedded only: alive but answering nothing
  bool fenced = false;                   // paused past the session timeout: its leaders moved
  bool draining = false;                 // embedded only: being removed, replicas moving away
  int drainReplicasToMove = 0;
  int drainReplicasMoved = 0;
};

struct PartitionView {
  std::string topic;
  std::int32_t partition = 0;
  std::int32_t leader = -1;  // -1: offline
  std::int32_t leaderEpoch = -1;
  std::vector<std::int32_t> replicas;  // preferred leader first
  std::vector<std::int32_t> isr;
  std::vector<std::int32_t> offlineReplicas;
  // A reassignment in progress: targets still catching up, and replicas leaving once it is done.
  std::vector<std::int32_t> addingReplicas;
  std::vector<std::int32_t> removingReplicas;
  std::int64_t logStartOffset = -1;
  std::int64_t highWatermark = -1;
  std::int64_t logEndOffset = -1;  // embedded only (a client sees the high watermark)
  std::optional<std::uint64_t> sizeBytes;
  // Where each log segment starts, oldest first (embedded only; empty when unknown).
  std::vector<std::int64_t> segmentBaseOffsets;
};

struct TopicView {
  std::string name;
  std::string id;
  std::int32_t partitions = 0;
  std::int16_t replicationFactor = 0;
  bool internal = false;
  std::map<std::string, std::string> configOverrides;
};

struct GroupMemberView {
  std::string memberId;
  std::string clientId;
  std::string host;
  std::vector<TopicPartition> assignment;
};

struct GroupPartitionView {
  TopicPartition topicPartition;
  std::int64_t committedOffset = -1;  // -1: nothing committed
  std::int64_t lag = -1;              // high watermark - committed, when both are known
  std::string memberId;               // who owns it now, if anyone
};

struct GroupView {
  std::string groupId;
  std::string state;
  std::string protocol;
  std::int32_t coordinator = -1;
  std::int32_t generation = -1;
  std::vector<GroupMemberView> members;
  std::vector<GroupPartitionView> partitions;
};

struct ClusterView {
  std::string clusterId;
  std::int64_t takenAtMs = 0;
  std::int32_t controllerId = -1;
  std::vector<BrokerView> brokers;
  std::vector<TopicView> topics;
  std::vector<PartitionView> partitions;  // ordered by topic, partition
  std::vector<GroupView> groups;
};

// One thing that happened, as the studio's timeline shows it. Remote backends infer leader and
// ISR changes by comparing successive views.
struct ClusterChange {
  std::string kind;  // "broker-died", "leader-changed", "isr-changed", "topic-created", ...
  std::int64_t timestampMs = 0;
  std::string description;  // "partition 3 of payments: leader 2 → 1, ISR {1,2,3} → {1,3}"
  std::int32_t brokerId = -1;
  std::string topic;
  std::int32_t partition = -1;
  std::int32_t fromLeader = -1;
  std::int32_t toLeader = -1;
};

}  // namespace runnel::client
