// PartitionLog: the log of one partition replica — a directory of segments holding Kafka
// RecordBatch v2 bytes exactly as produced (offsets and leader epoch stamped in place), with
// offset and time indexes, a leader-epoch cache, retention, compaction and crash recovery.
// The broker appends as leader or follower and serves fetches from read(), which hands out the
// stored bytes with one copy (file -> the caller's buffer).
//
// Threads and locks:
//  - writerMutex_ serialises every mutation (appends, rolls, flushes, truncation, retention,
//    the swap step of compaction) and guards the writer-only state marked GUARDED_BY below.
//  - Readers (fetch, read, offsetForTimestamp, the offset accessors) never take writerMutex_:
//    they copy the published segment list (a shared_ptr to an immutable vector; segmentsMutex_
//    is held only for that copy or the writer's swap, never across I/O) and load the published
//    offsets (atomics), and each segment publishes its own size. Readers therefore never wait
//    for the writer's I/O and only ever see whole batches up to the published end.
//  - Truncation rewrites bytes readers might be looking at, so it bumps truncationGeneration_
//    (odd while in progress); readers that overlap one retry.
//  - cleanerMutex_ lets one compaction run at a time; it does its heavy work without the
//    writer mutex and takes it only to swap segments in.
// Files go through Env and time through Clock; both must outlive the log.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/env.h"
#include "engine/common/result.h"
#include "engine/common/thread_annotations.h"
#include "engine/log/leader_epoch_cache.h"
#include "engine/log/log_config.h"
#include "engine/log/log_segment.h"
#include "engine/log/time_index.h"

namespace runnel {

namespace record {
class RecordBatchView;
}

inline constexpr std::int64_t kNoMaxOffset = INT64_MAX;

struct LogAppendInfo {
  std::int64_t firstOffset = -1;
  std::int64_t lastOffset = -1;
  std::int64_t maxTimestamp = -1;
  std::int64_t offsetOfMaxTimestamp = -1;
  std::int64_t logAppendTimeMs = -1;  // set when the topic uses LogAppendTime
  std::int32_t batchCount = 0;
  std::int64_t recordCount = 0;
  std::uint64_t bytes = 0;
};

// Whole stored batches located by PartitionLog::fetch() but not yet copied: byte ranges of
// segment files. Holding a LogFetch keeps those files readable, even if retention deletes them
// meanwhile; it must not outlive its log. copyTo() is the one copy a fetch makes (a broker
// copies straight into its response buffer).
struct LogSlice {
  std::shared_ptr<const LogSegment> segment;
  std::uint64_t position = 0;
  std::size_t bytes = 0;
};

struct LogFetch {
  std::vector<LogSlice> slices;
  std::size_t bytes = 0;  // total over the slices
  std::int64_t firstOffset =
      -1;  // base offset of the first batch (may be below the requested offset)
  std::int64_t nextOffset = -1;  // where the next fetch should start
  std::int64_t logStartOffset = 0;
  std::int64_t logEndOffset = 0;

  // Copies the batches, in order, to the start of `dest` (at least `bytes` long). Aborted if
  // the log was truncated since the fetch, which may have changed the bytes: fetch again.
  Status copyTo(std::span<std::uint8_t> dest) const;

  // Set by the log: its truncation counter and its value when the fetch was made.
  const std::atomic<std::uint64_t>* truncations = nullptr;
  std::uint64_t generation = 0;
};

struct LogReadResult {
  Bytes records;  // whole stored batches, unchanged
  std::int64_t firstOffset =
      -1;  // base offset of the first batch (may be below the requested offset)
  std::int64_t nextOffset = -1;  // where the next read should start
  std::int64_t logStartOffset = 0;
  std::int64_t logEndOffset = 0;
};

struct RetentionResult {
  int segmentsDeleted = 0;
  std::uint64_t bytesDeleted = 0;
};

struct CompactionResult {
  int segmentsCleaned = 0;
  std::int64_t recordsRemoved = 0;
  std::int64_t tombstonesRemoved = 0;
  std::uint64_t bytesBefore = 0;
  std::uint64_t bytesAfter = 0;
};

// What opening a log found and did: whether the last shutdown was clean and how much of the
// log had to be scanned or re-indexed. Start-up cost and lost indexes show here, not only in the
// log output.
struct LogRecoveryReport {
  bool cleanShutdown = false;  // the clean-shutdown marker was there: every index was trusted
  int segments = 0;
  // Segments scanned in full with CRC checks (after an unclean stop: those at or beyond the
  // recovery point); their indexes are rebuilt by the scan.
  int segmentsRecovered = 0;
  // Segments whose indexes were trusted but turned out missing or damaged, and were rebuilt
  // from a full scan of a valid log file.
  int indexesRebuilt = 0;
  std::uint64_t bytesTruncated = 0;  // torn tail cut from the last segment
};

class PartitionLog {
 public:
  struct Options {
    Env* env = nullptr;
    Clock* clock = nullptr;
    std::string dir;
    LogConfig config;
  };

  // Opens (creating if needed) the log in options.dir, recovering from an unclean shutdown:
  // segments holding offsets at or beyond the recovery-point checkpoint are scanned with CRC
  // checks; a bad tail in the last segment is truncated (with a warning saying how many bytes
  // went); anything bad elsewhere is a Corruption error.
  static Result<std::unique_ptr<PartitionLog>> open(Options options);
  // Closes file handles without syncing (an abrupt stop); see close() for a clean shutdown.
  ~PartitionLog();
  // Clean shutdown: syncs everything, writes the checkpoints and marks the shutdown clean.
  // Afterwards the log only serves reads; writes fail.
  Status close();

  // ---- writing (one writer at a time; calls serialise on the writer mutex) ----

  // Validates `batches` (one or more concatenated RecordBatch v2, CRC and records checked),
  // assigns offsets from the log end and stamps `leaderEpoch` by rewriting the caller's bytes in
  // place, applies LogAppendTime if configured, and appends. On error the log is unchanged.
  Result<LogAppendInfo> appendAsLeader(std::span<std::uint8_t> batches, std::int32_t leaderEpoch);
  // Appends batches copied from the leader, keeping their offsets and epochs: the first must
  // start at the log end and offsets must increase (gaps, left by compaction, are allowed).
  Result<LogAppendInfo> appendAsFollower(ByteView batches);

  // Syncs everything up to the log end and advances the recovery point.
  Status flush();
  // Flushes if flush.ms has passed since the last flush (for a periodic task).
  Status maybeFlush();
  // Starts a new active segment at the log end (no-op if the active segment is empty).
  Status roll();

  // Removes all offsets >= `offset` (a follower diverged). Whole batches go: the new log end may
  // be below `offset` if it fell inside a batch. No-op if offset >= log end.
  Status truncateTo(std::int64_t offset);
  // Deletes everything and restarts the log empty at `offset` (log start = log end = offset).
  Status truncateFullyAndStartAt(std::int64_t offset);
  // Advances the log start (DeleteRecords); deletes segments wholly below it.
  Status deleteRecordsBefore(std::int64_t offset);
  // Deletes the oldest segments beyond retention.ms / retention.bytes (cleanup.policy=delete)
  // and any wholly below the log start; never beyond `highWatermark`.
  Result<RetentionResult> enforceRetention(std::int64_t highWatermark = kNoMaxOffset);
  // Compacts the inactive segments (cleanup.policy=compact): keeps the latest record per key,
  // drops tombstones whose delete horizon has passed. Segments younger than
  // min.compaction.lag.ms, the active segment and anything at or beyond `highWatermark` stay.
  Result<CompactionResult> compact(std::int64_t highWatermark = kNoMaxOffset);

  Status updateConfig(const LogConfig& config);

  // ---- reading (any thread, lock-free) ----

  // Locates whole batches starting with the one containing `offset`, up to maxBytes (at least
  // one batch when minOneBatch, even if larger), none reaching `maxOffset` (exclusive; e.g. the
  // high watermark). OutOfRange when offset is below the log start or above the log end.
  Result<LogFetch> fetch(std::int64_t offset, std::size_t maxBytes,
                         std::int64_t maxOffset = kNoMaxOffset, bool minOneBatch = true) const;
  // fetch() and copy the batches into a new buffer.
  Result<LogReadResult> read(std::int64_t offset, std::size_t maxBytes,
                             std::int64_t maxOffset = kNoMaxOffset, bool minOneBatch = true) const;
  // The first record with timestamp >= `timestamp` (ListOffsets); nullopt if there is none.
  Result<std::optional<TimestampOffset>> offsetForTimestamp(std::int64_t timestamp) const;

  std::int64_t logStartOffset() const { return logStartOffset_.load(std::memory_order_acquire); }
  std::int64_t logEndOffset() const { return logEndOffset_.load(std::memory_order_acquire); }
  std::int64_t recoveryPoint() const { return recoveryPoint_.load(std::memory_order_acquire); }
  // Set by open() and not changed afterwards.
  const LogRecoveryReport& recoveryReport() const { return recoveryReport_; }
  std::uint64_t sizeInBytes() const;
  std::size_t segmentCount() const;
  std::vector<std::int64_t> segmentBaseOffsets() const;
  const std::string& dir() const { return dir_; }
  LogConfig config() const;

  // Leader epochs (KIP-101).
  EpochEndOffset endOffsetForEpoch(std::int32_t epoch) const;
  std::optional<std::int32_t> latestEpoch() const { return epochs_->latestEpoch(); }
  std::vector<EpochEntry> epochEntries() const { return epochs_->entries(); }

 private:
  using SegmentList = std::vector<std::shared_ptr<LogSegment>>;
  struct ValidatedBatch;

  PartitionLog(Options options);
  Status load() EXCLUDES(writerMutex_);
  Status removeLeftovers() REQUIRES(writerMutex_);
  Status completeSwaps(const std::vector<std::string>& names) REQUIRES(writerMutex_);

  std::shared_ptr<const SegmentList> segments() const EXCLUDES(segmentsMutex_) {
    MutexLock lock(segmentsMutex_);
    return segments_;
  }
  void publishSegments(SegmentList list) REQUIRES(writerMutex_);
  LogSegment& active() const REQUIRES(writerMutex_) { return *segments()->back(); }

  Status validateForAppend(ByteView bytes, bool asLeader, std::vector<ValidatedBatch>& out) const
      REQUIRES(writerMutex_);
  Result<LogAppendInfo> appendValidated(ByteView bytes, const std::vector<ValidatedBatch>& batches)
      REQUIRES(writerMutex_);
  Status rollLocked(std::int64_t newBase) REQUIRES(writerMutex_);
  Status flushLocked() REQUIRES(writerMutex_);
  Status writeRecoveryPoint(std::int64_t offset) REQUIRES(writerMutex_);
  Status setLogStart(std::int64_t offset) REQUIRES(writerMutex_);
  Status truncateFullyLocked(std::int64_t offset) REQUIRES(writerMutex_);
  // Runs `fn` with truncationGeneration_ odd, so overlapping readers retry.
  template <typename Fn>
  Status asTruncation(Fn&& fn) REQUIRES(writerMutex_);
  Result<RetentionResult> deleteSegmentsBefore(std::size_t count, std::int64_t newLogStart)
      REQUIRES(writerMutex_);
  Status checkWritable() const REQUIRES(writerMutex_);

  Env& env_;
  Clock& clock_;
  const std::string dir_;
  std::unique_ptr<LeaderEpochCache> epochs_;  // internally locked
  LogRecoveryReport recoveryReport_;          // written only by load()

  mutable Mutex writerMutex_;
  LogConfig config_ GUARDED_BY(writerMutex_);
  std::int64_t unflushedMessages_ GUARDED_BY(writerMutex_) = 0;
  std::int64_t lastFlushMs_ GUARDED_BY(writerMutex_) = 0;
  std::int64_t lastCheckpointMs_ GUARDED_BY(writerMutex_) = 0;
  Status failed_ GUARDED_BY(writerMutex_);  // set when a write left the log in an unknown state
  bool closed_ GUARDED_BY(writerMutex_) = false;

  Mutex cleanerMutex_ ACQUIRED_BEFORE(writerMutex_);

  // Published for readers; replaced only under writerMutex_. A mutex rather than
  // std::atomic<std::shared_ptr>, which not every standard library provides.
  mutable Mutex segmentsMutex_ ACQUIRED_AFTER(writerMutex_);
  std::shared_ptr<const SegmentList> segments_ GUARDED_BY(segmentsMutex_);
  std::atomic<std::int64_t> logStartOffset_{0};
  std::atomic<std::int64_t> logEndOffset_{0};
  std::atomic<std::int64_t> recoveryPoint_{0};
  std::atomic<std::uint64_t> truncationGeneration_{0};
};

}  // namespace runnel
