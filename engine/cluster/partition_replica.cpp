// PartitionReplica: opening, controller-driven state changes and the leader's side of
// replication (appends, follower progress, high watermark, ISR proposals).
// The follower's side, reads and housekeeping are in partition_replica_follower.cpp.
#include "engine/cluster/partition_replica.h"

#include <algorithm>
#include <iterator>

#include "engine/cluster/broker_id_list.h"
#include "engine/cluster/cluster_event.h"
#include "engine/common/logging.h"
#include "engine/record/record_batch_view.h"

namespace runnel::cluster {
ApiError logError(const Status& status) {
  if (status.isCorruption()) return {ErrorCode::kCorruptMessage, status.message()};
  if (status.isInvalidArgument()) {
    if (status.message().find("max.message.bytes") != std::string::npos) {
      return {ErrorCode::kMessageTooLarge, status.message()};
    }
    return {ErrorCode::kInvalidRecord, status.message()};
  }
  if (status.isNotSupported()) return {ErrorCode::kUnsupportedForMessageFormat, status.message()};
  if (status.isOutOfRange()) return {ErrorCode::kOffsetOutOfRange, status.message()};
  if (status.isIoError() || status.isResourceExhausted())
    return {ErrorCode::kKafkaStorageError, status.message()};
  return {ErrorCode::kUnknownServerError, status.toString()};
}

Result<std::shared_ptr<PartitionReplica>> PartitionReplica::open(Options options) {
  PartitionLog::Options logOptions;
  logOptions.env = options.env;
  logOptions.clock = options.clock;
  logOptions.dir = options.dir;
  logOptions.config = options.settings.log;
  auto log = PartitionLog::open(std::move(logOptions));
  if (!log.isOk()) return log.status().withContext("opening partition " + options.tp.toString());
  std::shared_ptr<PartitionReplica> replica(
      new PartitionReplica(std::move(options), std::move(log).value()));
  {
    MutexLock lock(replica->mu_);
    RUNNEL_RETURN_IF_ERROR(rebuildProducerState(*replica->log_, replica->producers_));
  }
  return replica;
}

PartitionReplica::PartitionReplica(Options options, std::unique_ptr<PartitionLog> log)
    : env_(*options.env),
      clock_(*options.clock),
      tp_(std::move(options.tp)),
      topicId_(options.topicId),
      host_(*options.host),
      self_(options.host->brokerId()),
      log_(std::move(log)),
      settings_(options.settings) {}

PartitionReplica::~PartitionReplica() = default;

// ---- controller-driven state -----------------------------------------------------------------

FetchAction PartitionReplica::applyState(const PartitionRecord& state, Completions& out) {
  MutexLock lock(mu_);
  if (stopped_ || state.leaderEpoch < leaderEpoch_) return FetchAction::kNothing;
  const bool sameEpoch = state.leaderEpoch == leaderEpoch_;
  if (sameEpoch && state.partitionEpoch < partitionEpoch_) return FetchAction::kNothing;
  replicas_ = state.replicas;
  if (state.leader == self_) {
    if (role_ == ReplicaRole::kLeader && sameEpoch) {
      if (state.partitionEpoch > partitionEpoch_) {
        isr_ = state.isr;
        partitionEpoch_ = state.partitionEpoch;
        pendingIsr_.reset();
        // A shrink may let the high watermark move, and settles waiters against the new ISR.
        maybeIncrementHighWatermarkLocked(out);
      }
      return FetchAction::kNothing;
    }
    becomeLeaderLocked(state, out);
    return FetchAction::kStopFollowing;
  }
  if (state.leader < 0) {
    failWaitersLocked({ErrorCode::kNotLeaderOrFollower, tp_.toString() + " has no leader"}, out);
    role_ = ReplicaRole::kNone;
    leaderId_ = -1;
    leaderEpoch_ = state.leaderEpoch;
    partitionEpoch_ = state.partitionEpoch;
    isr_ = state.isr;
    pendingIsr_.reset();
    followers_.clear();
    return FetchAction::kStopFollowing;
  }
  if (role_ == ReplicaRole::kFollower && sameEpoch && leaderId_ == state.leader) {
    isr_ = state.isr;
    partitionEpoch_ = state.partitionEpoch;
    return FetchAction::kNothing;
  }
  becomeFollowerLocked(state, out);
  return FetchAction::kFollow;
}

void PartitionReplica::becomeLeaderLocked(const PartitionRecord& state, Completions& out) {
  role_ = ReplicaRole::kLeader;
  leaderId_ = self_;
  leaderEpoch_ = state.leaderEpoch;
  partitionEpoch_ = state.partitionEpoch;
  isr_ = state.isr;
  pendingIsr_.reset();
  leaderEpochStartOffset_ = log_->logEndOffset();
  // Followers' positions are unknown until they fetch; ISR members count as caught up now so
  // they get replica.lag.time.max.ms to show up (Kafka resets them the same way).
  followers_.clear();
  const std::int64_t now = clock_.nowMs();
  for (std::int32_t r : replicas_) {
    if (r == self_) continue;
    FollowerState st;
    st.lastCaughtUpMs = containsBroker(isr_, r) ? now : 0;
    followers_[r] = st;
  }
  if (highWatermark() > log_->logEndOffset())
    highWatermark_.store(log_->logEndOffset(), std::memory_order_release);
  maybeIncrementHighWatermarkLocked(out);
}

void PartitionReplica::becomeFollowerLocked(const PartitionRecord& state, Completions& out) {
  failWaitersLocked(
      {ErrorCode::kNotLeaderOrFollower,
       "leadership of " + tp_.toString() + " moved to broker " + std::to_string(state.leader)},
      out);
  role_ = ReplicaRole::kFollower;
  leaderId_ = state.leader;
  leaderEpoch_ = state.leaderEpoch;
  partitionEpoch_ = state.partitionEpoch;
  isr_ = state.isr;
  pendingIsr_.reset();
  followers_.clear();
}

void PartitionReplica::applySettings(const TopicSettings& settings) {
  Status s = log_->updateConfig(settings.log);
  if (!s.isOk()) logger().warn("{}: config update failed: {}", tp_.toString(), s.toString());
  MutexLock lock(mu_);
  settings_ = settings;
}

void PartitionReplica::stop(const ApiError& reason, Completions& out) {
  MutexLock lock(mu_);
  stopped_ = true;
  failWaitersLocked(reason, out);
  role_ = ReplicaRole::kNone;
}

void PartitionReplica::onIsrChangeAnswered(std::int32_t partitionEpoch) {
  MutexLock lock(mu_);
  if (partitionEpoch_ == partitionEpoch) pendingIsr_.reset();
}

void PartitionReplica::failWaitersLocked(const ApiError& error, Completions& out) {
  for (auto& w : produceWaiters_) {
    if (auto fn = w.op->settle(w.slot, error)) out.push_back(std::move(fn));
  }
  produceWaiters_.clear();
  wakeFetchWaitersLocked(out, /*force=*/true);
}

void PartitionReplica::wakeFetchWaitersLocked(Completions& out, bool force) {
  std::erase_if(fetchWaiters_, [](const std::weak_ptr<DelayedFetch>& w) {
    auto op = w.lock();
    return !op || op->done();
  });
  for (const auto& w : fetchWaiters_) {
    if (auto op = w.lock()) {
      if (force) {
        out.push_back([op] { op->forceComplete(); });
      } else {
        out.push_back([op] { op->tryComplete(); });
      }
    }
  }
  if (force) fetchWaiters_.clear();
}

void PartitionReplica::addFetchWaiter(const std::shared_ptr<DelayedFetch>& op) {
  MutexLock lock(mu_);
  fetchWaiters_.push_back(op);
}

// ---- leader ---------------------------------------------------------------------------------

ApiError PartitionReplica::epochErrorLocked(std::int32_t requestEpoch) const {
  if (requestEpoch < 0 || requestEpoch == leaderEpoch_) return {};
  if (requestEpoch < leaderEpoch_) {
    return {ErrorCode::kFencedLeaderEpoch,
            tp_.toString() + ": epoch " + std::to_string(requestEpoch) +
                " is older than the current leader epoch " + std::to_string(leaderEpoch_)};
  }
  return {ErrorCode::kUnknownLeaderEpoch,
          tp_.toString() + ": epoch " + std::to_string(requestEpoch) +
              " is newer than this broker's leader epoch " + std::to_string(leaderEpoch_)};
}

ApiError PartitionReplica::checkLeader(std::int32_t currentLeaderEpoch) const {
  MutexLock lock(mu_);
  if (stopped_ || role_ != ReplicaRole::kLeader) {
    return {ErrorCode::kNotLeaderOrFollower,
            "broker " + std::to_string(self_) + " is not the leader of " + tp_.toString() +
                (leaderId_ >= 0 ? " (broker " + std::to_string(leaderId_) + " is)"
                                : " (it has no leader)")};
  }
  return epochErrorLocked(currentLeaderEpoch);
}

AppendOutcome PartitionReplica::appendAsLeader(Bytes& records, std::int16_t acks,
                                               Completions& out) {
  AppendOutcome o;
  auto views = record::splitBatches(records);
  if (!views.isOk()) {
    o.error = {ErrorCode::kCorruptMessage, views.status().message()};
    return o;
  }
  if (views->empty()) {
    o.error = {ErrorCode::kInvalidRecord, "the produce request carries no record batch"};
    return o;
  }
  const record::RecordBatchView& first = views->front();
  const bool idempotent = first.producerId() >= 0;

  MutexLock lock(mu_);
  if (stopped_ || role_ != ReplicaRole::kLeader) {
    o.error = {ErrorCode::kNotLeaderOrFollower,
               "broker " + std::to_string(self_) + " is not the leader of " + tp_.toString()};
    return o;
  }
  for (const auto& v : *views) {
    if (static_cast<std::int64_t>(v.sizeInBytes()) > settings_.log.maxMessageBytes) {
      o.error = {ErrorCode::kMessageTooLarge, "a batch of " + std::to_string(v.sizeInBytes()) +
                                                  " bytes exceeds max.message.bytes=" +
                                                  std::to_string(settings_.log.maxMessageBytes)};
      return o;
    }
  }
  if (acks == -1 && static_cast<std::int32_t>(isr_.size()) < settings_.minInsyncReplicas) {
    o.error = {ErrorCode::kNotEnoughReplicas, tp_.toString() + ": ISR " + formatIdSet(isr_) +
                                                  " is smaller than min.insync.replicas=" +
                                                  std::to_string(settings_.minInsyncReplicas)};
    return o;
  }
  o.logStartOffset = log_->logStartOffset();
  const std::int32_t firstSeq = first.baseSequence();
  const std::int32_t lastSeq = lastSequenceOf(firstSeq, first.lastOffsetDelta());
  if (idempotent) {
    if (views->size() != 1) {
      o.error = {ErrorCode::kInvalidRecord,
                 "an idempotent produce must carry exactly one batch per partition"};
      return o;
    }
    SequenceCheck check =
        producers_.check(first.producerId(), first.producerEpoch(), firstSeq, lastSeq);
    if (check.verdict == SequenceVerdict::kReject) {
      o.error = std::move(check.error);
      return o;
    }
    if (check.verdict == SequenceVerdict::kDuplicate) {
      // A retry of a batch already in the log: answer with where it is, write nothing.
      o.baseOffset = check.duplicateOf.firstOffset;
      o.lastOffset = check.duplicateOf.lastOffset;
      return o;
    }
  }
  const std::int64_t producerId = first.producerId();
  const std::int16_t producerEpoch = first.producerEpoch();
  const std::int64_t maxTimestamp = first.maxTimestamp();
  auto info =
      log_->appendAsLeader(std::span<std::uint8_t>(records.data(), records.size()), leaderEpoch_);
  if (!info.isOk()) {
    o.error = logError(info.status());
    return o;
  }
  if (idempotent) {
    producers_.record(producerId, producerEpoch,
                      {firstSeq, lastSeq, info->firstOffset, info->lastOffset}, maxTimestamp);
  }
  o.baseOffset = info->firstOffset;
  o.lastOffset = info->lastOffset;
  o.logAppendTimeMs = info->logAppendTimeMs;
  o.bytes = info->bytes;
  maybeIncrementHighWatermarkLocked(out);
  wakeFetchWaitersLocked(out, /*force=*/false);
  return o;
}

void PartitionReplica::waitForReplication(std::int64_t requiredOffset,
                                          std::shared_ptr<PendingProduce> op, std::size_t slot,
                                          Completions& out) {
  MutexLock lock(mu_);
  if (stopped_ || role_ != ReplicaRole::kLeader) {
    if (auto fn = op->settle(slot, {ErrorCode::kNotLeaderOrFollower,
                                    "leadership of " + tp_.toString() + " moved"})) {
      out.push_back(std::move(fn));
    }
    return;
  }
  ProduceWaiter w{requiredOffset, std::move(op), slot};
  auto pos = produceWaiters_.end();
  while (pos != produceWaiters_.begin() && std::prev(pos)->requiredOffset > requiredOffset)
    --pos;
  produceWaiters_.insert(pos, std::move(w));
  settleReplicatedLocked(out);
}

EpochEndOffset PartitionReplica::leaderEndOffsetForEpochLocked(std::int32_t epoch) const {
  const std::int64_t leo = log_->logEndOffset();
  if (epoch == leaderEpoch_) return {leaderEpoch_, leo};
  if (epoch > leaderEpoch_) return {};
  const std::optional<std::int32_t> latest = log_->latestEpoch();
  if (latest && *latest >= leaderEpoch_) return log_->endOffsetForEpoch(epoch);
  // The cache learns our epoch only with our first append; until then answer as if it held
  // (leaderEpoch_, leaderEpochStartOffset_), as Kafka's cache would.
  if (!latest) return {epoch, leaderEpochStartOffset_};
  if (epoch >= *latest) return {*latest, leaderEpochStartOffset_};
  return log_->endOffsetForEpoch(epoch);
}

ApiError PartitionReplica::onFollowerFetch(std::int32_t followerId, const FetchPartition& request,
                                           std::optional<DivergingEpoch>& diverging,
                                           Completions& out) {
  MutexLock lock(mu_);
  if (stopped_ || role_ != ReplicaRole::kLeader) {
    return {ErrorCode::kNotLeaderOrFollower,
            "broker " + std::to_string(self_) + " is not the leader of " + tp_.toString()};
  }
  if (ApiError e = epochErrorLocked(request.currentLeaderEpoch); !e.ok()) return e;
  if (!containsBroker(replicas_, followerId)) {
    return {ErrorCode::kNotLeaderOrFollower,
            "broker " + std::to_string(followerId) + " is not a replica of " + tp_.toString()};
  }
  if (request.lastFetchedEpoch >= 0) {
    const EpochEndOffset end = leaderEndOffsetForEpochLocked(request.lastFetchedEpoch);
    if (end.epoch < request.lastFetchedEpoch || end.endOffset < request.fetchOffset) {
      diverging = DivergingEpoch{end.epoch, end.endOffset};
      return {};
    }
  }
  const std::int64_t leo = log_->logEndOffset();
  if (request.fetchOffset > leo || request.fetchOffset < log_->logStartOffset()) {
    return {ErrorCode::kOffsetOutOfRange,
            tp_.toString() + ": follower offset " + std::to_string(request.fetchOffset) +
                " is outside [" + std::to_string(log_->logStartOffset()) + ", " +
                std::to_string(leo) + "]"};
  }
  // The fetch offset is the follower's acknowledgement of everything before it.
  FollowerState& st = followers_[followerId];
  const std::int64_t now = clock_.nowMs();
  st.logEndOffset = request.fetchOffset;
  if (request.fetchOffset >= leo) {
    st.lastCaughtUpMs = std::max(st.lastCaughtUpMs, now);
  } else if (request.fetchOffset >= st.lastFetchLeaderLogEnd) {
    st.lastCaughtUpMs = std::max(st.lastCaughtUpMs, st.lastFetchMs);
  }
  st.lastFetchLeaderLogEnd = leo;
  st.lastFetchMs = now;
  maybeExpandIsrLocked(followerId, out);
  maybeIncrementHighWatermarkLocked(out);
  return {};
}

}  // namespace runnel::cluster
