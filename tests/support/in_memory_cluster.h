// InMemoryCluster: a deterministic ClusterClient test double — topics with partitions held in
// memory, a Producer that appends synchronously (Kafka's murmur2 partitioner for keyed records,
// round robin for null keys), a Consumer with assign() and a simple group subscribe() (members of
// a group share the subscribed partitions round robin; every membership change reassigns), and an
// Admin with the topic and offset basics. Engine code written against client/ runs on it
// unchanged, so SQL tests need no brokers, no sockets and no sleeps.
// Thread-safety: every method may be called from any thread (one mutex guards all state); a
// Consumer is used by one thread at a time, as the interface says.
// Lifetime: producers and consumers must be destroyed before the cluster.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/client/cluster_observer.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"

namespace runnel::testing {

// Kafka's murmur2 (the Java client's default partitioner hash).
std::int32_t kafkaMurmur2(ByteView data);

class InMemoryCluster final : public client::ClusterClient {
 public:
  // `defaultPartitions` is used when a NewTopic asks for -1 partitions.
  explicit InMemoryCluster(Clock* clock = Clock::system(), std::int32_t defaultPartitions = 1);
  ~InMemoryCluster() override;

  std::string displayName() const override { return "In-memory test cluster"; }
  client::ClusterCapabilities capabilities() const override { return {}; }
  std::string bootstrapServers() const override { return "in-memory:0"; }
  Result<std::unique_ptr<client::Producer>> createProducer(
      const client::ProducerConfig& config) override;
  Result<std::unique_ptr<client::Consumer>> createConsumer(
      const client::ConsumerConfig& config) override;
  client::Admin& admin() override;
  // A view of topics and partitions (no brokers' rates, no change history).
  client::ClusterObserver& observer() override;
  client::EmbeddedControl* embeddedControl() override { return nullptr; }

  // Test helpers.
  Status createTopic(const std::string& name, std::int32_t partitions);
  bool hasTopic(const std::string& name) const;
  // Appends one record directly (no producer); returns its offset.
  Result<std::int64_t> append(const std::string& topic, std::int32_t partition,
                              std::optional<Bytes> key, std::optional<Bytes> value,
                              std::int64_t timestampMs);
  // Every record of a topic: partition by partition, in offset order.
  std::vector<client::ConsumerRecord> records(const std::string& topic) const;
  std::int32_t partitionCount(const std::string& topic) const;

  Clock& clock() const { return *clock_; }

 private:
  friend class InMemoryProducer;
  friend class InMemoryConsumer;
  friend class InMemoryAdmin;
  friend class InMemoryObserver;

  struct Partition {
    std::vector<client::ConsumerRecord> records;  // records[i].offset == logStart + i
    std::int64_t logStart = 0;
    std::int64_t endOffset() const { return logStart + static_cast<std::int64_t>(records.size()); }
  };
  struct Topic {
    std::vector<Partition> partitions;
    std::map<std::string, std::string> configs;
    std::int32_t nextRoundRobin = 0;
  };
  struct Group {
    std::int32_t generation = 0;
    std::map<std::string, std::vector<std::string>> members;  // member id -> subscribed topics
    client::OffsetMap committed;
  };

  Result<client::RecordMetadata> produceLocked(client::ProducerRecord record) REQUIRES(mu_);
  Status createTopicLocked(const std::string& name, std::int32_t partitions) REQUIRES(mu_);
  // The partitions of `members[memberId]` under the current membership.
  std::vector<client::TopicPartition> groupAssignmentLocked(const Group& group,
                                                            const std::string& memberId) const
      REQUIRES(mu_);

  Clock* const clock_;
  const std::int32_t defaultPartitions_;
  std::unique_ptr<client::Admin> admin_;
  std::unique_ptr<client::ClusterObserver> observer_;
  mutable Mutex mu_;
  CondVar appended_;  // signalled on every append, group change and wakeup
  std::map<std::string, Topic> topics_ GUARDED_BY(mu_);
  std::map<std::string, Group> groups_ GUARDED_BY(mu_);
  std::int64_t nextMemberId_ GUARDED_BY(mu_) = 1;
  std::int64_t topicVersion_ GUARDED_BY(mu_) = 0;  // bumps when topics come or go
};

}  // namespace runnel::testing
