// PartitionLog: truncation (replication), DeleteRecords and retention.
#include <algorithm>

#include "engine/common/logging.h"
#include "engine/log/checkpoint_file.h"
#include "engine/log/log_format.h"
#include "engine/log/partition_log.h"

namespace runnel {

template <typename Fn>
Status PartitionLog::asTruncation(Fn&& fn) {
  truncationGeneration_.fetch_add(1, std::memory_order_acq_rel);
  Status s = fn();
  truncationGeneration_.fetch_add(1, std::memory_order_acq_rel);
  return s;
}

Status PartitionLog::truncateTo(std::int64_t offset) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  if (offset < 0)
    return Status::invalidArgument("cannot truncate to negative offset " + std::to_string(offset));
  if (offset >= logEndOffset()) return Status::ok();
  if (offset < logStartOffset()) return truncateFullyLocked(offset);

  // Lower the recovery point on disk first: after a crash mid-truncation, recovery must scan.
  if (recoveryPoint() > offset) {
    RUNNEL_RETURN_IF_ERROR(writeRecoveryPoint(offset));
    recoveryPoint_.store(offset, std::memory_order_release);
  }
  std::shared_ptr<LogSegment> last;
  std::int64_t newEnd = 0;
  // Only the steps readers could observe run inside the truncation window. A failure in there
  // leaves the segments in an unknown state: the log goes offline until reopened.
  Status truncation = asTruncation([&]() REQUIRES(writerMutex_) -> Status {
    SegmentList keep;
    SegmentList drop;
    const auto current = segments();
    for (const auto& seg : *current) {
      // The first segment always stays: its base is at or below the log start <= offset.
      (keep.empty() || seg->baseOffset() <= offset ? keep : drop).push_back(seg);
    }
    // Delete from the newest down, so a crash part-way leaves a prefix of the log.
    for (auto it = drop.rbegin(); it != drop.rend(); ++it)
      RUNNEL_RETURN_IF_ERROR((*it)->deleteFiles());
    last = keep.back();
    if (!last->isOpenForAppend()) RUNNEL_RETURN_IF_ERROR(last->openForAppend());
    RUNNEL_ASSIGN_OR_RETURN(newEnd, last->truncateTo(offset));
    publishSegments(std::move(keep));
    logEndOffset_.store(newEnd, std::memory_order_release);
    return Status::ok();
  });
  if (!truncation.isOk()) {
    failed_ = truncation;
    return truncation;
  }
  RUNNEL_RETURN_IF_ERROR(epochs_->truncateFromEnd(newEnd));
  RUNNEL_RETURN_IF_ERROR(last->sync());
  recoveryPoint_.store(newEnd, std::memory_order_release);
  return writeRecoveryPoint(newEnd);
}

Status PartitionLog::truncateFullyAndStartAt(std::int64_t offset) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  return truncateFullyLocked(offset);
}

Status PartitionLog::truncateFullyLocked(std::int64_t offset) {
  if (offset < 0)
    return Status::invalidArgument("cannot restart the log at negative offset " +
                                   std::to_string(offset));
  return asTruncation([&]() REQUIRES(writerMutex_) -> Status {
    // The checkpoints move first: if we crash before the new segment exists, opening sees a
    // log start beyond the data and finishes the job.
    RUNNEL_RETURN_IF_ERROR(
        writeOffsetCheckpoint(env_, joinPath(dir_, logfmt::kLogStartOffsetFile), offset));
    RUNNEL_RETURN_IF_ERROR(writeRecoveryPoint(offset));
    const auto old = segments();
    if (old) {
      for (const auto& seg : *old)
        RUNNEL_RETURN_IF_ERROR(seg->deleteFiles());
    }
    RUNNEL_ASSIGN_OR_RETURN(auto fresh, LogSegment::create(env_, dir_, offset, config_));
    RUNNEL_RETURN_IF_ERROR(fresh->openForAppend());
    fresh->createdMs_ = clock_.nowMs();
    publishSegments({fresh});
    logStartOffset_.store(offset, std::memory_order_release);
    logEndOffset_.store(offset, std::memory_order_release);
    recoveryPoint_.store(offset, std::memory_order_release);
    unflushedMessages_ = 0;
    return epochs_->clear();
  });
}

Status PartitionLog::setLogStart(std::int64_t offset) {
  if (offset <= logStartOffset()) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(
      writeOffsetCheckpoint(env_, joinPath(dir_, logfmt::kLogStartOffsetFile), offset));
  logStartOffset_.store(offset, std::memory_order_release);
  return epochs_->truncateFromStart(offset);
}

Result<RetentionResult> PartitionLog::deleteSegmentsBefore(std::size_t count,
                                                           std::int64_t newLogStart) {
  RetentionResult result;
  if (count == 0) return result;
  SegmentList list = *segments();
  SegmentList doomed(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(count));
  list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(count));
  // The log start moves before any file goes, so no reader is ever sent to a deleted offset
  // that the log still claims to have.
  RUNNEL_RETURN_IF_ERROR(setLogStart(std::max(newLogStart, list.front()->baseOffset())));
  publishSegments(std::move(list));
  for (const auto& seg : doomed) {
    result.bytesDeleted += seg->size();
    ++result.segmentsDeleted;
    // Readers holding the segment keep reading through their open handle.
    RUNNEL_RETURN_IF_ERROR(seg->deleteFiles());
  }
  return result;
}

Status PartitionLog::deleteRecordsBefore(std::int64_t offset) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  if (offset > logEndOffset()) {
    return Status::outOfRange("cannot delete records before " + std::to_string(offset) +
                              ": the log ends at " + std::to_string(logEndOffset()));
  }
  if (offset <= logStartOffset()) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(setLogStart(offset));
  const auto list = segments();
  std::size_t count = 0;
  while (count + 1 < list->size() && (*list)[count + 1]->baseOffset() <= offset)
    ++count;
  return deleteSegmentsBefore(count, offset).status();
}

Result<RetentionResult> PartitionLog::enforceRetention(std::int64_t highWatermark) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  const std::int64_t now = clock_.nowMs();
  const std::int64_t upper = std::min(highWatermark, logEndOffset());
  auto list = segments();

  std::uint64_t total = 0;
  for (const auto& seg : *list)
    total += seg->size();
  const LogConfig config =
      config_;  // a copy: the lambdas below run under the lock but are not analysed as such
  const auto expired = [&](const LogSegment& seg) {
    return config.cleanupDelete && config.retentionMs >= 0 &&
           now - seg.maxTimestamp() > config.retentionMs;
  };
  const auto oversized = [&](const LogSegment& seg, std::uint64_t remaining) {
    return config.cleanupDelete && config.retentionBytes >= 0 &&
           remaining >= seg.size() + static_cast<std::uint64_t>(config.retentionBytes);
  };

  // Whole segments from the oldest while they qualify; never past the high watermark.
  std::size_t count = 0;
  std::uint64_t remaining = total;
  while (count < list->size()) {
    const LogSegment& seg = *(*list)[count];
    const bool isActive = count + 1 == list->size();
    const std::int64_t segEnd = isActive ? seg.nextOffset() : (*list)[count + 1]->baseOffset();
    if (seg.nextOffset() > upper) break;
    const bool belowStart = !isActive && segEnd <= logStartOffset();
    if (!belowStart && !expired(seg) && !oversized(seg, remaining)) break;
    if (isActive && seg.empty()) break;
    remaining -= seg.size();
    ++count;
  }
  if (count == list->size()) {
    // The active segment expired too: roll so that it can go and a fresh one takes its place.
    RUNNEL_RETURN_IF_ERROR(rollLocked(logEndOffset()));
    list = segments();
  }
  const std::int64_t newStart =
      count < list->size() ? (*list)[count]->baseOffset() : logEndOffset();
  auto result = deleteSegmentsBefore(count, newStart);
  if (result.isOk() && result->segmentsDeleted > 0) {
    logger().info("log {}: retention deleted {} segment(s), {} bytes; log start is now {}", dir_,
                  result->segmentsDeleted, result->bytesDeleted, logStartOffset());
  }
  return result;
}

}  // namespace runnel
