// EmbeddedConsumer: the in-process Consumer over the embedded Cluster. Fetches go straight to
// each partition's current leader (Broker::fetch, long-polling up to fetch.max.wait.ms, one
// request per leader at a time); a leader change (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH)
// is followed on the next round, OFFSET_OUT_OF_RANGE and missing committed offsets apply
// auto.offset.reset. Records a fetch returns beyond max.poll.records stay in a per-partition
// buffer, handed out by the next polls round-robin over the partitions holding some, as Kafka's
// consumer does; a partition is fetched again only once its buffer is drained, and seek, pause,
// an offset reset, revocation and close discard its buffer. Group membership (subscribe) runs
// through a GroupMember against the cluster's GroupCoordinator, inside poll(), which also calls
// the rebalance listener, heartbeats and auto-commits.
// Thread-safety: as the Consumer interface — one polling thread; wakeup() from any thread.
// Lifetime: borrows the Cluster and the GroupService, which must outlive it; destruction closes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/client/client_config.h"
#include "engine/client/consumer.h"
#include "engine/client/embedded/group_member.h"
#include "engine/client/embedded/group_service.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded {

class EmbeddedConsumer final : public Consumer {
 public:
  // What the fetches cost so far: lets tests and benches see that no record is fetched twice.
  struct FetchStats {
    std::uint64_t partitionFetches = 0;  // partitions asked for, over all fetch requests
    std::uint64_t bytesFetched = 0;      // record bytes the leaders returned
    std::uint64_t recordsDecoded = 0;    // records decoded from those bytes
  };

  // `groups` may be null when the consumer never joins a group (no group.id).
  static Result<std::unique_ptr<EmbeddedConsumer>> create(cluster::Cluster& cluster,
                                                          GroupService* groups,
                                                          ConsumerConfig config);
  ~EmbeddedConsumer() override;

  Status subscribe(const std::vector<std::string>& topics, RebalanceListener* listener) override;
  Status assign(const std::vector<TopicPartition>& partitions) override;
  Status unsubscribe() override;
  std::vector<TopicPartition> assignment() const override;
  std::vector<std::string> subscription() const override;

  Result<std::vector<ConsumerRecord>> poll(std::chrono::milliseconds timeout) override;

  Status seek(const TopicPartition& partition, std::int64_t offset) override;
  Status seekToBeginning(const std::vector<TopicPartition>& partitions) override;
  Status seekToEnd(const std::vector<TopicPartition>& partitions) override;
  Result<std::map<TopicPartition, std::optional<std::int64_t>>> offsetsForTimes(
      const std::map<TopicPartition, std::int64_t>& timestamps,
      std::chrono::milliseconds timeout) override;
  Result<std::int64_t> position(const TopicPartition& partition) override;
  Result<std::pair<std::int64_t, std::int64_t>> watermarks(
      const TopicPartition& partition, std::chrono::milliseconds timeout) override;

  Status commitSync(const std::optional<OffsetMap>& offsets,
                    std::chrono::milliseconds timeout) override;
  Result<OffsetMap> committed(const std::vector<TopicPartition>& partitions,
                              std::chrono::milliseconds timeout) override;

  Status pause(const std::vector<TopicPartition>& partitions) override;
  Status resume(const std::vector<TopicPartition>& partitions) override;

  ConsumerGroupMetadata groupMetadata() const override;
  void wakeup() override;
  Status close() override;

  FetchStats fetchStats() const { return stats_; }

 private:
  struct PartitionState {
    std::optional<std::int64_t> position;  // unset: look up committed offset / reset policy
    bool paused = false;
    std::int32_t leaderEpoch = -1;
    // Fetched records not yet returned, from buffered[next] on; all at or after `position`.
    std::vector<ConsumerRecord> buffered;
    std::size_t next = 0;
    // Where the fetch that filled `buffered` ended (past trailing control batches).
    std::int64_t bufferedEnd = 0;
    bool hasBuffered() const { return next < buffered.size(); }
    void dropBuffer() {
      buffered.clear();
      next = 0;
    }
  };

  EmbeddedConsumer(cluster::Cluster& cluster, GroupService* groups, ConsumerConfig config);
  Status driveGroup();
  void applyChange(const AssignmentChange& change);
  Status resolvePositions();
  // ListOffsets at the partition's leader: -1 latest, -2 earliest, or a timestamp.
  Result<cluster::ListOffsetsPartitionResult> listOffset(const TopicPartition& tp,
                                                         std::int64_t timestamp,
                                                         std::chrono::milliseconds timeout);
  Status resetPosition(const TopicPartition& tp, PartitionState& state);
  // One round of fetches to every leader for the partitions with nothing buffered, waiting up to
  // `waitMs` for data; the records go to the partitions' buffers.
  Status fetchOnce(std::int32_t waitMs);
  // Moves buffered records to `out` up to max.poll.records, starting after the partition served
  // last so that one busy partition does not starve the others.
  void takeBuffered(std::vector<ConsumerRecord>& out);
  bool anyBuffered() const;
  bool needsFetch() const;
  Status maybeAutoCommit(bool force);
  OffsetMap currentPositions() const;

  cluster::Cluster& cluster_;
  GroupService* groups_;
  const ConsumerConfig config_;
  std::unique_ptr<GroupMember> member_;
  RebalanceListener* listener_ = nullptr;
  bool subscribed_ = false;
  std::map<TopicPartition, PartitionState> parts_;
  std::atomic<bool> wakeup_{false};
  bool closed_ = false;
  std::chrono::steady_clock::time_point nextAutoCommit_;
  std::optional<TopicPartition> lastServed_;
  FetchStats stats_;
};

}  // namespace runnel::client::embedded
