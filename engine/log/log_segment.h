// LogSegment: one file of a partition's log (<base>.log) with its sparse offset index (.index)
// and time index (.timeindex). Appends go to the end; readers find batches through the index and
// a short header scan. The segment publishes its size and next offset with release stores after
// the bytes are in the file, so concurrent readers only ever see whole batches.
// Thread-safety: methods marked "writer" are called by the owning PartitionLog's single writer
// (under its mutex); the others from any thread, lock-free. Lifetime: shared_ptr; readers that
// hold one keep reading the (possibly deleted) files safely.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "engine/common/env.h"
#include "engine/common/result.h"
#include "engine/log/log_config.h"
#include "engine/log/offset_index.h"
#include "engine/log/time_index.h"

namespace runnel {

struct ScannedBatch;

// What the segment needs to know about each appended batch.
struct BatchSummary {
  std::int64_t baseOffset = 0;
  std::int64_t lastOffset = 0;
  std::int64_t maxTimestamp = 0;
  std::uint32_t size = 0;
};

// A run of whole batches located in a segment file: [position, position + bytes).
struct SegmentSlice {
  std::uint64_t position = 0;
  std::size_t bytes = 0;
  std::int64_t firstOffset = -1;  // base offset of the first batch
  std::int64_t nextOffset = -1;   // where a read after these batches starts
  bool stopped = false;           // cut by maxBytes or maxOffset (not the segment's end)
};

// How a full scan of a segment ended.
struct SegmentRecovery {
  std::uint64_t validBytes = 0;  // bytes of whole, valid batches from the start
  std::uint64_t fileBytes = 0;
  std::string problem;  // why the scan stopped before fileBytes; empty if it did not
};

class LogSegment {
 public:
  // Creates the three files (emptying any existing ones) and opens them for appending.
  // `suffix` is appended to every file name (".cleaned" for the cleaner's output).
  static Result<std::shared_ptr<LogSegment>> create(Env& env, const std::string& dir,
                                                    std::int64_t baseOffset,
                                                    const LogConfig& config,
                                                    std::string suffix = "");
  // Opens an existing segment for reading; its indexes are empty until loadIndexes() or recover().
  static Result<std::shared_ptr<LogSegment>> open(Env& env, const std::string& dir,
                                                  std::int64_t baseOffset, const LogConfig& config);
  ~LogSegment();

  std::int64_t baseOffset() const { return baseOffset_; }
  // Published state, safe from any thread.
  std::uint64_t size() const { return size_.load(std::memory_order_acquire); }
  std::int64_t nextOffset() const { return nextOffset_.load(std::memory_order_acquire); }
  std::int64_t maxTimestamp() const { return maxTimestamp_.load(std::memory_order_acquire); }
  bool empty() const { return size() == 0; }

  // ---- reading (any thread) ----
  // Locates whole batches starting with the one that contains `offset` (or the first one after
  // it), stopping before maxBytes would be exceeded or a batch reaches `maxOffset` (exclusive).
  // With `minOneBatch`, the first batch counts even if larger than maxBytes. Reads only batch
  // headers near the two ends (the offset index finds them); copying is readAt()'s job.
  Result<SegmentSlice> locate(std::int64_t offset, std::size_t maxBytes, std::int64_t maxOffset,
                              bool minOneBatch) const;
  // Copies exactly out.size() bytes from `position` of the .log file.
  Status readAt(std::uint64_t position, std::span<std::uint8_t> out) const;
  // The first record with timestamp >= `timestamp` and offset >= `minOffset`, if any.
  Result<std::optional<TimestampOffset>> findOffsetByTimestamp(std::int64_t timestamp,
                                                               std::int64_t minOffset) const;
  // Calls fn for every batch (whole bytes, CRC checked) in order; stops at fn's first error.
  Status forEachBatch(const std::function<Status(const ScannedBatch&)>& fn) const;

  // ---- writer ----
  // Loads the index files and verifies the segment's tail: every batch from the last indexed one
  // to the end must be whole with a good CRC and the file must end exactly after the last.
  // Missing or malformed indexes, or a tail that does not match them, are rebuilt from a full
  // scan if that scan finds the whole file valid (rebuiltIndexes() then says so).
  // Corruption when the log file is damaged or shorter than its index says.
  Status loadIndexes();
  bool rebuiltIndexes() const { return rebuiltIndexes_; }
  // Scans the whole file, checking each batch's CRC and that offsets increase from the base and
  // stay below `offsetLimit`; rebuilds the indexes from what is valid. Calls onBatch for each
  // valid batch. Does not modify the .log file: see truncateFile().
  Result<SegmentRecovery> recover(std::int64_t offsetLimit,
                                  const std::function<Status(const ScannedBatch&)>& onBatch);
  // Cuts the .log file to `bytes` (after recover() found a bad tail).
  Status truncateFile(std::uint64_t bytes);

  Status openForAppend();
  bool isOpenForAppend() const { return log_ != nullptr; }
  // Whether appending `bytes` more bytes of batches up to `lastOffset` with max timestamp
  // `maxTimestamp` should go to a new segment instead.
  bool shouldRoll(const LogConfig& config, std::uint64_t bytes, std::int64_t lastOffset,
                  std::int64_t maxTimestamp, std::int64_t nowMs) const;
  // Writes the batches (their summaries in order) and publishes them. On failure nothing is
  // published and the file is cut back to its previous size; if even that fails the result is
  // an error whose message says so and the caller must stop using the segment.
  Status append(ByteView bytes, std::span<const BatchSummary> batches);
  // True after an append failed and could not be undone: the file's tail is unknown.
  bool broken() const { return broken_; }
  // Hands buffered index bytes to the OS and fsyncs the log and both indexes.
  Status sync();
  // Removes every batch containing an offset >= `offset` (whole batches: a batch straddling it
  // goes too). Returns the new next offset.
  Result<std::int64_t> truncateTo(std::int64_t offset);
  // Index entries for the last batch and the largest timestamp so far (for seal() and a clean
  // shutdown): the next open verifies the tail through them instead of rebuilding the indexes.
  Status addFinalIndexEntries();
  // Before the segment stops being the active one: final index entries for its last batch and
  // largest timestamp, sync, close the writers.
  Status seal();
  // Renames the files to carry `suffix` (e.g. from ".cleaned" to ".swap" to "").
  Status renameFiles(const std::string& suffix);
  // Adds the final index entries and writes the in-memory indexes to their files (after a
  // rebuild of a segment not being appended to).
  Status persistIndexes();
  Status deleteFiles();

  std::string logPath() const { return path(".log"); }

 private:
  LogSegment(Env& env, std::string dir, std::int64_t baseOffset, const LogConfig& config,
             std::string suffix);
  std::string path(std::string_view ext) const;
  Status openReader();
  void resetWriterState();
  // An index entry due at a batch, with the time index's values at that point.
  struct PendingIndexEntry {
    std::int64_t offset = 0;
    std::uint64_t position = 0;
    std::int64_t maxTimestamp = -1;
    std::int64_t offsetOfMaxTimestamp = -1;
  };
  // Updates the running state for a batch written at `position`; returns the index entry due
  // there, if any (every index.interval.bytes).
  std::optional<PendingIndexEntry> trackBatch(const BatchSummary& batch, std::uint64_t position);
  Status addIndexEntry(const PendingIndexEntry& entry);
  // Re-derives running state by scanning from the last index entry to `end`.
  Status rebuildTailState(std::uint64_t end, bool checkCrc);
  void publish(std::uint64_t size, std::int64_t nextOffset);

  Env& env_;
  const std::string dir_;
  const std::int64_t baseOffset_;
  const std::size_t maxIndexEntries_;
  const std::int64_t indexIntervalBytes_;
  std::string suffix_;  // writer

  std::unique_ptr<RandomAccessFile> reader_;  // set once at creation; read by any thread
  std::unique_ptr<WritableFile> log_;         // writer; null when not open for append
  OffsetIndex offsetIndex_;
  TimeIndex timeIndex_;

  // Writer-side running state.
  std::int64_t bytesSinceLastIndexEntry_ = 0;
  std::int64_t maxTimestampSoFar_ = -1;
  std::int64_t offsetOfMaxTimestamp_ = -1;
  std::optional<std::int64_t> firstBatchTimestamp_;
  std::optional<OffsetPosition> lastBatch_;
  std::int64_t createdMs_ = 0;
  bool broken_ = false;
  bool rebuiltIndexes_ = false;

  // Published state.
  std::atomic<std::uint64_t> size_{0};
  std::atomic<std::int64_t> nextOffset_;
  std::atomic<std::int64_t> maxTimestamp_{-1};

  friend class PartitionLog;
};

}  // namespace runnel
