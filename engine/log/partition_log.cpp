// PartitionLog: appends, reads, flushing and rolling. Opening and recovery live in
// partition_log_open.cpp, truncation and retention in partition_log_retention.cpp, compaction
// in log_cleaner.cpp.
#include "engine/log/partition_log.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "engine/log/checkpoint_file.h"
#include "engine/log/log_format.h"
#include "engine/record/record_batch_patch.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel {

namespace {
// The automatic flush policy writes the recovery-point checkpoint at most this often; explicit
// flush(), roll, truncation and close() always write it.
constexpr std::int64_t kCheckpointIntervalMs = 1000;
// A reader that overlaps a truncation retries; it gives up only if truncations keep it from
// finishing for this long.
constexpr std::chrono::seconds kReadRetryLimit{30};

// Waits a little before retrying a read that raced a truncation.
void backOff(int attempt) {
  if (attempt < 8) {
    std::this_thread::yield();
  } else {
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::min(1000, 20 << std::min(attempt - 8, 6))));
  }
}

std::string str(std::int64_t v) {
  return std::to_string(v);
}
}  // namespace

struct PartitionLog::ValidatedBatch {
  std::size_t position = 0;  // within the appended bytes
  std::uint32_t size = 0;
  std::int64_t baseOffset = 0;
  std::int32_t lastOffsetDelta = 0;
  std::int64_t maxTimestamp = -1;
  std::int32_t epoch = -1;
  std::int32_t recordCount = 0;
};

PartitionLog::PartitionLog(Options options)
    : env_(*options.env),
      clock_(*options.clock),
      dir_(std::move(options.dir)),
      config_(options.config) {}

PartitionLog::~PartitionLog() = default;

void PartitionLog::publishSegments(SegmentList list) {
  auto published = std::make_shared<const SegmentList>(std::move(list));
  MutexLock lock(segmentsMutex_);
  segments_.swap(published);  // the old list is released after the lock
}

Status PartitionLog::checkWritable() const {
  if (closed_) return Status::aborted("log " + dir_ + " is closed");
  if (!failed_.isOk())
    return failed_.withContext("log " + dir_ + " is offline after an earlier failure");
  return Status::ok();
}

LogConfig PartitionLog::config() const {
  MutexLock lock(writerMutex_);
  return config_;
}

Status PartitionLog::updateConfig(const LogConfig& config) {
  MutexLock lock(writerMutex_);
  config_ = config;
  return Status::ok();
}

// ---- appending -----------------------------------------------------------------------------

Status PartitionLog::validateForAppend(ByteView bytes, bool asLeader,
                                       std::vector<ValidatedBatch>& out) const {
  auto views = record::splitBatches(bytes);
  if (!views.isOk()) return views.status();
  if (views->empty()) return Status::invalidArgument("append carries no record batches");
  std::int64_t expected = logEndOffset();
  std::size_t position = 0;
  for (const auto& view : *views) {
    const std::string where = "record batch " + str(static_cast<std::int64_t>(out.size()));
    if (view.sizeInBytes() > static_cast<std::uint64_t>(config_.maxMessageBytes)) {
      return Status::invalidArgument(
          where + " is " + str(static_cast<std::int64_t>(view.sizeInBytes())) +
          " bytes, above max.message.bytes=" + str(config_.maxMessageBytes));
    }
    RUNNEL_RETURN_IF_ERROR(view.validate());
    if (asLeader) {
      if (view.recordCount() == 0) return Status::invalidArgument(where + " has no records");
      if (view.recordCount() != std::int64_t{view.lastOffsetDelta()} + 1) {
        return Status::invalidArgument(where + " has " + str(view.recordCount()) +
                                       " records but lastOffsetDelta " +
                                       str(view.lastOffsetDelta()));
      }
      RUNNEL_RETURN_IF_ERROR(view.checkRecords());
      if (config_.cleanupCompact && !view.isControl()) {
        record::RecordIterator it(view);
        record::Record r;
        while (it.next(r)) {
          if (!r.key)
            return Status::invalidArgument("compacted topics need a key on every record (" + where +
                                           ")");
        }
      }
    } else {
      if (view.baseOffset() < expected) {
        return Status::invalidArgument(
            where + " starts at offset " + str(view.baseOffset()) + ", expected " +
            (out.empty() ? "the log end " : "at least ") + str(expected));
      }
      if (out.empty() && view.baseOffset() != expected) {
        return Status::invalidArgument(where + " starts at offset " + str(view.baseOffset()) +
                                       " but the log ends at " + str(expected));
      }
      expected = view.nextOffset();
    }
    out.push_back({position, static_cast<std::uint32_t>(view.sizeInBytes()), view.baseOffset(),
                   view.lastOffsetDelta(), view.maxTimestamp(), view.partitionLeaderEpoch(),
                   view.recordCount()});
    position += view.sizeInBytes();
  }
  return Status::ok();
}

Result<LogAppendInfo> PartitionLog::appendAsLeader(std::span<std::uint8_t> bytes,
                                                   std::int32_t leaderEpoch) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  std::vector<ValidatedBatch> batches;
  RUNNEL_RETURN_IF_ERROR(validateForAppend(bytes, /*asLeader=*/true, batches));

  // Everything is valid: stamp offsets, epoch and (maybe) the append time in place.
  const bool logAppendTime = config_.timestampType == record::TimestampType::kLogAppendTime;
  const std::int64_t now = clock_.nowMs();
  std::int64_t next = logEndOffset();
  for (auto& b : batches) {
    auto batch = bytes.subspan(b.position, b.size);
    record::setBaseOffset(batch, next);
    record::setPartitionLeaderEpoch(batch, leaderEpoch);
    if (logAppendTime) {
      record::setLogAppendTime(batch, now);
      b.maxTimestamp = now;
    }
    b.baseOffset = next;
    b.epoch = leaderEpoch;
    next += std::int64_t{b.lastOffsetDelta} + 1;
  }
  RUNNEL_ASSIGN_OR_RETURN(LogAppendInfo info, appendValidated(bytes, batches));
  if (logAppendTime) info.logAppendTimeMs = now;
  return info;
}

Result<LogAppendInfo> PartitionLog::appendAsFollower(ByteView bytes) {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  std::vector<ValidatedBatch> batches;
  RUNNEL_RETURN_IF_ERROR(validateForAppend(bytes, /*asLeader=*/false, batches));
  return appendValidated(bytes, batches);
}

Result<LogAppendInfo> PartitionLog::appendValidated(ByteView bytes,
                                                    const std::vector<ValidatedBatch>& batches) {
  LogAppendInfo info;
  info.firstOffset = batches.front().baseOffset;
  std::vector<BatchSummary> summaries;
  summaries.reserve(batches.size());
  for (const auto& b : batches) {
    const std::int64_t last = b.baseOffset + b.lastOffsetDelta;
    if (b.maxTimestamp > info.maxTimestamp) {
      info.maxTimestamp = b.maxTimestamp;
      info.offsetOfMaxTimestamp = last;
    }
    info.lastOffset = last;
    info.recordCount += b.recordCount;
    summaries.push_back({b.baseOffset, last, b.maxTimestamp, b.size});
  }
  info.batchCount = static_cast<std::int32_t>(batches.size());
  info.bytes = bytes.size();

  if (active().shouldRoll(config_, bytes.size(), info.lastOffset, info.maxTimestamp,
                          clock_.nowMs())) {
    RUNNEL_RETURN_IF_ERROR(rollLocked(info.firstOffset));
  }
  // Epochs first: if the data write then fails, an epoch starting at the unchanged log end is
  // harmless, whereas data without its epoch entry would mislead follower truncation.
  for (const auto& b : batches)
    RUNNEL_RETURN_IF_ERROR(epochs_->assign(b.epoch, b.baseOffset));

  LogSegment& seg = active();
  Status s = seg.append(bytes, summaries);
  if (!s.isOk()) {
    if (seg.broken()) failed_ = s;
    return s.withContext("appending to " + dir_);
  }
  logEndOffset_.store(info.lastOffset + 1, std::memory_order_release);

  unflushedMessages_ += info.recordCount;
  const std::int64_t now = clock_.nowMs();
  if (unflushedMessages_ >= config_.flushMessages ||
      (config_.flushMs != LogConfig::kNoLimit && now - lastFlushMs_ >= config_.flushMs)) {
    RUNNEL_RETURN_IF_ERROR(flushLocked());
  }
  return info;
}

// ---- flushing and rolling --------------------------------------------------------------------

Status PartitionLog::writeRecoveryPoint(std::int64_t offset) {
  RUNNEL_RETURN_IF_ERROR(
      writeOffsetCheckpoint(env_, joinPath(dir_, logfmt::kRecoveryPointFile), offset));
  lastCheckpointMs_ = clock_.nowMs();
  return Status::ok();
}

Status PartitionLog::flushLocked() {
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  RUNNEL_RETURN_IF_ERROR(active().sync());  // earlier segments were synced when sealed
  const std::int64_t end = logEndOffset();
  recoveryPoint_.store(end, std::memory_order_release);
  unflushedMessages_ = 0;
  lastFlushMs_ = clock_.nowMs();
  if (lastFlushMs_ - lastCheckpointMs_ >= kCheckpointIntervalMs) return writeRecoveryPoint(end);
  return Status::ok();
}

Status PartitionLog::flush() {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(flushLocked());
  return writeRecoveryPoint(logEndOffset());
}

Status PartitionLog::maybeFlush() {
  MutexLock lock(writerMutex_);
  if (unflushedMessages_ == 0 || config_.flushMs == LogConfig::kNoLimit) return Status::ok();
  if (clock_.nowMs() - lastFlushMs_ < config_.flushMs) return Status::ok();
  return flushLocked();
}

Status PartitionLog::roll() {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  return rollLocked(logEndOffset());
}

Status PartitionLog::rollLocked(std::int64_t newBase) {
  auto list = *segments();
  std::shared_ptr<LogSegment> old = list.back();
  if (old->empty()) {
    if (old->baseOffset() == newBase) return Status::ok();
    // An empty active segment at the wrong base (a follower jumping over a gap): replace it.
    RUNNEL_ASSIGN_OR_RETURN(auto fresh, LogSegment::create(env_, dir_, newBase, config_));
    fresh->createdMs_ = clock_.nowMs();
    list.back() = fresh;
    publishSegments(std::move(list));
    return old->deleteFiles();
  }
  RUNNEL_RETURN_IF_ERROR(old->seal());  // syncs: every non-active segment is durable
  auto created = LogSegment::create(env_, dir_, newBase, config_);
  if (!created.isOk()) {
    // Keep appending to the old segment; the caller sees why the roll failed.
    old->openForAppend();
    return created.status().withContext("rolling a new segment in " + dir_);
  }
  (*created)->createdMs_ = clock_.nowMs();
  list.push_back(*created);
  publishSegments(std::move(list));
  const std::int64_t end = logEndOffset();
  recoveryPoint_.store(end, std::memory_order_release);
  unflushedMessages_ = 0;
  return writeRecoveryPoint(end);
}

Status PartitionLog::close() {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(checkWritable());
  // Without an entry the next open could not check the active segment's tail and would rebuild
  // its indexes (the usual case for a segment smaller than index.interval.bytes).
  RUNNEL_RETURN_IF_ERROR(active().addFinalIndexEntries());
  RUNNEL_RETURN_IF_ERROR(active().sync());
  const std::int64_t end = logEndOffset();
  recoveryPoint_.store(end, std::memory_order_release);
  RUNNEL_RETURN_IF_ERROR(writeRecoveryPoint(end));
  RUNNEL_RETURN_IF_ERROR(
      writeOffsetCheckpoint(env_, joinPath(dir_, logfmt::kLogStartOffsetFile), logStartOffset()));
  // Marks the shutdown clean, so the next open trusts the active segment's index too; from now
  // on nothing may be written, or the marker would vouch for unsynced data.
  RUNNEL_RETURN_IF_ERROR(writeFileAtomically(env_, joinPath(dir_, logfmt::kCleanShutdownFile), {}));
  closed_ = true;
  return Status::ok();
}

// ---- reading -------------------------------------------------------------------------------

Status LogFetch::copyTo(std::span<std::uint8_t> dest) const {
  if (dest.size() < bytes) return Status::invalidArgument("fetch buffer too small");
  const auto truncated = [&] {
    return truncations != nullptr && truncations->load(std::memory_order_acquire) != generation;
  };
  std::size_t at = 0;
  Status s;
  for (const auto& slice : slices) {
    s = slice.segment->readAt(slice.position, dest.subspan(at, slice.bytes));
    if (!s.isOk()) break;
    at += slice.bytes;
  }
  // A truncation explains (and takes precedence over) a short read.
  if (truncated())
    return Status::aborted("the log was truncated while a fetch was being copied; fetch again");
  return s;
}

Result<LogFetch> PartitionLog::fetch(std::int64_t offset, std::size_t maxBytes,
                                     std::int64_t maxOffset, bool minOneBatch) const {
  const auto deadline = std::chrono::steady_clock::now() + kReadRetryLimit;
  for (int attempt = 0; std::chrono::steady_clock::now() < deadline; backOff(attempt++)) {
    const std::uint64_t generation = truncationGeneration_.load(std::memory_order_acquire);
    if (generation % 2 == 1) continue;  // a truncation is rewriting segments right now
    LogFetch result;
    result.truncations = &truncationGeneration_;
    result.generation = generation;
    result.logStartOffset = logStartOffset();
    result.logEndOffset = logEndOffset();
    if (offset < result.logStartOffset || offset > result.logEndOffset) {
      return Status::outOfRange("offset " + str(offset) + " is outside the log [" +
                                str(result.logStartOffset) + ", " + str(result.logEndOffset) +
                                "] of " + dir_);
    }
    result.nextOffset = offset;
    const std::int64_t limit = std::min(maxOffset, result.logEndOffset);
    const auto list = segments();
    // The last segment whose base is at or below the offset.
    auto it =
        std::upper_bound(list->begin(), list->end(), offset,
                         [](std::int64_t o, const auto& seg) { return o < seg->baseOffset(); });
    if (it != list->begin()) --it;
    std::int64_t position = offset;
    std::size_t budget = maxBytes;
    Status failure;
    for (; it != list->end() && position < limit; ++it) {
      auto part = (*it)->locate(position, budget, limit, minOneBatch && result.bytes == 0);
      if (!part.isOk()) {
        failure = part.status();
        break;
      }
      if (part->bytes > 0) {
        if (result.firstOffset < 0) result.firstOffset = part->firstOffset;
        result.slices.push_back({*it, part->position, part->bytes});
        result.bytes += part->bytes;
        result.nextOffset = part->nextOffset;
        position = part->nextOffset;
        budget = part->bytes >= budget ? 0 : budget - part->bytes;
      }
      if (part->stopped || budget == 0) break;
    }
    if (truncationGeneration_.load(std::memory_order_acquire) != generation)
      continue;  // raced: retry
    if (!failure.isOk()) return failure;
    return result;
  }
  return Status::unavailable("log " + dir_ + " kept being truncated during a fetch");
}

Result<LogReadResult> PartitionLog::read(std::int64_t offset, std::size_t maxBytes,
                                         std::int64_t maxOffset, bool minOneBatch) const {
  for (;;) {
    RUNNEL_ASSIGN_OR_RETURN(LogFetch located, fetch(offset, maxBytes, maxOffset, minOneBatch));
    LogReadResult result;
    result.records.resize(located.bytes);
    Status copied = located.copyTo(result.records);
    if (copied.isAborted()) continue;  // truncated in between: locate again
    RUNNEL_RETURN_IF_ERROR(copied);
    result.firstOffset = located.firstOffset;
    result.nextOffset = located.nextOffset;
    result.logStartOffset = located.logStartOffset;
    result.logEndOffset = located.logEndOffset;
    return result;
  }
}

Result<std::optional<TimestampOffset>> PartitionLog::offsetForTimestamp(
    std::int64_t timestamp) const {
  const auto deadline = std::chrono::steady_clock::now() + kReadRetryLimit;
  for (int attempt = 0; std::chrono::steady_clock::now() < deadline; backOff(attempt++)) {
    const std::uint64_t generation = truncationGeneration_.load(std::memory_order_acquire);
    if (generation % 2 == 1) continue;
    const std::int64_t start = logStartOffset();
    Result<std::optional<TimestampOffset>> found = std::optional<TimestampOffset>();
    const auto list = segments();  // holds the list alive for the loop
    for (const auto& seg : *list) {
      if (seg->nextOffset() <= start || seg->maxTimestamp() < timestamp) continue;
      found = seg->findOffsetByTimestamp(timestamp, start);
      if (!found.isOk() || found->has_value()) break;
    }
    if (truncationGeneration_.load(std::memory_order_acquire) != generation) continue;
    return found;
  }
  return Status::unavailable("log " + dir_ + " kept being truncated during a lookup");
}

std::uint64_t PartitionLog::sizeInBytes() const {
  std::uint64_t total = 0;
  const auto list = segments();
  for (const auto& seg : *list)
    total += seg->size();
  return total;
}

std::size_t PartitionLog::segmentCount() const {
  return segments()->size();
}

std::vector<std::int64_t> PartitionLog::segmentBaseOffsets() const {
  std::vector<std::int64_t> out;
  const auto list = segments();
  for (const auto& seg : *list)
    out.push_back(seg->baseOffset());
  return out;
}

EpochEndOffset PartitionLog::endOffsetForEpoch(std::int32_t epoch) const {
  return epochs_->endOffsetFor(epoch, logEndOffset());
}

}  // namespace runnel
