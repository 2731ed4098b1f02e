// Consumer: reads records from a cluster, Kafka's way — either assigned partitions, or a
// subscription shared by a consumer group (the coordinator assigns partitions and rebalances as
// members come and go). Each consumer holds a position per partition; commits store it for the
// group. Implemented in process and with librdkafka (remote clusters).
// Thread-safety: like Kafka's consumer, a Consumer is used by one thread at a time (the one
// calling poll()); only wakeup() may be called from another thread. Rebalance callbacks run
// inside poll() on the polling thread.
// Lifetime: destroying a consumer closes it (leaving its group, committing if auto-commit is on).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/client_records.h"
#include "engine/common/result.h"

namespace runnel::client {

struct OffsetAndMetadata {
  std::int64_t offset = 0;
  std::string metadata;
  std::int32_t leaderEpoch = -1;

  friend bool operator==(const OffsetAndMetadata&, const OffsetAndMetadata&) = default;
};

using OffsetMap = std::map<TopicPartition, OffsetAndMetadata>;

// Told about assignment changes, from inside poll().
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  virtual void onPartitionsRevoked(const std::vector<TopicPartition>& partitions) {
    (void)partitions;
  }
  virtual void onPartitionsAssigned(const std::vector<TopicPartition>& partitions) {
    (void)partitions;
  }
  // Partitions taken away without a chance to commit (the member was expelled).
  virtual void onPartitionsLost(const std::vector<TopicPartition>& partitions) {
    onPartitionsRevoked(partitions);
  }
};

// What a consumer group member looks like from the inside, for the studio's marker labels.
struct ConsumerGroupMetadata {
  std::string groupId;
  std::int32_t generationId = -1;
  std::string memberId;
  std::optional<std::string> groupInstanceId;
};

class Consumer {
 public:
  virtual ~Consumer() = default;

  // Joins the group (group.id must be set) for these topics; replaces any earlier subscription.
  virtual Status subscribe(const std::vector<std::string>& topics,
                           RebalanceListener* listener = nullptr) = 0;
  // Reads exactly these partitions, outside any group membership.
  virtual Status assign(const std::vector<TopicPartition>& partitions) = 0;
  virtual Status unsubscribe() = 0;
  virtual std::vector<TopicPartition> assignment() const = 0;
  virtual std::vector<std::string> subscription() const = 0;

  // Returns records available now, or waits up to `timeout` for some. Drives the group
  // protocol (joins, heartbeats, rebalance callbacks) and auto-commit. An empty result is not an
  // error. Aborted after wakeup().
  virtual Result<std::vector<ConsumerRecord>> poll(std::chrono::milliseconds timeout) = 0;

  virtual Status seek(const TopicPartition& partition, std::int64_t offset) = 0;
  virtual Status seekToBeginning(const std::vector<TopicPartition>& partitions) = 0;
  virtual Status seekToEnd(const std::vector<TopicPartition>& partitions) = 0;
  // For each partition, the earliest offset whose timestamp is >= the given one (nullopt: none).
  virtual Result<std::map<TopicPartition, std::optional<std::int64_t>>> offsetsForTimes(
      const std::map<TopicPartition, std::int64_t>& timestamps,
      std::chrono::milliseconds timeout) = 0;
  // The offset of the next record poll() will return for the partition.
  virtual Result<std::int64_t> position(const TopicPartition& partition) = 0;
  // Log start and end offsets (end = high watermark) for lag.
  virtual Result<std::pair<std::int64_t, std::int64_t>> watermarks(
      const TopicPartition& partition, std::chrono::milliseconds timeout) = 0;

  // Commits the given offsets, or the current positions of every assigned partition.
  virtual Status commitSync(const std::optional<OffsetMap>& offsets = std::nullopt,
                            std::chrono::milliseconds timeout = std::chrono::seconds(30)) = 0;
  virtual Result<OffsetMap> committed(
      const std::vector<TopicPartition>& partitions,
      std::chrono::milliseconds timeout = std::chrono::seconds(30)) = 0;

  virtual Status pause(const std::vector<TopicPartition>& partitions) = 0;
  virtual Status resume(const std::vector<TopicPartition>& partitions) = 0;

  virtual ConsumerGroupMetadata groupMetadata() const = 0;
  // Makes a poll() in progress (or the next one) return Aborted promptly. Any thread.
  virtual void wakeup() = 0;
  // Commits (when auto-commit is on), leaves the group and stops.
  virtual Status close() = 0;
};

}  // namespace runnel::client
