#include "engine/log/log_segment.h"

#include <algorithm>
#include <vector>

#include "engine/log/log_format.h"
#include "engine/log/segment_scanner.h"
#include "engine/record/record_batch_format.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel {
namespace {

std::size_t maxEntries(const LogConfig& config) {
  return static_cast<std::size_t>(config.segmentIndexBytes) / logfmt::kOffsetIndexEntrySize;
}

Status checkedCrc(const ScannedBatch& batch) {
  auto view = record::RecordBatchView::parse(batch.bytes);
  if (!view.isOk()) return view.status();
  return view->validate();
}

}  // namespace

LogSegment::LogSegment(Env& env, std::string dir, std::int64_t baseOffset, const LogConfig& config,
                       std::string suffix)
    : env_(env),
      dir_(std::move(dir)),
      baseOffset_(baseOffset),
      maxIndexEntries_(std::max<std::size_t>(1, maxEntries(config))),
      indexIntervalBytes_(config.indexIntervalBytes),
      suffix_(std::move(suffix)),
      // One spare slot in each index for the entries seal() adds.
      offsetIndex_(baseOffset, maxIndexEntries_ + 1),
      timeIndex_(baseOffset, maxIndexEntries_ + 1),
      nextOffset_(baseOffset) {}

LogSegment::~LogSegment() = default;

std::string LogSegment::path(std::string_view ext) const {
  return joinPath(dir_, logfmt::baseName(baseOffset_) + std::string(ext) + suffix_);
}

Status LogSegment::openReader() {
  RUNNEL_ASSIGN_OR_RETURN(reader_, env_.newRandomAccessFile(path(logfmt::kLogSuffix)));
  return Status::ok();
}

Result<std::shared_ptr<LogSegment>> LogSegment::create(Env& env, const std::string& dir,
                                                       std::int64_t baseOffset,
                                                       const LogConfig& config,
                                                       std::string suffix) {
  std::shared_ptr<LogSegment> seg(new LogSegment(env, dir, baseOffset, config, std::move(suffix)));
  RUNNEL_ASSIGN_OR_RETURN(seg->log_, env.newWritableFile(seg->path(logfmt::kLogSuffix)));
  RUNNEL_ASSIGN_OR_RETURN(auto index, env.newWritableFile(seg->path(logfmt::kOffsetIndexSuffix)));
  seg->offsetIndex_.attachFile(std::move(index));
  RUNNEL_ASSIGN_OR_RETURN(auto timeIndex, env.newWritableFile(seg->path(logfmt::kTimeIndexSuffix)));
  seg->timeIndex_.attachFile(std::move(timeIndex));
  RUNNEL_RETURN_IF_ERROR(seg->openReader());
  // The new names must survive a crash before the first sync of the files themselves.
  RUNNEL_RETURN_IF_ERROR(env.syncDir(dir));
  return seg;
}

Result<std::shared_ptr<LogSegment>> LogSegment::open(Env& env, const std::string& dir,
                                                     std::int64_t baseOffset,
                                                     const LogConfig& config) {
  std::shared_ptr<LogSegment> seg(new LogSegment(env, dir, baseOffset, config, ""));
  RUNNEL_RETURN_IF_ERROR(seg->openReader());
  RUNNEL_ASSIGN_OR_RETURN(std::uint64_t size, env.fileSize(seg->logPath()));
  seg->size_.store(size, std::memory_order_release);
  return seg;
}

void LogSegment::resetWriterState() {
  bytesSinceLastIndexEntry_ = 0;
  maxTimestampSoFar_ = -1;
  offsetOfMaxTimestamp_ = -1;
  firstBatchTimestamp_.reset();
  lastBatch_.reset();
}

void LogSegment::publish(std::uint64_t size, std::int64_t nextOffset) {
  size_.store(size, std::memory_order_release);
  nextOffset_.store(nextOffset, std::memory_order_release);
  maxTimestamp_.store(maxTimestampSoFar_, std::memory_order_release);
}

std::optional<LogSegment::PendingIndexEntry> LogSegment::trackBatch(const BatchSummary& batch,
                                                                    std::uint64_t position) {
  if (!firstBatchTimestamp_ && batch.maxTimestamp >= 0) firstBatchTimestamp_ = batch.maxTimestamp;
  if (batch.maxTimestamp > maxTimestampSoFar_) {
    maxTimestampSoFar_ = batch.maxTimestamp;
    offsetOfMaxTimestamp_ = batch.lastOffset;
  }
  std::optional<PendingIndexEntry> due;
  if (bytesSinceLastIndexEntry_ > indexIntervalBytes_) {
    due = PendingIndexEntry{batch.baseOffset, position, maxTimestampSoFar_, offsetOfMaxTimestamp_};
    bytesSinceLastIndexEntry_ = 0;
  }
  bytesSinceLastIndexEntry_ += batch.size;
  lastBatch_ = OffsetPosition{batch.baseOffset, position};
  return due;
}

Status LogSegment::addIndexEntry(const PendingIndexEntry& entry) {
  // The last slot of each index is kept for seal().
  if (offsetIndex_.entryCount() < maxIndexEntries_) {
    RUNNEL_RETURN_IF_ERROR(offsetIndex_.append(entry.offset, entry.position));
  }
  if (timeIndex_.entryCount() < maxIndexEntries_ && entry.maxTimestamp >= 0) {
    RUNNEL_RETURN_IF_ERROR(timeIndex_.maybeAppend(entry.maxTimestamp, entry.offsetOfMaxTimestamp));
  }
  return Status::ok();
}

// ---- reading -------------------------------------------------------------------------------

Result<SegmentSlice> LogSegment::locate(std::int64_t offset, std::size_t maxBytes,
                                        std::int64_t maxOffset, bool minOneBatch) const {
  SegmentSlice slice;
  const OffsetPosition start = offsetIndex_.lookup(offset);
  // Loaded after the lookup: index entries are added after the bytes they point at are published.
  const std::uint64_t end = size();
  if (start.position >= end) return slice;

  // The first batch that ends at or after `offset`.
  ScannedBatch first;
  {
    SegmentScanner scanner(*reader_, start.position, end, SegmentScanner::Mode::kHeaders);
    for (;;) {
      RUNNEL_ASSIGN_OR_RETURN(bool found, scanner.next(first));
      if (!found) return slice;
      if (first.lastOffset >= offset) break;
    }
  }
  if (first.lastOffset >= maxOffset) {
    slice.stopped = true;
    return slice;
  }

  // Where the run must end at the latest: maxBytes, the first batch reaching maxOffset, the end.
  std::uint64_t limit = end;
  if (maxBytes < end - first.position) limit = first.position + maxBytes;
  // Index entries may already describe batches appended after `end` was loaded: an entry at or
  // past `end` is no starting point for a scan bounded by `end`.
  // No batch up to `end` reaches the segment's next offset (published after its size).
  if (maxOffset < nextOffset()) {
    std::uint64_t from = offsetIndex_.lookup(maxOffset).position;
    if (from >= end) from = offsetIndex_.lookupByPosition(end - 1).position;
    from = std::max(first.position, from);
    SegmentScanner scanner(*reader_, from, end, SegmentScanner::Mode::kHeaders);
    ScannedBatch b;
    for (;;) {
      RUNNEL_ASSIGN_OR_RETURN(bool found, scanner.next(b));
      if (!found) break;
      if (b.lastOffset >= maxOffset) {
        limit = std::min(limit, b.position);
        break;
      }
    }
  }

  // The last whole batch before the limit: scan from the index entry at or below it.
  std::uint64_t cut = end;
  std::int64_t next = -1;
  {
    // limit - 1: an entry exactly at the limit would leave nothing to scan before it.
    const std::uint64_t from =
        std::max(first.position, offsetIndex_.lookupByPosition(limit - 1).position);
    SegmentScanner scanner(*reader_, from, end, SegmentScanner::Mode::kHeaders);
    ScannedBatch b;
    for (;;) {
      RUNNEL_ASSIGN_OR_RETURN(bool found, scanner.next(b));
      if (!found) break;
      if (b.position + b.size > limit) {
        cut = b.position;
        next = b.baseOffset;  // nothing lies between the last included batch and this one
        break;
      }
      next = b.lastOffset + 1;
    }
  }
  if (cut == first.position) {
    if (!minOneBatch) {
      slice.stopped = true;
      return slice;
    }
    cut = first.position + first.size;
    next = first.lastOffset + 1;
  }
  slice.position = first.position;
  slice.bytes = static_cast<std::size_t>(cut - first.position);
  slice.firstOffset = first.baseOffset;
  slice.nextOffset = next;
  // Anything of this segment left unreturned means the caller must not move on to the next one.
  slice.stopped = cut < end;
  return slice;
}

Status LogSegment::readAt(std::uint64_t position, std::span<std::uint8_t> out) const {
  RUNNEL_ASSIGN_OR_RETURN(std::size_t got, reader_->read(position, out));
  if (got != out.size()) {
    return Status::ioError(logPath() + ": read " + std::to_string(got) + " of " +
                           std::to_string(out.size()) + " bytes at " + std::to_string(position) +
                           " (the file was cut short)");
  }
  return Status::ok();
}

Result<std::optional<TimestampOffset>> LogSegment::findOffsetByTimestamp(
    std::int64_t timestamp, std::int64_t minOffset) const {
  std::uint64_t startPos = 0;
  if (auto entry = timeIndex_.lastBefore(timestamp))
    startPos = offsetIndex_.lookup(entry->offset).position;
  const OffsetPosition byOffset = offsetIndex_.lookup(minOffset);
  startPos = std::max(startPos, byOffset.position);
  const std::uint64_t end = size();
  SegmentScanner scanner(*reader_, std::min(startPos, end), end,
                         SegmentScanner::Mode::kWholeBatches);
  ScannedBatch batch;
  for (;;) {
    RUNNEL_ASSIGN_OR_RETURN(bool found, scanner.next(batch));
    if (!found) return std::optional<TimestampOffset>();
    if (batch.maxTimestamp < timestamp || batch.lastOffset < minOffset) continue;
    RUNNEL_ASSIGN_OR_RETURN(auto view, record::RecordBatchView::parse(batch.bytes));
    record::RecordIterator it(view);
    record::Record r;
    while (it.next(r)) {
      if (r.timestamp >= timestamp && r.offset >= minOffset)
        return std::optional(TimestampOffset{r.timestamp, r.offset});
    }
    RUNNEL_RETURN_IF_ERROR(it.status());
  }
}

Status LogSegment::forEachBatch(const std::function<Status(const ScannedBatch&)>& fn) const {
  SegmentScanner scanner(*reader_, 0, size(), SegmentScanner::Mode::kWholeBatches);
  ScannedBatch batch;
  for (;;) {
    auto found = scanner.next(batch);
    if (!found.isOk()) return found.status().withContext(logPath());
    if (!*found) return Status::ok();
    RUNNEL_RETURN_IF_ERROR(checkedCrc(batch).withContext(logPath()));
    RUNNEL_RETURN_IF_ERROR(fn(batch));
  }
}

// ---- writing -------------------------------------------------------------------------------

Status LogSegment::openForAppend() {
  if (log_) return Status::ok();
  RUNNEL_ASSIGN_OR_RETURN(log_, env_.newAppendableFile(logPath()));
  Status s = log_->truncate(size());  // drop any unpublished tail
  RUNNEL_ASSIGN_OR_RETURN(auto index, env_.newAppendableFile(path(logfmt::kOffsetIndexSuffix)));
  offsetIndex_.attachFile(std::move(index));
  RUNNEL_ASSIGN_OR_RETURN(auto timeIndex, env_.newAppendableFile(path(logfmt::kTimeIndexSuffix)));
  timeIndex_.attachFile(std::move(timeIndex));
  // The files may hold entries the in-memory indexes dropped (a rebuild): make them agree.
  if (s.isOk()) s = offsetIndex_.rewriteFile();
  if (s.isOk()) s = timeIndex_.rewriteFile();
  return s;
}

bool LogSegment::shouldRoll(const LogConfig& config, std::uint64_t bytes, std::int64_t lastOffset,
                            std::int64_t maxTimestamp, std::int64_t nowMs) const {
  if (empty()) return false;
  if (size() + bytes > static_cast<std::uint64_t>(config.segmentBytes)) return true;
  if (size() + bytes > UINT32_MAX) return true;  // index positions are 32-bit
  if (offsetIndex_.entryCount() >= maxIndexEntries_ || timeIndex_.entryCount() >= maxIndexEntries_)
    return true;
  if (lastOffset - baseOffset_ > INT32_MAX) return true;  // index offsets are relative int32
  // Kafka measures segment age from the first batch's timestamp when there is one.
  const std::int64_t age =
      firstBatchTimestamp_ ? maxTimestamp - *firstBatchTimestamp_ : nowMs - createdMs_;
  return age > config.segmentMs;
}

Status LogSegment::append(ByteView bytes, std::span<const BatchSummary> batches) {
  if (!log_) return Status::internal(logPath() + ": segment is not open for appending");
  const std::uint64_t before = size();
  Status s = log_->append(bytes);
  if (s.isOk()) s = log_->flush();
  if (!s.isOk()) {
    const Status undo = log_->truncate(before);
    if (!undo.isOk()) {
      broken_ = true;
      return Status::ioError(s.message() + "; cutting the partial write back also failed (" +
                             undo.message() + "), so the segment must not be written again");
    }
    return s;
  }
  // Publish the bytes first, then the index entries that point at them, so a reader never
  // follows an entry past the size it sees.
  PendingIndexEntry pending[8];
  std::vector<PendingIndexEntry> more;
  std::size_t pendingCount = 0;
  std::uint64_t position = before;
  for (const auto& batch : batches) {
    if (auto due = trackBatch(batch, position)) {
      if (pendingCount < std::size(pending)) {
        pending[pendingCount++] = *due;
      } else {
        more.push_back(*due);
      }
    }
    position += batch.size;
  }
  publish(before + bytes.size(), batches.back().lastOffset + 1);
  // Index entries are best effort: a lost one only makes lookups scan further, and recovery
  // rebuilds the index of any segment it has to scan.
  for (std::size_t i = 0; i < pendingCount; ++i)
    addIndexEntry(pending[i]);
  for (const auto& entry : more)
    addIndexEntry(entry);
  return Status::ok();
}

Status LogSegment::sync() {
  if (!log_) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(log_->sync());
  RUNNEL_RETURN_IF_ERROR(offsetIndex_.sync());
  return timeIndex_.sync();
}

Result<std::int64_t> LogSegment::truncateTo(std::int64_t offset) {
  const std::uint64_t end = size();
  const OffsetPosition start = offsetIndex_.lookup(offset);
  SegmentScanner scanner(*reader_, std::min(start.position, end), end,
                         SegmentScanner::Mode::kHeaders);
  ScannedBatch batch;
  std::uint64_t cut = end;
  std::int64_t cutOffset = INT64_MAX;
  for (;;) {
    RUNNEL_ASSIGN_OR_RETURN(bool found, scanner.next(batch));
    if (!found) break;
    if (batch.lastOffset >= offset) {
      cut = batch.position;
      cutOffset = batch.baseOffset;
      break;
    }
  }
  if (cut == end) return nextOffset();
  RUNNEL_RETURN_IF_ERROR(truncateFile(cut));
  RUNNEL_RETURN_IF_ERROR(offsetIndex_.truncateToOffset(cutOffset));
  RUNNEL_RETURN_IF_ERROR(timeIndex_.truncateToOffset(cutOffset));
  // The time index's last entry may describe a timestamp reached in a batch now gone.
  while (auto last = timeIndex_.lastEntry()) {
    if (last->offset < cutOffset) break;
    RUNNEL_RETURN_IF_ERROR(timeIndex_.truncateToOffset(last->offset));
  }
  RUNNEL_RETURN_IF_ERROR(rebuildTailState(cut, /*checkCrc=*/false));
  return nextOffset();
}

Status LogSegment::addFinalIndexEntries() {
  if (!lastBatch_) return Status::ok();
  // Opening checks the last batch through these entries (see loadIndexes), so a segment cut
  // short is noticed, and a segment too small for a regular entry still has one and needs no
  // rebuild. Without a free slot the check just scans further.
  if (!offsetIndex_.full())
    RUNNEL_RETURN_IF_ERROR(offsetIndex_.append(lastBatch_->offset, lastBatch_->position));
  if (maxTimestampSoFar_ >= 0 && !timeIndex_.full())
    RUNNEL_RETURN_IF_ERROR(timeIndex_.maybeAppend(maxTimestampSoFar_, offsetOfMaxTimestamp_));
  return Status::ok();
}

Status LogSegment::seal() {
  if (!log_) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(addFinalIndexEntries());
  RUNNEL_RETURN_IF_ERROR(sync());
  Status s = log_->close();
  log_.reset();
  if (s.isOk()) s = offsetIndex_.close();
  if (s.isOk()) s = timeIndex_.close();
  return s;
}

Status LogSegment::renameFiles(const std::string& suffix) {
  for (std::string_view ext :
       {logfmt::kOffsetIndexSuffix, logfmt::kTimeIndexSuffix, logfmt::kLogSuffix}) {
    const std::string from = path(ext);
    const std::string to =
        joinPath(dir_, logfmt::baseName(baseOffset_) + std::string(ext) + suffix);
    if (from != to) RUNNEL_RETURN_IF_ERROR(env_.rename(from, to));
  }
  suffix_ = suffix;
  return Status::ok();
}

Status LogSegment::deleteFiles() {
  log_.reset();
  offsetIndex_.close();
  timeIndex_.close();
  Status result;
  for (std::string_view ext :
       {logfmt::kLogSuffix, logfmt::kOffsetIndexSuffix, logfmt::kTimeIndexSuffix}) {
    const std::string p = path(ext);
    if (!env_.fileExists(p)) continue;
    Status s = env_.deleteFile(p);
    if (!s.isOk() && result.isOk()) result = s;
  }
  return result;
}

}  // namespace runnel
