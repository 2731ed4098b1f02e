// RemoteAdmin: the Admin interface over librdkafka's Admin API and Metadata — topics, partitions,
// configs (AlterConfigs applied as a read-modify-write, since librdkafka 2.0 has no incremental
// variant), offsets (ListOffsets through offsets_for_times), consumer groups and their offsets.
// What librdkafka 2.0 cannot ask for (preferred-leader election, reassignment) is NotSupported
// with a message saying so. Topics whose names start with "__" (Kafka's) or "_runnel" (the SQL
// engine's command log) count as internal.
// Thread-safety: every method may be called from any thread. Owned by its RemoteClusterClient.
#pragma once

#include <functional>
#include <memory>

#include "engine/client/admin.h"
#include "engine/remote/kafka_handle.h"

namespace runnel::remote {

class RemoteAdmin final : public client::Admin {
 public:
  using Timeout = client::Timeout;
  explicit RemoteAdmin(KafkaHandle& handle) : handle_(handle) {}

  Result<client::ClusterDescription> describeCluster(Timeout timeout) override;
  Status createTopic(const client::NewTopic& topic, Timeout timeout) override;
  Status deleteTopic(const std::string& name, Timeout timeout) override;
  Status createPartitions(const std::string& topic, std::int32_t totalCount,
                          Timeout timeout) override;
  Result<std::vector<std::string>> listTopics(bool includeInternal, Timeout timeout) override;
  Result<std::vector<client::TopicDescription>> describeTopics(
      const std::vector<std::string>& names, Timeout timeout) override;
  Result<std::vector<client::ConfigEntry>> describeTopicConfigs(const std::string& topic,
                                                                Timeout timeout) override;
  Status alterTopicConfigs(const std::string& topic,
                           const std::vector<client::AlterConfig>& changes,
                           Timeout timeout) override;
  Result<std::map<client::TopicPartition, client::ListedOffset>> listOffsets(
      const std::map<client::TopicPartition, client::OffsetSpec>& specs, Timeout timeout) override;
  Status deleteRecords(const std::map<client::TopicPartition, std::int64_t>& before,
                       Timeout timeout) override;
  Result<std::vector<client::GroupListing>> listConsumerGroups(Timeout timeout) override;
  Result<std::vector<client::GroupDescription>> describeConsumerGroups(
      const std::vector<std::string>& groupIds, Timeout timeout) override;
  Result<client::OffsetMap> listConsumerGroupOffsets(const std::string& groupId,
                                                     Timeout timeout) override;
  Status alterConsumerGroupOffsets(const std::string& groupId, const client::OffsetMap& offsets,
                                   Timeout timeout) override;
  Status deleteConsumerGroup(const std::string& groupId, Timeout timeout) override;
  Status electPreferredLeaders(const std::vector<client::TopicPartition>& partitions,
                               Timeout timeout) override;
  Status reassignPartition(const client::TopicPartition& partition,
                           const std::vector<std::int32_t>& replicas, Timeout timeout) override;
  Status cancelPartitionReassignment(const client::TopicPartition& partition,
                                     Timeout timeout) override;
  Result<std::vector<client::PartitionReassignment>> listPartitionReassignments(
      const std::vector<client::TopicPartition>& partitions, Timeout timeout) override;

  // Every topic with its partitions (one Metadata request), internal ones included.
  Result<std::vector<client::TopicDescription>> describeAllTopics(Timeout timeout);
  static bool isInternalTopic(const std::string& name);

 private:
  // Issues one Admin API request (`start` gets the options and the reply queue) and waits for
  // its result event; a request-level error becomes a Status about `what`.
  Result<EventPtr> run(
      const std::string& what, Timeout timeout, bool operationTimeout,
      const std::function<void(rd_kafka_AdminOptions_t*, rd_kafka_queue_t*)>& start);

  KafkaHandle& handle_;
};

}  // namespace runnel::remote
