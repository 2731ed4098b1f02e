// ClusterSnapshot: a consistent-enough picture of the whole cluster for the studio — brokers
// (alive, controller, leader counts, throughput), topics, and every partition's leader,
// replicas, ISR, offline replicas and offsets. Built by Cluster::snapshot() from the controller's
// state and the leaders' replicas; cheap enough to take 30 times a second. A plain value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/cluster/transport.h"

namespace runnel::cluster {

struct BrokerSnapshot {
  std::int32_t id = 0;
  int port = 0;
  bool alive = false;
  bool controller = false;  // the broker shown as hosting the controller (lowest live id)
  bool paused = false;      // alive but answering nothing (Cluster::pauseBroker)
  bool fenced = false;      // paused past the session timeout: the controller moved its leaders
  bool draining = false;    // being removed (Cluster::removeBroker): its replicas are moving away
  int drainReplicasToMove = 0;
  int drainReplicasMoved = 0;
  int leaderCount = 0;
  int replicaCount = 0;
  double bytesInPerSec = 0;
  double bytesOutPerSec = 0;
  std::uint64_t bytesIn = 0;
  std::uint64_t bytesOut = 0;
};

struct PartitionSnapshot {
  std::string topic;
  std::int32_t partition = 0;
  std::int32_t leader = -1;
  std::int32_t leaderEpoch = 0;
  std::vector<std::int32_t> replicas;
  std::vector<std::int32_t> isr;
  std::vector<std::int32_t> offlineReplicas;   // replicas on dead brokers
  std::vector<std::int32_t> addingReplicas;    // a reassignment in progress: catching up
  std::vector<std::int32_t> removingReplicas;  // ... and leaving once it completes
  std::int64_t logStartOffset = 0;
  std::int64_t highWatermark = 0;
  std::int64_t logEndOffset = 0;
  std::uint64_t sizeBytes = 0;
  std::vector<std::int64_t> segmentBaseOffsets;  // oldest first, from the same replica
};

struct TopicSnapshot {
  std::string name;
  std::string id;
  std::int32_t partitions = 0;
  std::int16_t replicationFactor = 0;
  bool internal = false;
  std::map<std::string, std::string> configs;  // overrides only
};

// Filled by the group coordinator once it is attached (see ClusterService).
struct GroupSnapshot {
  std::string groupId;
  std::string state;
  std::int32_t coordinator = -1;
  int members = 0;
};

struct ClusterSnapshot {
  std::string clusterId;
  std::int64_t takenAtMs = 0;
  std::int32_t controllerId = -1;
  std::vector<BrokerSnapshot> brokers;
  std::vector<TopicSnapshot> topics;
  std::vector<PartitionSnapshot> partitions;
  std::vector<GroupSnapshot> groups;
  std::vector<LinkFault> faults;
};

}  // namespace runnel::cluster
