// Admin: manages a cluster the way Kafka's AdminClient does — topics, partitions, configs,
// offsets, consumer groups, leader elections. The studio's panels, the SQL engine (SHOW TOPICS,
// CREATE STREAM ... PARTITIONS=...) and runnel-sql use it on the embedded and remote clusters.
// Calls block until the cluster answers or `timeout` passes (callers off the GUI thread).
// Thread-safety: every method may be called from any thread. Owned by its ClusterClient.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "engine/client/admin_types.h"
#include "engine/common/result.h"

namespace runnel::client {

using Timeout = std::chrono::milliseconds;
inline constexpr Timeout kDefaultAdminTimeout = std::chrono::seconds(30);

class Admin {
 public:
  virtual ~Admin() = default;

  virtual Result<ClusterDescription> describeCluster(Timeout timeout = kDefaultAdminTimeout) = 0;

  virtual Status createTopic(const NewTopic& topic, Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Status deleteTopic(const std::string& name, Timeout timeout = kDefaultAdminTimeout) = 0;
  // Raises the topic's partition count to `totalCount`.
  virtual Status createPartitions(const std::string& topic, std::int32_t totalCount,
                                  Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Result<std::vector<std::string>> listTopics(bool includeInternal = false,
                                                      Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Result<std::vector<TopicDescription>> describeTopics(
      const std::vector<std::string>& names, Timeout timeout = kDefaultAdminTimeout) = 0;

  virtual Result<std::vector<ConfigEntry>> describeTopicConfigs(
      const std::string& topic, Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Status alterTopicConfigs(const std::string& topic,
                                   const std::vector<AlterConfig>& changes,
                                   Timeout timeout = kDefaultAdminTimeout) = 0;

  virtual Result<std::map<TopicPartition, ListedOffset>> listOffsets(
      const std::map<TopicPartition, OffsetSpec>& specs,
      Timeout timeout = kDefaultAdminTimeout) = 0;
  // Advances the log start of each partition to the given offset.
  virtual Status deleteRecords(const std::map<TopicPartition, std::int64_t>& before,
                               Timeout timeout = kDefaultAdminTimeout) = 0;

  virtual Result<std::vector<GroupListing>> listConsumerGroups(
      Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Result<std::vector<GroupDescription>> describeConsumerGroups(
      const std::vector<std::string>& groupIds, Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Result<OffsetMap> listConsumerGroupOffsets(const std::string& groupId,
                                                     Timeout timeout = kDefaultAdminTimeout) = 0;
  // Sets a group's committed offsets; the group must have no active members.
  virtual Status alterConsumerGroupOffsets(const std::string& groupId, const OffsetMap& offsets,
                                           Timeout timeout = kDefaultAdminTimeout) = 0;
  virtual Status deleteConsumerGroup(const std::string& groupId,
                                     Timeout timeout = kDefaultAdminTimeout) = 0;

  // Moves leadership of the partitions (all of them when empty) back to their preferred replica.
  virtual Status electPreferredLeaders(const std::vector<TopicPartition>& partitions,
                                       Timeout timeout = kDefaultAdminTimeout) = 0;
  // Starts moving the partition's replicas to `replicas` (preferred leader first), replacing a
  // reassignment in progress. Returns once the cluster accepted it; the new replicas then catch
  // up and the removed ones leave (listPartitionReassignments shows the progress).
  virtual Status reassignPartition(const TopicPartition& partition,
                                   const std::vector<std::int32_t>& replicas,
                                   Timeout timeout = kDefaultAdminTimeout) = 0;
  // Goes back to the replicas from before the reassignment in progress (NotFound when there is
  // none). Backends that cannot ask for it answer NotSupported.
  virtual Status cancelPartitionReassignment(const TopicPartition& partition,
                                             Timeout timeout = kDefaultAdminTimeout) {
    (void)timeout;
    return Status::notSupported("cancelling the reassignment of " + partition.toString() +
                                " is not supported by this cluster backend");
  }
  // The reassignments in progress among `partitions` (all when empty).
  virtual Result<std::vector<PartitionReassignment>> listPartitionReassignments(
      const std::vector<TopicPartition>& partitions = {}, Timeout timeout = kDefaultAdminTimeout) {
    (void)partitions;
    (void)timeout;
    return Status::notSupported(
        "listing partition reassignments is not supported by this cluster backend");
  }
};

}  // namespace runnel::client
