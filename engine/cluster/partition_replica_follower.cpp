// PartitionReplica: the follower's side of replication (appending fetched batches, truncating
// divergent tails), reads for fetches, ListOffsets, DeleteRecords and housekeeping.
#include <algorithm>

#include "engine/cluster/partition_replica.h"
#include "engine/common/logging.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel::cluster {

// ---- follower -------------------------------------------------------------------------------

std::optional<FollowerPosition> PartitionReplica::followerPosition() const {
  MutexLock lock(mu_);
  if (stopped_ || role_ != ReplicaRole::kFollower) return std::nullopt;
  return FollowerPosition{leaderId_, leaderEpoch_, log_->logEndOffset(),
                          log_->latestEpoch().value_or(kNoEpoch), log_->logStartOffset()};
}

std::optional<std::int64_t> PartitionReplica::divergenceTargetLocked(
    const DivergingEpoch& diverging) const {
  const std::int64_t leo = log_->logEndOffset();
  // The leader knows nothing as old as our last epoch: keep only what is known committed.
  if (diverging.epoch < 0 || diverging.endOffset < 0) return std::min(highWatermark(), leo);
  const EpochEndOffset mine = log_->endOffsetForEpoch(diverging.epoch);
  if (mine.epoch < 0 || mine.endOffset < 0) return std::min(diverging.endOffset, leo);
  // We never had the leader's epoch: cut back to the end of our own older epoch, then the next
  // fetch (naming that epoch) finds the exact point (KIP-101's iteration).
  if (mine.epoch != diverging.epoch) return std::min(mine.endOffset, leo);
  return std::min(diverging.endOffset, mine.endOffset);
}

Status PartitionReplica::truncateLocked(std::int64_t offset, Completions& out) {
  const std::int64_t before = log_->logEndOffset();
  if (offset >= before) return Status::ok();
  if (offset < log_->logStartOffset()) {
    RUNNEL_RETURN_IF_ERROR(log_->truncateFullyAndStartAt(offset));
  } else {
    RUNNEL_RETURN_IF_ERROR(log_->truncateTo(offset));
  }
  const std::int64_t after = log_->logEndOffset();
  if (!producers_.truncateTo(after))
    RUNNEL_RETURN_IF_ERROR(rebuildProducerState(*log_, producers_));
  if (highWatermark() > after) highWatermark_.store(after, std::memory_order_release);
  out.push_back(
      [host = &host_, tp = tp_, before, after] { host->onLogTruncated(tp, before, after); });
  return Status::ok();
}

FollowerApplyOutcome PartitionReplica::applyFetched(const FollowerPosition& sentFrom,
                                                    FetchPartitionResult& result,
                                                    Completions& out) {
  FollowerApplyOutcome o;
  MutexLock lock(mu_);
  // The answer belongs to a position we no longer hold (new leader, truncation): drop it.
  if (stopped_ || role_ != ReplicaRole::kFollower || leaderId_ != sentFrom.leaderId ||
      leaderEpoch_ != sentFrom.leaderEpoch || log_->logEndOffset() != sentFrom.fetchOffset) {
    return o;
  }
  if (!result.error.ok()) {
    if (result.error.code != ErrorCode::kOffsetOutOfRange) {
      o.error = result.error;
      return o;
    }
    // Either the leader's log is shorter than ours (an unclean election) or ours ends before
    // the leader's log start (retention moved on while we were away).
    Status s;
    if (result.logEndOffset >= 0 && result.logEndOffset < log_->logEndOffset()) {
      s = truncateLocked(result.logEndOffset, out);
    } else if (result.logStartOffset > log_->logEndOffset()) {
      s = log_->truncateFullyAndStartAt(result.logStartOffset);
      if (s.isOk()) {
        producers_.clear();
        highWatermark_.store(result.logStartOffset, std::memory_order_release);
      }
    } else {
      o.error = result.error;
      return o;
    }
    if (!s.isOk()) o.error = logError(s);
    o.truncated = s.isOk();
    return o;
  }
  if (result.divergingEpoch) {
    const std::optional<std::int64_t> target = divergenceTargetLocked(*result.divergingEpoch);
    if (target && *target < log_->logEndOffset()) {
      Status s = truncateLocked(*target, out);
      if (!s.isOk()) {
        o.error = logError(s);
        return o;
      }
    }
    o.truncated = true;
    return o;
  }
  if (!result.records.empty()) {
    auto info = log_->appendAsFollower(result.records);
    if (!info.isOk()) {
      o.error = logError(info.status());
      return o;
    }
    o.bytesAppended = info->bytes;
    if (auto batches = record::splitBatches(result.records); batches.isOk()) {
      for (const auto& b : *batches) {
        if (b.producerId() < 0 || b.isControl()) continue;
        producers_.record(b.producerId(), b.producerEpoch(),
                          {b.baseSequence(), lastSequenceOf(b.baseSequence(), b.lastOffsetDelta()),
                           b.baseOffset(), b.lastOffset()},
                          b.maxTimestamp());
      }
    }
  }
  const std::int64_t leo = log_->logEndOffset();
  const std::int64_t hwm = std::min(result.highWatermark, leo);
  if (hwm > highWatermark()) highWatermark_.store(hwm, std::memory_order_release);
  if (result.logStartOffset > log_->logStartOffset() && result.logStartOffset <= highWatermark()) {
    Status s = log_->deleteRecordsBefore(result.logStartOffset);
    if (!s.isOk())
      logger().warn("{}: following the leader's log start failed: {}", tp_.toString(),
                    s.toString());
  }
  return o;
}

// ---- reads ----------------------------------------------------------------------------------

bool PartitionReplica::hasDataAt(std::int64_t offset, bool forFollower) const {
  const std::int64_t end = forFollower ? log_->logEndOffset() : highWatermark();
  return offset < end || offset > log_->logEndOffset() || offset < log_->logStartOffset();
}

FetchPartitionResult PartitionReplica::read(const FetchPartition& request, bool forFollower,
                                            std::size_t maxBytes, bool minOneBatch) const {
  FetchPartitionResult r;
  r.topic = request.topic;
  r.partition = request.partition;
  r.highWatermark = highWatermark();
  r.lastStableOffset = r.highWatermark;
  r.logStartOffset = log_->logStartOffset();
  r.logEndOffset = log_->logEndOffset();
  const std::int64_t offset = request.fetchOffset;
  if (offset < r.logStartOffset || offset > r.logEndOffset) {
    r.error = {ErrorCode::kOffsetOutOfRange,
               tp_.toString() + ": offset " + std::to_string(offset) + " is outside [" +
                   std::to_string(r.logStartOffset) + ", " + std::to_string(r.logEndOffset) + "]"};
    return r;
  }
  const std::int64_t limit = forFollower ? r.logEndOffset : r.highWatermark;
  if (offset >= limit || maxBytes == 0) return r;
  auto read = log_->read(offset, maxBytes, forFollower ? kNoMaxOffset : limit, minOneBatch);
  if (!read.isOk()) {
    r.error = logError(read.status());
    return r;
  }
  r.records = std::move(read->records);
  return r;
}

ListOffsetsPartitionResult PartitionReplica::listOffsets(
    const ListOffsetsPartition& request) const {
  ListOffsetsPartitionResult r;
  r.topic = request.topic;
  r.partition = request.partition;
  r.error = checkLeader(request.currentLeaderEpoch);
  if (!r.error.ok()) return r;
  std::int64_t epochStart = 0;
  {
    MutexLock lock(mu_);
    epochStart = leaderEpochStartOffset_;
  }
  const std::int64_t hwm = highWatermark();
  auto epochOf = [this](std::int64_t offset) {
    std::int32_t epoch = kNoEpoch;
    for (const EpochEntry& e : log_->epochEntries()) {
      if (e.startOffset <= offset) epoch = e.epoch;
    }
    return epoch;
  };
  if (request.timestamp == kEarliestTimestamp) {
    r.offset = log_->logStartOffset();
    r.leaderEpoch = epochOf(r.offset);
    return r;
  }
  if (request.timestamp == kLatestTimestamp) {
    // A new leader whose high watermark has not caught up with its own epoch yet would answer
    // an offset that may go backwards: Kafka says "try again" instead (KIP-207).
    if (hwm < epochStart) {
      r.error = {ErrorCode::kOffsetNotAvailable,
                 tp_.toString() + ": the new leader's high watermark is catching up"};
      return r;
    }
    r.offset = hwm;
    r.leaderEpoch = log_->latestEpoch().value_or(kNoEpoch);
    return r;
  }
  if (request.timestamp == kMaxTimestamp) {
    // The record with the largest timestamp below the high watermark (KIP-734).
    std::int64_t offset = log_->logStartOffset();
    while (offset < hwm) {
      auto read = log_->read(offset, std::size_t{1024} * 1024, hwm);
      if (!read.isOk() || read->records.empty()) break;
      auto batches = record::splitBatches(read->records, true);
      if (!batches.isOk()) break;
      for (const auto& b : *batches) {
        if (b.maxTimestamp() <= r.timestamp) continue;
        record::RecordIterator it(b);
        record::Record rec;
        while (it.next(rec)) {
          if (rec.timestamp > r.timestamp) {
            r.timestamp = rec.timestamp;
            r.offset = rec.offset;
          }
        }
      }
      if (read->nextOffset <= offset) break;
      offset = read->nextOffset;
    }
    if (r.offset >= 0) r.leaderEpoch = epochOf(r.offset);
    return r;
  }
  if (request.timestamp < 0) {
    r.error = {ErrorCode::kInvalidRequest,
               "unknown special timestamp " + std::to_string(request.timestamp)};
    return r;
  }
  auto found = log_->offsetForTimestamp(request.timestamp);
  if (!found.isOk()) {
    r.error = logError(found.status());
    return r;
  }
  if (*found && (*found)->offset < hwm) {
    r.timestamp = (*found)->timestamp;
    r.offset = (*found)->offset;
    r.leaderEpoch = epochOf(r.offset);
  }
  return r;
}

DeleteRecordsPartitionResult PartitionReplica::deleteRecords(
    const DeleteRecordsPartition& request) {
  DeleteRecordsPartitionResult r;
  r.topic = request.topic;
  r.partition = request.partition;
  r.error = checkLeader(kNoEpoch);
  if (!r.error.ok()) return r;
  const std::int64_t hwm = highWatermark();
  const std::int64_t target = request.offset == -1 ? hwm : request.offset;
  if (target < 0 || target > hwm) {
    r.error = {ErrorCode::kOffsetOutOfRange,
               tp_.toString() + ": cannot delete records before " + std::to_string(target) +
                   ", beyond the high watermark " + std::to_string(hwm)};
    return r;
  }
  if (target > log_->logStartOffset()) {
    Status s = log_->deleteRecordsBefore(target);
    if (!s.isOk()) {
      r.error = logError(s);
      return r;
    }
  }
  r.lowWatermark = log_->logStartOffset();
  return r;
}

// ---- housekeeping ---------------------------------------------------------------------------

void PartitionReplica::housekeeping(std::int64_t nowMs, bool runRetention, Completions& out) {
  bool compact = false;
  {
    MutexLock lock(mu_);
    if (stopped_) return;
    maybeShrinkIsrLocked(nowMs, out);
    std::erase_if(produceWaiters_, [](const ProduceWaiter& w) { return w.op->done(); });
    std::erase_if(fetchWaiters_, [](const std::weak_ptr<DelayedFetch>& w) { return w.expired(); });
    compact = settings_.log.cleanupCompact;
    if (runRetention)
      producers_.expire(nowMs - 24LL * 60 * 60 * 1000);  // producer.id.expiration.ms
  }
  if (Status s = log_->maybeFlush(); !s.isOk())
    logger().warn("{}: flush failed: {}", tp_.toString(), s.toString());
  if (!runRetention) return;
  if (auto r = log_->enforceRetention(highWatermark()); !r.isOk()) {
    logger().warn("{}: retention failed: {}", tp_.toString(), r.status().toString());
  }
  if (compact) {
    if (auto r = log_->compact(highWatermark()); !r.isOk()) {
      logger().warn("{}: compaction failed: {}", tp_.toString(), r.status().toString());
    }
  }
}

ReplicaInfo PartitionReplica::info() const {
  ReplicaInfo i;
  i.tp = tp_;
  {
    MutexLock lock(mu_);
    i.role = role_;
    i.leaderId = leaderId_;
    i.leaderEpoch = leaderEpoch_;
    i.replicas = replicas_;
    i.isr = isr_;
  }
  i.logStartOffset = log_->logStartOffset();
  i.highWatermark = highWatermark();
  i.logEndOffset = log_->logEndOffset();
  i.sizeBytes = log_->sizeInBytes();
  return i;
}

std::size_t PartitionReplica::waitingProduces() const {
  MutexLock lock(mu_);
  return produceWaiters_.size();
}

}  // namespace runnel::cluster
