// EmbeddedAdmin: the Admin API over the embedded cluster — topics, partitions and configs through
// the Controller, offsets through the partitions' leaders (ListOffsets, DeleteRecords), consumer
// groups through the cluster's GroupCoordinator, preferred-leader elections. Answers come back
// in process, so the timeouts bound only the waits on brokers.
// Thread-safety: every method may be called from any thread. Borrows the Cluster and the
// GroupService, which must outlive it.
#pragma once

#include "engine/client/admin.h"
#include "engine/client/embedded/group_service.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded {

class EmbeddedAdmin final : public Admin {
 public:
  EmbeddedAdmin(cluster::Cluster& cluster, GroupService& groups)
      : cluster_(cluster), groups_(groups) {}

  Result<ClusterDescription> describeCluster(Timeout timeout) override;
  Status createTopic(const NewTopic& topic, Timeout timeout) override;
  Status deleteTopic(const std::string& name, Timeout timeout) override;
  Status createPartitions(const std::string& topic, std::int32_t totalCount,
                          Timeout timeout) override;
  Result<std::vector<std::string>> listTopics(bool includeInternal, Timeout timeout) override;
  Result<std::vector<TopicDescription>> describeTopics(const std::vector<std::string>& names,
                                                       Timeout timeout) override;
  Result<std::vector<ConfigEntry>> describeTopicConfigs(const std::string& topic,
                                                        Timeout timeout) override;
  Status alterTopicConfigs(const std::string& topic, const std::vector<AlterConfig>& changes,
                           Timeout timeout) override;
  Result<std::map<TopicPartition, ListedOffset>> listOffsets(
      const std::map<TopicPartition, OffsetSpec>& specs, Timeout timeout) override;
  Status deleteRecords(const std::map<TopicPartition, std::int64_t>& before,
                       Timeout timeout) override;
  Result<std::vector<GroupListing>> listConsumerGroups(Timeout timeout) override;
  Result<std::vector<GroupDescription>> describeConsumerGroups(
      const std::vector<std::string>& groupIds, Timeout timeout) override;
  Result<OffsetMap> listConsumerGroupOffsets(const std::string& groupId, Timeout timeout) override;
  Status alterConsumerGroupOffsets(const std::string& groupId, const OffsetMap& offsets,
                                   Timeout timeout) override;
  Status deleteConsumerGroup(const std::string& groupId, Timeout timeout) override;
  Status electPreferredLeaders(const std::vector<TopicPartition>& partitions,
                               Timeout timeout) override;
  Status reassignPartition(const TopicPartition& partition,
                           const std::vector<std::int32_t>& replicas, Timeout timeout) override;
  Status cancelPartitionReassignment(const TopicPartition& partition, Timeout timeout) override;
  Result<std::vector<PartitionReassignment>> listPartitionReassignments(
      const std::vector<TopicPartition>& partitions, Timeout timeout) override;

 private:
  cluster::Cluster& cluster_;
  GroupService& groups_;
};

// Decodes a consumer member's assignment bytes (empty when they are not a consumer's).
std::vector<TopicPartition> decodeMemberAssignment(const Bytes& bytes);

}  // namespace runnel::client::embedded
