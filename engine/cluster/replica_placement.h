// ReplicaPlacement: decides which brokers hold the replicas of new partitions, the way Kafka
// does without racks: partition p's first replica (its preferred leader) is broker
// (startIndex + p) mod n, and the others follow at a shift that grows every n partitions, so
// leaders and followers both spread evenly over the brokers.
// Pure functions over plain values; thread-safe.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "engine/cluster/api_error.h"

namespace runnel::cluster {

struct PlacementRequest {
  std::vector<std::int32_t> brokers;  // candidate broker ids (sorted by the function)
  std::int32_t partitions = 1;        // how many partitions to place
  std::int32_t replicationFactor = 1;
  std::int32_t firstPartitionId = 0;  // > 0 when adding partitions to an existing topic
  // Kafka draws both at random; tests fix them. -1 = draw from `rng`.
  std::int32_t startIndex = -1;
  std::int32_t replicaShift = -1;
};

using Assignment = std::vector<std::vector<std::int32_t>>;  // [partition] -> replicas, leader first

// Replicas for partitions firstPartitionId .. firstPartitionId + partitions - 1. Fails with
// INVALID_REPLICATION_FACTOR when there are fewer brokers than replicas (or none at all) and
// INVALID_PARTITIONS when `partitions` < 1.
ApiResult<Assignment> placeReplicas(const PlacementRequest& request, std::mt19937& rng);

// Checks a caller-supplied assignment (CreateTopics with explicit replicas): every partition
// has `replicationFactor` distinct known brokers. INVALID_REPLICA_ASSIGNMENT otherwise.
ApiError validateAssignment(const Assignment& assignment,
                            const std::vector<std::int32_t>& knownBrokers);

}  // namespace runnel::cluster
