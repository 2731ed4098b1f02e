#include "engine/cluster/replica_placement.h"

#include <algorithm>
#include <set>
#include <string>

namespace runnel::cluster {
ApiResult<Assignment> placeReplicas(const PlacementRequest& request, std::mt19937& rng) {
  std::vector<std::int32_t> brokers = request.brokers;
  std::sort(brokers.begin(), brokers.end());
  brokers.erase(std::unique(brokers.begin(), brokers.end()), brokers.end());
  const auto n = static_cast<std::int32_t>(brokers.size());
  if (request.partitions < 1) {
    return ApiError{ErrorCode::kInvalidPartitions, "the number of partitions must be at least 1"};
  }
  if (request.replicationFactor < 1) {
    return ApiError{ErrorCode::kInvalidReplicationFactor,
                    "the replication factor must be at least 1"};
  }
  if (request.replicationFactor > n) {
    return ApiError{ErrorCode::kInvalidReplicationFactor,
                    "replication factor " + std::to_string(request.replicationFactor) +
                        " is larger than the " + std::to_string(n) + " available broker" +
                        (n == 1 ? "" : "s")};
  }
  std::uniform_int_distribution<std::int32_t> pick(0, n - 1);
  const std::int32_t start = request.startIndex >= 0 ? request.startIndex % n : pick(rng);
  std::int32_t shift = request.replicaShift >= 0 ? request.replicaShift : pick(rng);

  Assignment out;
  out.reserve(static_cast<std::size_t>(request.partitions));
  std::int32_t partitionId = std::max(0, request.firstPartitionId);
  for (std::int32_t i = 0; i < request.partitions; ++i, ++partitionId) {
    // Every n partitions the followers move one step further from their leader, so the pairs
    // (leader, follower) do not repeat and a broker's death spreads its load evenly.
    if (partitionId > 0 && partitionId % n == 0) ++shift;
    const std::int32_t first = (partitionId + start) % n;
    std::vector<std::int32_t> replicas{brokers[static_cast<std::size_t>(first)]};
    for (std::int32_t j = 0; j < request.replicationFactor - 1; ++j) {
      const std::int32_t step = 1 + (shift + j) % (n - 1);
      replicas.push_back(brokers[static_cast<std::size_t>((first + step) % n)]);
    }
    out.push_back(std::move(replicas));
  }
  return out;
}

ApiError validateAssignment(const Assignment& assignment,
                            const std::vector<std::int32_t>& knownBrokers) {
  const std::set<std::int32_t> known(knownBrokers.begin(), knownBrokers.end());
  if (assignment.empty())
    return {ErrorCode::kInvalidReplicaAssignment, "the assignment lists no partitions"};
  const std::size_t rf = assignment.front().size();
  for (std::size_t p = 0; p < assignment.size(); ++p) {
    const auto& replicas = assignment[p];
    const std::string where = "partition " + std::to_string(p);
    if (replicas.empty()) return {ErrorCode::kInvalidReplicaAssignment, where + " has no replicas"};
    if (replicas.size() != rf) {
      return {ErrorCode::kInvalidReplicaAssignment,
              where + " has " + std::to_string(replicas.size()) + " replicas but partition 0 has " +
                  std::to_string(rf)};
    }
    std::set<std::int32_t> seen;
    for (std::int32_t b : replicas) {
      if (!known.count(b))
        return {ErrorCode::kInvalidReplicaAssignment,
                where + " names unknown broker " + std::to_string(b)};
      if (!seen.insert(b).second) {
        return {ErrorCode::kInvalidReplicaAssignment,
                where + " lists broker " + std::to_string(b) + " twice"};
      }
    }
  }
  return {};
}

}  // namespace runnel::cluster
