// LogSegment: opening an existing segment — loading and checking its indexes, or rebuilding
// them from a full scan — and the recovery scan itself. The rest is in log_segment.cpp.
#include <algorithm>

#include "engine/log/log_format.h"
#include "engine/log/log_segment.h"
#include "engine/log/segment_scanner.h"
#include "engine/record/record_batch_view.h"

namespace runnel {
namespace {

Status checkedCrc(const ScannedBatch& batch) {
  auto view = record::RecordBatchView::parse(batch.bytes);
  if (!view.isOk()) return view.status();
  return view->validate();
}

}  // namespace

Status LogSegment::rebuildTailState(std::uint64_t end, bool checkCrc) {
  resetWriterState();
  // Everything up to the last index entries is summarised by them; scan only the rest.
  std::uint64_t from = 0;
  if (auto last = offsetIndex_.lastEntry()) from = last->position;
  if (auto lastTime = timeIndex_.lastEntry()) {
    maxTimestampSoFar_ = lastTime->timestamp;
    offsetOfMaxTimestamp_ = lastTime->offset;
  }
  if (from > 0) {
    // The first batch's timestamp only matters for segment.ms, which counts from it.
    SegmentScanner head(*reader_, 0, end, SegmentScanner::Mode::kHeaders);
    ScannedBatch first;
    RUNNEL_ASSIGN_OR_RETURN(bool found, head.next(first));
    if (found && first.maxTimestamp >= 0) firstBatchTimestamp_ = first.maxTimestamp;
  }
  SegmentScanner scanner(
      *reader_, from, end,
      checkCrc ? SegmentScanner::Mode::kWholeBatches : SegmentScanner::Mode::kHeaders);
  ScannedBatch batch;
  std::int64_t next = from > 0 ? offsetIndex_.lastEntry()->offset : baseOffset_;
  bool firstInTail = true;
  for (;;) {
    auto found = scanner.next(batch);
    if (!found.isOk()) return found.status();
    if (!*found) break;
    if (checkCrc) RUNNEL_RETURN_IF_ERROR(checkedCrc(batch));
    if (firstInTail && from > 0 && batch.baseOffset != offsetIndex_.lastEntry()->offset) {
      return Status::corruption(
          "the last offset index entry does not point at a batch starting at its offset");
    }
    if (!firstInTail && batch.baseOffset < next)
      return Status::corruption("batch offsets go backwards");
    firstInTail = false;
    // Feed the batch through the same bookkeeping as an append, without adding index entries
    // that already exist.
    if (!firstBatchTimestamp_ && batch.maxTimestamp >= 0) firstBatchTimestamp_ = batch.maxTimestamp;
    if (batch.maxTimestamp > maxTimestampSoFar_) {
      maxTimestampSoFar_ = batch.maxTimestamp;
      offsetOfMaxTimestamp_ = batch.lastOffset;
    }
    bytesSinceLastIndexEntry_ += batch.size;
    lastBatch_ = OffsetPosition{batch.baseOffset, batch.position};
    next = batch.lastOffset + 1;
  }
  publish(end, end == 0 ? baseOffset_ : next);
  return Status::ok();
}

Status LogSegment::loadIndexes() {
  const std::uint64_t logSize = size();
  const std::string indexPath = path(logfmt::kOffsetIndexSuffix);
  const std::string timePath = path(logfmt::kTimeIndexSuffix);
  // A missing index file reads as empty, which leads to a rebuild below.
  Bytes indexBytes;
  if (env_.fileExists(indexPath)) {
    RUNNEL_ASSIGN_OR_RETURN(indexBytes, readFileFully(env_, indexPath));
  }
  Bytes timeBytes;
  if (env_.fileExists(timePath)) {
    RUNNEL_ASSIGN_OR_RETURN(timeBytes, readFileFully(env_, timePath));
  }
  const Status indexStatus = offsetIndex_.load(indexBytes, logSize);
  if (indexStatus.isOutOfRange()) {
    // The index remembers bytes the log no longer has: the log lost data after it was synced.
    return Status::corruption(logPath() + " is shorter than its index says (" +
                              indexStatus.message() + ")");
  }
  const Status timeStatus = timeIndex_.load(timeBytes, INT64_MAX);
  // A segment closed properly always has an entry for its last batch (seal() or a clean
  // shutdown added it), so an empty index means it was lost or never written.
  if (indexStatus.isOk() && timeStatus.isOk() && (offsetIndex_.entryCount() > 0 || logSize == 0)) {
    if (rebuildTailState(logSize, /*checkCrc=*/true).isOk()) return Status::ok();
    // The tail does not match the index: the index or the log is damaged. The full scan below
    // tells which; only a log valid to its last byte is kept.
  }
  // Indexes are derived data: rebuild them from a full, checked scan.
  RUNNEL_ASSIGN_OR_RETURN(SegmentRecovery outcome, recover(INT64_MAX, nullptr));
  if (outcome.validBytes != outcome.fileBytes) {
    offsetIndex_.truncateToOffset(INT64_MIN);
    timeIndex_.truncateToOffset(INT64_MIN);
    return Status::corruption(logPath() + ": " + outcome.problem);
  }
  rebuiltIndexes_ = true;
  return persistIndexes();
}

Status LogSegment::persistIndexes() {
  if (log_) return Status::ok();  // open for append: openForAppend() rewrote them already
  // Not appended to any more (or not yet): like a sealed segment it needs its final entries, or
  // the next open would find a small segment's index empty and rebuild it again.
  RUNNEL_RETURN_IF_ERROR(addFinalIndexEntries());
  RUNNEL_ASSIGN_OR_RETURN(auto index, env_.newWritableFile(path(logfmt::kOffsetIndexSuffix)));
  offsetIndex_.attachFile(std::move(index));
  RUNNEL_ASSIGN_OR_RETURN(auto timeIndex, env_.newWritableFile(path(logfmt::kTimeIndexSuffix)));
  timeIndex_.attachFile(std::move(timeIndex));
  Status s = offsetIndex_.rewriteFile();
  if (s.isOk()) s = timeIndex_.rewriteFile();
  if (s.isOk()) s = offsetIndex_.sync();
  if (s.isOk()) s = timeIndex_.sync();
  const Status c1 = offsetIndex_.close();
  const Status c2 = timeIndex_.close();
  if (s.isOk()) s = c1.isOk() ? c2 : c1;
  return s;
}

Result<SegmentRecovery> LogSegment::recover(
    std::int64_t offsetLimit, const std::function<Status(const ScannedBatch&)>& onBatch) {
  RUNNEL_RETURN_IF_ERROR(offsetIndex_.truncateToOffset(INT64_MIN));
  RUNNEL_RETURN_IF_ERROR(timeIndex_.truncateToOffset(INT64_MIN));
  resetWriterState();
  SegmentRecovery outcome;
  RUNNEL_ASSIGN_OR_RETURN(outcome.fileBytes, env_.fileSize(logPath()));
  SegmentScanner scanner(*reader_, 0, outcome.fileBytes, SegmentScanner::Mode::kWholeBatches);
  ScannedBatch batch;
  std::int64_t next = baseOffset_;
  for (;;) {
    const std::uint64_t at = scanner.position();
    auto found = scanner.next(batch);
    Status problem = found.isOk() ? Status::ok() : found.status();
    if (problem.isIoError() || problem.isNotFound()) return problem;
    if (problem.isOk() && !*found) break;
    if (problem.isOk()) problem = checkedCrc(batch);
    if (problem.isOk() && batch.baseOffset < next) {
      problem = Status::corruption("batch at byte " + std::to_string(at) + " has base offset " +
                                   std::to_string(batch.baseOffset) + ", expected at least " +
                                   std::to_string(next));
    }
    if (problem.isOk() &&
        (batch.lastOffset >= offsetLimit || batch.lastOffset - baseOffset_ > INT32_MAX)) {
      problem = Status::corruption("batch at byte " + std::to_string(at) + " has offsets up to " +
                                   std::to_string(batch.lastOffset) +
                                   ", beyond what this segment may hold");
    }
    if (!problem.isOk()) {
      outcome.validBytes = at;
      outcome.problem = problem.message();
      break;
    }
    if (auto due =
            trackBatch({batch.baseOffset, batch.lastOffset, batch.maxTimestamp, batch.size}, at)) {
      RUNNEL_RETURN_IF_ERROR(addIndexEntry(*due));
    }
    if (onBatch) RUNNEL_RETURN_IF_ERROR(onBatch(batch));
    next = batch.lastOffset + 1;
    outcome.validBytes = scanner.position();
  }
  publish(outcome.validBytes, next);
  return outcome;
}

Status LogSegment::truncateFile(std::uint64_t bytes) {
  if (log_) return log_->truncate(bytes);
  return env_.truncateFile(logPath(), bytes);
}

}  // namespace runnel
