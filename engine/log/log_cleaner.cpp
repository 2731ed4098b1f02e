// PartitionLog::compact(): log compaction for cleanup.policy=compact, after Kafka's cleaner.
//  1. Snapshot the inactive segments that may be cleaned (older than min.compaction.lag.ms,
//     below the high watermark) — without the writer mutex: sealed segments never change.
//  2. Build the map key -> latest offset over them.
//  3. Rewrite each into "<base>.*.cleaned": batches whose records all survive are copied
//     byte for byte; others are re-encoded with the same base offset, last offset, producer
//     fields and codec. A tombstone that is the latest for its key survives until its batch's
//     delete horizon (KIP-534: set to now + delete.retention.ms the first time it is cleaned)
//     has passed. Control batches are kept as they are.
//  4. Under the writer mutex, if nothing was truncated or deleted meanwhile, rename the cleaned
//     files to ".swap" (the .log last: its presence commits the swap for recovery) and then
//     over the originals, and publish the new segment list. Readers holding old segments keep
//     reading the replaced files through their open handles.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "engine/common/logging.h"
#include "engine/log/log_format.h"
#include "engine/log/partition_log.h"
#include "engine/log/segment_scanner.h"
#include "engine/record/record_batch_builder.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel {
namespace {

using record::Record;
using record::RecordBatchView;
using record::RecordIterator;

struct Cleaning {
  const LogConfig& config;
  std::int64_t now;
  std::unordered_map<std::string, std::int64_t> latest;
  CompactionResult result;
  bool segmentChanged = false;  // whether the segment being cleaned differs from its original
};

Status appendBatch(LogSegment& out, ByteView bytes) {
  RUNNEL_ASSIGN_OR_RETURN(RecordBatchView view, RecordBatchView::parse(bytes));
  const BatchSummary summary{view.baseOffset(), view.lastOffset(), view.maxTimestamp(),
                             static_cast<std::uint32_t>(view.sizeInBytes())};
  return out.append(bytes, std::span(&summary, 1));
}

Status cleanBatch(Cleaning& c, const RecordBatchView& view, LogSegment& out) {
  if (view.isControl()) return appendBatch(out, view.bytes());
  RecordIterator it(view);
  Record r;
  std::vector<Record> kept;
  bool changed = false;
  bool keptTombstone = false;
  while (it.next(r)) {
    bool keep = true;
    if (r.key) {
      const auto found = c.latest.find(std::string(asChars(*r.key)));
      keep = found == c.latest.end() || found->second == r.offset;
      if (keep && !r.value) {
        if (view.hasDeleteHorizon() && c.now >= view.baseTimestamp()) {
          keep = false;
          ++c.result.tombstonesRemoved;
        } else {
          keptTombstone = true;
        }
      }
    }
    if (keep) {
      kept.push_back(r);
    } else {
      changed = true;
      ++c.result.recordsRemoved;
    }
  }
  RUNNEL_RETURN_IF_ERROR(it.status());
  const bool needHorizon = keptTombstone && !view.hasDeleteHorizon();
  if (!changed && !needHorizon) return appendBatch(out, view.bytes());
  c.segmentChanged = true;
  if (kept.empty()) return Status::ok();

  std::optional<std::int64_t> horizon;
  if (view.hasDeleteHorizon()) {
    horizon = view.baseTimestamp();
  } else if (needHorizon) {
    horizon = c.now + c.config.deleteRetentionMs;
  }
  record::RecordBatchBuilder builder({.baseOffset = view.baseOffset(),
                                      .partitionLeaderEpoch = view.partitionLeaderEpoch(),
                                      .compression = view.compression(),
                                      .timestampType = view.timestampType(),
                                      .transactional = view.isTransactional(),
                                      .producerId = view.producerId(),
                                      .producerEpoch = view.producerEpoch(),
                                      .baseSequence = view.baseSequence(),
                                      .deleteHorizonMs = horizon});
  for (const auto& k : kept) {
    RUNNEL_RETURN_IF_ERROR(
        builder.appendWithOffset(k.offset, k.timestamp, k.key, k.value, k.headers));
  }
  builder.overrideLastOffset(view.lastOffset());
  RUNNEL_ASSIGN_OR_RETURN(Bytes bytes, builder.build());
  return appendBatch(out, bytes);
}

}  // namespace

Result<CompactionResult> PartitionLog::compact(std::int64_t highWatermark) {
  MutexLock cleanerLock(cleanerMutex_);
  LogConfig config;
  std::shared_ptr<const SegmentList> snapshot;
  std::uint64_t generation = 0;
  {
    MutexLock lock(writerMutex_);
    RUNNEL_RETURN_IF_ERROR(checkWritable());
    config = config_;
    snapshot = segments();
    generation = truncationGeneration_.load(std::memory_order_acquire);
  }
  if (!config.cleanupCompact) return CompactionResult{};
  Cleaning c{config, clock_.nowMs(), {}, {}};

  SegmentList cleanable;
  for (std::size_t i = 0; i + 1 < snapshot->size(); ++i) {
    const auto& seg = (*snapshot)[i];
    if (seg->nextOffset() > highWatermark) break;
    if (config.minCompactionLagMs > 0 && seg->maxTimestamp() > c.now - config.minCompactionLagMs)
      break;
    cleanable.push_back(seg);
  }
  if (cleanable.empty()) return c.result;

  for (const auto& seg : cleanable) {
    RUNNEL_RETURN_IF_ERROR(seg->forEachBatch([&](const ScannedBatch& b) -> Status {
      RUNNEL_ASSIGN_OR_RETURN(RecordBatchView view, RecordBatchView::parse(b.bytes));
      if (view.isControl()) return Status::ok();
      RecordIterator it(view);
      Record r;
      while (it.next(r)) {
        if (r.key) c.latest[std::string(asChars(*r.key))] = r.offset;
      }
      return it.status();
    }));
  }

  // cleaned[i] replaces originals[i]; segments that would come out unchanged are skipped.
  SegmentList cleaned;
  SegmentList originals;
  const auto discard = [&] {
    for (const auto& seg : cleaned)
      seg->deleteFiles();
  };
  for (const auto& seg : cleanable) {
    auto out = LogSegment::create(env_, dir_, seg->baseOffset(), config,
                                  std::string(logfmt::kCleanedSuffix));
    if (!out.isOk()) {
      discard();
      return out.status();
    }
    c.segmentChanged = false;
    Status s = seg->forEachBatch([&](const ScannedBatch& b) -> Status {
      RUNNEL_ASSIGN_OR_RETURN(RecordBatchView view, RecordBatchView::parse(b.bytes));
      return cleanBatch(c, view, **out);
    });
    if (s.isOk() && c.segmentChanged) s = (*out)->seal();
    if (!s.isOk()) {
      (*out)->deleteFiles();
      discard();
      return s.withContext("compacting " + seg->logPath());
    }
    if (!c.segmentChanged) {
      (*out)->deleteFiles();
      continue;
    }
    c.result.bytesBefore += seg->size();
    c.result.bytesAfter += (*out)->size();
    cleaned.push_back(*out);
    originals.push_back(seg);
  }
  if (cleaned.empty()) return c.result;

  MutexLock lock(writerMutex_);
  SegmentList current = *segments();
  bool unchanged = truncationGeneration_.load(std::memory_order_acquire) == generation &&
                   current.size() > cleanable.size();
  for (std::size_t i = 0; unchanged && i < cleanable.size(); ++i)
    unchanged = current[i] == cleanable[i];
  if (!unchanged) {
    discard();
    return Status::aborted("log " + dir_ +
                           " was truncated or trimmed during compaction; nothing was changed");
  }
  for (const auto& seg : cleaned) {
    Status s = seg->renameFiles(std::string(logfmt::kSwapSuffix));
    if (!s.isOk()) {
      discard();
      return s;
    }
  }
  // From here the swap is committed: a crash is finished by the next open (completeSwaps).
  for (std::size_t i = 0; i < cleaned.size(); ++i) {
    Status s = cleaned[i]->renameFiles("");
    if (!s.isOk()) {
      failed_ = s;
      return s.withContext("finishing a compaction swap (the next open completes it)");
    }
    std::replace(current.begin(), current.end(), originals[i], cleaned[i]);
  }
  RUNNEL_RETURN_IF_ERROR(env_.syncDir(dir_));
  publishSegments(std::move(current));
  c.result.segmentsCleaned = static_cast<int>(cleaned.size());
  logger().info(
      "log {}: compacted {} segment(s) from {} to {} bytes, removing {} records and {} tombstones",
      dir_, c.result.segmentsCleaned, c.result.bytesBefore, c.result.bytesAfter,
      c.result.recordsRemoved, c.result.tombstonesRemoved);
  return c.result;
}

}  // namespace runnel
