// RemoteConsumer: the Consumer interface over librdkafka's high-level consumer — assigned
// partitions or a consumer-group subscription (rebalance callbacks run inside poll(), eager or
// cooperative per partition.assignment.strategy). It keeps its own position per partition so
// position(), seek() and commitSync() behave like the Java client's even though librdkafka
// applies seeks asynchronously: seeks are applied (by re-assigning at the sought offsets) on
// the next poll(). Records fetched before a pause took effect are held back until resume().
// Transient broker errors are logged and polling goes on: librdkafka reconnects by itself, so the
// consumer survives a broker outage. Thread-safety: one polling thread at a time, as the interface
// says; wakeup() from any thread. Lifetime: must be destroyed before its RemoteClusterClient.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/client/client_config.h"
#include "engine/client/consumer.h"
#include "engine/remote/kafka_handle.h"

namespace runnel::remote {

class RemoteConsumer final : public client::Consumer {
 public:
  static Result<std::unique_ptr<RemoteConsumer>> create(const RemoteConfig& cluster,
                                                        const client::ConsumerConfig& config,
                                                        std::shared_ptr<ConnectionHealth> health);
  ~RemoteConsumer() override;

  Status subscribe(const std::vector<std::string>& topics,
                   client::RebalanceListener* listener = nullptr) override;
  Status assign(const std::vector<client::TopicPartition>& partitions) override;
  Status unsubscribe() override;
  std::vector<client::TopicPartition> assignment() const override { return assignment_; }
  std::vector<std::string> subscription() const override { return subscription_; }

  Result<std::vector<client::ConsumerRecord>> poll(std::chrono::milliseconds timeout) override;

  Status seek(const client::TopicPartition& partition, std::int64_t offset) override;
  Status seekToBeginning(const std::vector<client::TopicPartition>& partitions) override;
  Status seekToEnd(const std::vector<client::TopicPartition>& partitions) override;
  Result<std::map<client::TopicPartition, std::optional<std::int64_t>>> offsetsForTimes(
      const std::map<client::TopicPartition, std::int64_t>& timestamps,
      std::chrono::milliseconds timeout) override;
  Result<std::int64_t> position(const client::TopicPartition& partition) override;
  Result<std::pair<std::int64_t, std::int64_t>> watermarks(
      const client::TopicPartition& partition, std::chrono::milliseconds timeout) override;

  Status commitSync(const std::optional<client::OffsetMap>& offsets = std::nullopt,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30)) override;
  Result<client::OffsetMap> committed(
      const std::vector<client::TopicPartition>& partitions,
      std::chrono::milliseconds timeout = std::chrono::seconds(30)) override;

  Status pause(const std::vector<client::TopicPartition>& partitions) override;
  Status resume(const std::vector<client::TopicPartition>& partitions) override;

  client::ConsumerGroupMetadata groupMetadata() const override;
  void wakeup() override { wakeup_.store(true); }
  Status close() override;

  // Called by librdkafka's rebalance callback (inside poll()).
  void rebalanced(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);

 private:
  enum class Mode : std::uint8_t { kNone, kAssigned, kSubscribed };
  RemoteConsumer() = default;

  bool isAssigned(const client::TopicPartition& tp) const;
  // Hands librdkafka the whole assignment, each partition at its known position (or the reset
  // policy / committed offset when unknown), and re-applies pauses.
  Status applyAssignment();
  Status applyPendingSeeks();
  Status checkOpen() const;

  std::unique_ptr<KafkaHandle> handle_;
  client::ConsumerConfig config_;
  bool groupless_ = false;  // no group.id: librdkafka gets a private one, never committed to
  bool closed_ = false;
  Mode mode_ = Mode::kNone;
  client::RebalanceListener* listener_ = nullptr;
  std::vector<std::string> subscription_;
  std::vector<client::TopicPartition> assignment_;
  std::map<client::TopicPartition, std::int64_t> positions_;     // next offset poll() returns
  std::map<client::TopicPartition, std::int64_t> pendingSeeks_;  // subscribed mode
  std::set<client::TopicPartition> paused_;
  // Records librdkafka had already fetched when their partition was paused: returned, in
  // order, after resume() (no seek, so no refetch), dropped by a seek or a revocation.
  std::map<client::TopicPartition, std::deque<client::ConsumerRecord>> held_;
  bool dirty_ = false;  // assigned mode: re-assign before polling
  std::atomic<bool> wakeup_{false};
};

}  // namespace runnel::remote
