// PartitionReplica: one broker's copy of one partition — its PartitionLog plus the replication
// state Kafka keeps in Partition.scala. As leader it appends produced batches (idempotence checks
// through its ProducerStateTable), tracks every follower's log end offset and last caught-up time,
// moves the high watermark (min log end over the ISR, never backwards), holds acks=all waiters
// and long-poll fetch waiters, and proposes ISR changes to the controller. As follower it appends
// what its fetcher brings, truncates a divergent tail (KIP-101), and follows the leader's high
// watermark and log start.
//
// Threads: called by client threads (produce, fetch), other brokers' fetcher threads (follower
// fetches), its broker's fetcher thread (follower appends), the broker's timer (housekeeping)
// and the controller (applyState). mu_ guards the replication state; the log is internally
// synchronised and its readers never block. Methods never run callbacks under mu_: they return
// Completions for the caller to run after releasing its own locks.
// Ownership: shared (shared_ptr) by the broker's replica map, the fetcher and pending delayed
// operations; the PartitionLog lives as long as the replica.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/broker_requests.h"
#include "engine/cluster/controller_channel.h"
#include "engine/cluster/delayed_operations.h"
#include "engine/cluster/producer_state_table.h"
#include "engine/cluster/topic_partition.h"
#include "engine/common/clock.h"
#include "engine/common/env.h"
#include "engine/common/thread_annotations.h"
#include "engine/log/partition_log.h"

namespace runnel::cluster {

enum class ReplicaRole { kNone, kLeader, kFollower };

// What a replica needs from its broker.
class ReplicaHost {
 public:
  virtual ~ReplicaHost() = default;
  virtual std::int32_t brokerId() const = 0;
  virtual std::int64_t replicaLagTimeMaxMs() const = 0;
  // Forwards an ISR change to the controller; called without the replica's lock.
  virtual void requestIsrChange(std::shared_ptr<class PartitionReplica> replica,
                                AlterPartitionRequest request) = 0;
  virtual void onLogTruncated(const TopicPartition& tp, std::int64_t fromOffset,
                              std::int64_t toOffset) = 0;
};

// What applyState() asks of the broker's fetcher.
enum class FetchAction { kNothing, kFollow, kStopFollowing };

struct AppendOutcome {
  ApiError error;
  std::int64_t baseOffset = -1;
  std::int64_t lastOffset = -1;
  std::int64_t logAppendTimeMs = -1;
  std::int64_t logStartOffset = -1;
  std::uint64_t bytes = 0;
};

// Where a follower's next fetch starts, and with which epochs.
struct FollowerPosition {
  std::int32_t leaderId = -1;
  std::int32_t leaderEpoch = -1;
  std::int64_t fetchOffset = 0;
  std::int32_t lastFetchedEpoch = kNoEpoch;
  std::int64_t logStartOffset = 0;
};

struct FollowerApplyOutcome {
  ApiError error;  // a problem worth a backoff (e.g. NOT_LEADER, storage error)
  std::uint64_t bytesAppended = 0;
  bool truncated = false;  // fetch again at once from the new log end
};

struct ReplicaInfo {
  TopicPartition tp;
  ReplicaRole role = ReplicaRole::kNone;
  std::int32_t leaderId = -1;
  std::int32_t leaderEpoch = -1;
  std::vector<std::int32_t> replicas;
  std::vector<std::int32_t> isr;
  std::int64_t logStartOffset = 0;
  std::int64_t highWatermark = 0;
  std::int64_t logEndOffset = 0;
  std::uint64_t sizeBytes = 0;
};

class PartitionReplica : public std::enable_shared_from_this<PartitionReplica> {
 public:
  struct Options {
    Env* env = nullptr;
    Clock* clock = nullptr;
    std::string dir;  // <broker dir>/<topic>-<partition>
    TopicPartition tp;
    Uuid topicId;
    TopicSettings settings;
    ReplicaHost* host = nullptr;  // outlives the replica
  };

  // Opens (recovering) the log and rebuilds the producer state. Starts with no role.
  static Result<std::shared_ptr<PartitionReplica>> open(Options options);
  ~PartitionReplica();

  const TopicPartition& tp() const { return tp_; }
  const Uuid& topicId() const { return topicId_; }
  PartitionLog& log() { return *log_; }
  std::int64_t highWatermark() const { return highWatermark_.load(std::memory_order_acquire); }
  std::int64_t logEndOffset() const { return log_->logEndOffset(); }
  std::int64_t logStartOffset() const { return log_->logStartOffset(); }

  // ---- controller-driven state ----
  // Applies the committed state (newer epochs only): becomes leader or follower, or updates the
  // ISR. Fails waiters that can no longer succeed.
  FetchAction applyState(const PartitionRecord& state, Completions& out) EXCLUDES(mu_);
  void applySettings(const TopicSettings& settings) EXCLUDES(mu_);
  // The broker stops hosting this replica (killed, topic deleted): fails all waiters.
  void stop(const ApiError& reason, Completions& out) EXCLUDES(mu_);
  // The controller answered our ISR change proposed at `partitionEpoch`: unless its push already
  // moved us on, allow a new proposal (it was refused, or changed nothing).
  void onIsrChangeAnswered(std::int32_t partitionEpoch) EXCLUDES(mu_);

  // ---- leader ----
  AppendOutcome appendAsLeader(Bytes& records, std::int16_t acks, Completions& out) EXCLUDES(mu_);
  // Registers an acks=all waiter for `requiredOffset` (last offset + 1); settles it at once if
  // the high watermark is already there.
  void waitForReplication(std::int64_t requiredOffset, std::shared_ptr<PendingProduce> op,
                          std::size_t slot, Completions& out) EXCLUDES(mu_);
  // A follower fetch arrived: validates epochs, checks divergence, records the follower's
  // progress (its fetch offset is its acknowledgement), may move the high watermark and propose
  // an ISR expansion.
  ApiError onFollowerFetch(std::int32_t followerId, const FetchPartition& request,
                           std::optional<DivergingEpoch>& diverging, Completions& out)
      EXCLUDES(mu_);
  // Checks a consumer fetch / ListOffsets / DeleteRecords may be served here.
  ApiError checkLeader(std::int32_t currentLeaderEpoch) const EXCLUDES(mu_);
  // Reads for a fetch: up to the log end for followers, the high watermark for consumers.
  FetchPartitionResult read(const FetchPartition& request, bool forFollower, std::size_t maxBytes,
                            bool minOneBatch) const;
  // Whether a fetch at `offset` would find data now.
  bool hasDataAt(std::int64_t offset, bool forFollower) const;
  void addFetchWaiter(const std::shared_ptr<DelayedFetch>& op) EXCLUDES(mu_);
  ListOffsetsPartitionResult listOffsets(const ListOffsetsPartition& request) const EXCLUDES(mu_);
  DeleteRecordsPartitionResult deleteRecords(const DeleteRecordsPartition& request) EXCLUDES(mu_);

  // ---- follower ----
  std::optional<FollowerPosition> followerPosition() const EXCLUDES(mu_);
  // Applies one partition of a fetch response sent at `sentFrom`; ignored if the replica moved on.
  FollowerApplyOutcome applyFetched(const FollowerPosition& sentFrom, FetchPartitionResult& result,
                                    Completions& out) EXCLUDES(mu_);

  // ---- housekeeping (broker timer) ----
  void housekeeping(std::int64_t nowMs, bool runRetention, Completions& out) EXCLUDES(mu_);
  ReplicaInfo info() const EXCLUDES(mu_);
  std::size_t waitingProduces() const EXCLUDES(mu_);

 private:
  struct FollowerState {
    std::int64_t logEndOffset = -1;  // unknown until it fetches
    std::int64_t lastCaughtUpMs = 0;
    std::int64_t lastFetchLeaderLogEnd = -1;
    std::int64_t lastFetchMs = 0;
  };
  struct ProduceWaiter {
    std::int64_t requiredOffset;
    std::shared_ptr<PendingProduce> op;
    std::size_t slot;
  };

  explicit PartitionReplica(Options options, std::unique_ptr<PartitionLog> log);

  void becomeLeaderLocked(const PartitionRecord& state, Completions& out) REQUIRES(mu_);
  void becomeFollowerLocked(const PartitionRecord& state, Completions& out) REQUIRES(mu_);
  std::vector<std::int32_t> maximalIsrLocked() const REQUIRES(mu_);
  void maybeIncrementHighWatermarkLocked(Completions& out) REQUIRES(mu_);
  void settleReplicatedLocked(Completions& out) REQUIRES(mu_);
  void failWaitersLocked(const ApiError& error, Completions& out) REQUIRES(mu_);
  void wakeFetchWaitersLocked(Completions& out, bool force) REQUIRES(mu_);
  void proposeIsrLocked(std::vector<std::int32_t> newIsr, Completions& out) REQUIRES(mu_);
  void maybeExpandIsrLocked(std::int32_t followerId, Completions& out) REQUIRES(mu_);
  void maybeShrinkIsrLocked(std::int64_t nowMs, Completions& out) REQUIRES(mu_);
  EpochEndOffset leaderEndOffsetForEpochLocked(std::int32_t epoch) const REQUIRES(mu_);
  Status truncateLocked(std::int64_t offset, Completions& out) REQUIRES(mu_);
  std::optional<std::int64_t> divergenceTargetLocked(const DivergingEpoch& diverging) const
      REQUIRES(mu_);
  ApiError epochErrorLocked(std::int32_t requestEpoch) const REQUIRES(mu_);

  Env& env_;
  Clock& clock_;
  const TopicPartition tp_;
  const Uuid topicId_;
  ReplicaHost& host_;
  const std::int32_t self_;
  std::unique_ptr<PartitionLog> log_;
  std::atomic<std::int64_t> highWatermark_{0};

  mutable Mutex mu_;
  TopicSettings settings_ GUARDED_BY(mu_);
  ReplicaRole role_ GUARDED_BY(mu_) = ReplicaRole::kNone;
  bool stopped_ GUARDED_BY(mu_) = false;
  std::int32_t leaderId_ GUARDED_BY(mu_) = -1;
  std::int32_t leaderEpoch_ GUARDED_BY(mu_) = -1;
  std::int32_t partitionEpoch_ GUARDED_BY(mu_) = -1;
  std::vector<std::int32_t> replicas_ GUARDED_BY(mu_);
  std::vector<std::int32_t> isr_ GUARDED_BY(mu_);
  std::optional<std::vector<std::int32_t>> pendingIsr_
      GUARDED_BY(mu_);  // proposed, not yet committed
  std::int64_t leaderEpochStartOffset_ GUARDED_BY(mu_) = 0;
  std::map<std::int32_t, FollowerState> followers_ GUARDED_BY(mu_);
  ProducerStateTable producers_ GUARDED_BY(mu_);
  std::deque<ProduceWaiter> produceWaiters_ GUARDED_BY(mu_);  // ascending requiredOffset
  std::vector<std::weak_ptr<DelayedFetch>> fetchWaiters_ GUARDED_BY(mu_);
};

// The Kafka error for a failed log operation.
ApiError logError(const Status& status);

}  // namespace runnel::cluster
