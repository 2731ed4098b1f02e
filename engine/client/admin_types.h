// The values the Admin API takes and returns: new topics, cluster and topic descriptions,
// configs, offsets specs, consumer group descriptions. Named after Kafka's AdminClient types so
// the embedded and remote backends fill them the same way. Plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/consumer.h"
#include "engine/client/topic_partition.h"

namespace runnel::client {

struct NewTopic {
  std::string name;
  std::int32_t partitions = -1;         // -1: the cluster's num.partitions
  std::int16_t replicationFactor = -1;  // -1: the cluster's default.replication.factor
  std::map<std::string, std::string> configs;
  // Explicit placement (partition -> broker ids, preferred leader first); overrides the counts.
  std::map<std::int32_t, std::vector<std::int32_t>> replicaAssignment;
  // The engine's own bookkeeping topics (the SQL command log): hidden from topic lists and the
  // studio's pickers unless asked for. External clusters ignore it (Kafka has no such flag).
  bool internal = false;
};

struct BrokerDescription {
  std::int32_t id = 0;
  std::string host;
  std::int32_t port = 0;
  std::optional<std::string> rack;
  bool alive = true;  // remote clusters list only live brokers
};

struct ClusterDescription {
  std::string clusterId;
  std::int32_t controllerId = -1;
  std::vector<BrokerDescription> brokers;
};

struct PartitionDescription {
  std::int32_t partition = 0;
  std::int32_t leader = -1;  // -1: offline
  std::int32_t leaderEpoch = -1;
  std::vector<std::int32_t> replicas;
  std::vector<std::int32_t> isr;
  std::vector<std::int32_t> offlineReplicas;
};

// A reassignment in progress: `replicas` are the targets followed by the replicas leaving.
struct PartitionReassignment {
  TopicPartition partition;
  std::vector<std::int32_t> replicas;
  std::vector<std::int32_t> addingReplicas;
  std::vector<std::int32_t> removingReplicas;
};

struct TopicDescription {
  std::string name;
  std::string topicId;
  bool internal = false;
  std::vector<PartitionDescription> partitions;
};

enum class ConfigSource : std::uint8_t { kDefault, kTopic, kBroker, kStaticBroker, kUnknown };

struct ConfigEntry {
  std::string name;
  std::optional<std::string> value;
  ConfigSource source = ConfigSource::kDefault;
  bool readOnly = false;
  bool sensitive = false;
  std::string documentation;
};

enum class AlterConfigOp : std::uint8_t { kSet, kDelete, kAppend, kSubtract };

struct AlterConfig {
  std::string name;
  std::optional<std::string> value;
  AlterConfigOp op = AlterConfigOp::kSet;
};

// Which offset ListOffsets should find.
struct OffsetSpec {
  enum class Kind : std::uint8_t {
    kEarliest,
    kLatest,
    kTimestamp,
    kMaxTimestamp
  } kind = Kind::kLatest;
  std::int64_t timestampMs = 0;
  static OffsetSpec earliest() { return {Kind::kEarliest, 0}; }
  static OffsetSpec latest() { return {Kind::kLatest, 0}; }
  static OffsetSpec forTimestamp(std::int64_t ms) { return {Kind::kTimestamp, ms}; }
};

struct ListedOffset {
  std::int64_t offset = -1;  // -1: no record at or after the timestamp
  std::int64_t timestampMs = -1;
  std::int32_t leaderEpoch = -1;
};

struct GroupListing {
  std::string groupId;
  std::string protocolType;  // "consumer" for consumer groups
  std::string state;         // "Stable", "Empty", "PreparingRebalance", ...
};

struct MemberDescription {
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  std::string clientId;
  std::string host;
  std::vector<TopicPartition> assignment;
};

struct GroupDescription {
  std::string groupId;
  std::string state;
  std::string protocolType;
  std::string protocol;  // the chosen assignor, e.g. "range"
  std::int32_t coordinatorId = -1;
  std::int32_t generationId = -1;
  std::vector<MemberDescription> members;
};

}  // namespace runnel::client
