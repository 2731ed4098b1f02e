// The records the controller keeps about the cluster: topics with their configs, each
// partition's replica assignment, leader, leader epoch and in-sync set, and committed consumer
// group offsets. Plain values, shared by MetadataStore (which persists them) and the cluster.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/uuid.h"

namespace runnel {

inline constexpr std::int32_t kNoLeader = -1;

struct TopicRecord {
  std::string name;
  Uuid id;
  std::int32_t partitionCount = 0;
  std::int16_t replicationFactor = 0;
  std::map<std::string, std::string> configs;  // only the ones set on the topic (not defaults)
  std::int64_t createdMs = 0;
  bool internal = false;  // e.g. the SQL engine's changelog topics

  friend bool operator==(const TopicRecord&, const TopicRecord&) = default;
};

struct PartitionRecord {
  std::string topic;
  std::int32_t partition = 0;
  std::vector<std::int32_t> replicas;  // preferred leader first
  std::int32_t leader = kNoLeader;
  std::int32_t leaderEpoch = 0;
  std::vector<std::int32_t> isr;
  // Bumped on every change (leader or ISR), so a stale update can be detected and refused.
  std::int32_t partitionEpoch = 0;
  // A reassignment in progress (KIP-455): `replicas` then holds the target set followed by the
  // replicas being removed; `adding` are targets still catching up, `removing` leave once every
  // target is in the ISR. Both empty otherwise.
  std::vector<std::int32_t> addingReplicas;
  std::vector<std::int32_t> removingReplicas;

  friend bool operator==(const PartitionRecord&, const PartitionRecord&) = default;
};

struct CommittedOffset {
  std::string group;
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::int32_t leaderEpoch = -1;
  std::string metadata;
  std::int64_t commitTimestampMs = 0;

  friend bool operator==(const CommittedOffset&, const CommittedOffset&) = default;
};

}  // namespace runnel
