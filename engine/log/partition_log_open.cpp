// PartitionLog: opening a partition directory and recovering from an unclean shutdown.
#include <algorithm>

#include "engine/common/logging.h"
#include "engine/log/checkpoint_file.h"
#include "engine/log/log_format.h"
#include "engine/log/partition_log.h"
#include "engine/log/segment_scanner.h"

namespace runnel {

Result<std::unique_ptr<PartitionLog>> PartitionLog::open(Options options) {
  if (options.env == nullptr || options.clock == nullptr || options.dir.empty()) {
    return Status::invalidArgument("PartitionLog::open needs an Env, a Clock and a directory");
  }
  std::unique_ptr<PartitionLog> log(new PartitionLog(std::move(options)));
  RUNNEL_RETURN_IF_ERROR(log->load().withContext("opening log " + log->dir_));
  return log;
}

Status PartitionLog::removeLeftovers() {
  RUNNEL_ASSIGN_OR_RETURN(auto names, env_.listDir(dir_));
  RUNNEL_RETURN_IF_ERROR(completeSwaps(names));
  RUNNEL_ASSIGN_OR_RETURN(names, env_.listDir(dir_));
  for (const auto& name : names) {
    const std::string_view n = name;
    if (n.ends_with(logfmt::kTmpSuffix) || n.ends_with(logfmt::kCleanedSuffix) ||
        n.ends_with(logfmt::kSwapSuffix)) {
      RUNNEL_RETURN_IF_ERROR(env_.deleteFile(joinPath(dir_, name)));
    }
  }
  return Status::ok();
}

// A cleaner swap is committed once "<base>.log.swap" exists (it is renamed last): finish it.
// Index swaps without their log swap belong to an unfinished swap and are deleted later.
Status PartitionLog::completeSwaps(const std::vector<std::string>& names) {
  const std::string logSwap = std::string(logfmt::kLogSuffix) + std::string(logfmt::kSwapSuffix);
  for (const auto& name : names) {
    const auto base = logfmt::parseBaseOffset(name, logSwap);
    if (!base) continue;
    for (std::string_view ext : {logfmt::kOffsetIndexSuffix, logfmt::kTimeIndexSuffix}) {
      const std::string final = joinPath(dir_, logfmt::baseName(*base) + std::string(ext));
      const std::string swap = final + std::string(logfmt::kSwapSuffix);
      if (env_.fileExists(swap)) {
        RUNNEL_RETURN_IF_ERROR(env_.rename(swap, final));
      } else if (env_.fileExists(final)) {
        RUNNEL_RETURN_IF_ERROR(env_.deleteFile(final));  // the old index: rebuilt on load
      }
    }
    RUNNEL_RETURN_IF_ERROR(
        env_.rename(joinPath(dir_, name), joinPath(dir_, logfmt::logFileName(*base))));
  }
  return env_.syncDir(dir_);
}

Status PartitionLog::load() {
  MutexLock lock(writerMutex_);
  RUNNEL_RETURN_IF_ERROR(env_.createDir(dir_));
  RUNNEL_RETURN_IF_ERROR(removeLeftovers());
  RUNNEL_ASSIGN_OR_RETURN(epochs_,
                          LeaderEpochCache::open(env_, joinPath(dir_, logfmt::kLeaderEpochFile)));

  const std::string cleanMarker = joinPath(dir_, logfmt::kCleanShutdownFile);
  const bool cleanShutdown = env_.fileExists(cleanMarker);
  recoveryReport_.cleanShutdown = cleanShutdown;
  RUNNEL_ASSIGN_OR_RETURN(auto recoveryCheckpoint,
                          readOffsetCheckpoint(env_, joinPath(dir_, logfmt::kRecoveryPointFile)));
  RUNNEL_ASSIGN_OR_RETURN(auto startCheckpoint,
                          readOffsetCheckpoint(env_, joinPath(dir_, logfmt::kLogStartOffsetFile)));

  // Segment base offsets from the .log files; index files without a log are stale.
  RUNNEL_ASSIGN_OR_RETURN(auto names, env_.listDir(dir_));
  std::vector<std::int64_t> bases;
  for (const auto& name : names) {
    if (auto base = logfmt::parseBaseOffset(name, logfmt::kLogSuffix)) bases.push_back(*base);
  }
  std::sort(bases.begin(), bases.end());
  for (const auto& name : names) {
    for (std::string_view ext : {logfmt::kOffsetIndexSuffix, logfmt::kTimeIndexSuffix}) {
      auto base = logfmt::parseBaseOffset(name, ext);
      if (base && !std::binary_search(bases.begin(), bases.end(), *base)) {
        RUNNEL_RETURN_IF_ERROR(env_.deleteFile(joinPath(dir_, name)));
      }
    }
  }

  std::int64_t logStart = startCheckpoint.value_or(bases.empty() ? 0 : bases.front());
  if (bases.empty()) {
    RUNNEL_ASSIGN_OR_RETURN(auto seg, LogSegment::create(env_, dir_, logStart, config_));
    seg->createdMs_ = clock_.nowMs();
    publishSegments({seg});
    logStartOffset_.store(logStart);
    logEndOffset_.store(logStart);
    recoveryPoint_.store(logStart);
    RUNNEL_RETURN_IF_ERROR(epochs_->clear());
    RUNNEL_RETURN_IF_ERROR(
        writeOffsetCheckpoint(env_, joinPath(dir_, logfmt::kLogStartOffsetFile), logStart));
    return writeRecoveryPoint(logStart);
  }

  // Segments holding offsets at or beyond the recovery point may hold unsynced, torn data: scan
  // them fully. The others were synced when sealed: check their indexes and tails only.
  const std::int64_t recoveryPoint = cleanShutdown ? INT64_MAX : recoveryCheckpoint.value_or(0);
  SegmentList list;
  bool scannedAny = false;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    RUNNEL_ASSIGN_OR_RETURN(auto seg, LogSegment::open(env_, dir_, bases[i], config_));
    const bool last = i + 1 == bases.size();
    const std::int64_t limit = last ? INT64_MAX : bases[i + 1];
    const bool scan = !cleanShutdown && (last || limit > recoveryPoint);
    if (!scan) {
      Status s = seg->loadIndexes();
      if (!s.isOk()) {
        return Status::corruption(s.message() + " (segment below the recovery point " +
                                  std::to_string(recoveryPoint) +
                                  " or closed cleanly; refusing to guess what was lost)");
      }
      if (seg->rebuiltIndexes()) {
        ++recoveryReport_.indexesRebuilt;
        logger().warn("log {}: rebuilt the indexes of {}", dir_, seg->logPath());
      }
      if (seg->nextOffset() > limit) {
        return Status::corruption(seg->logPath() + " holds offsets up to " +
                                  std::to_string(seg->nextOffset() - 1) +
                                  ", overlapping the next segment at " + std::to_string(limit));
      }
    } else {
      scannedAny = true;
      ++recoveryReport_.segmentsRecovered;
      RUNNEL_ASSIGN_OR_RETURN(SegmentRecovery outcome,
                              seg->recover(limit, [&](const ScannedBatch& b) {
                                return epochs_->assign(b.partitionLeaderEpoch, b.baseOffset);
                              }));
      if (outcome.validBytes < outcome.fileBytes) {
        if (!last) {
          return Status::corruption(
              seg->logPath() + ": " + outcome.problem +
              "; it is not the last segment, so dropping it would lose the segments after it");
        }
        logger().warn(
            "log {}: segment {} has an invalid tail ({}); truncating it to {} bytes, dropping {} "
            "bytes",
            dir_, seg->logPath(), outcome.problem, outcome.validBytes,
            outcome.fileBytes - outcome.validBytes);
        RUNNEL_RETURN_IF_ERROR(seg->truncateFile(outcome.validBytes));
        recoveryReport_.bytesTruncated += outcome.fileBytes - outcome.validBytes;
      }
      if (!last) RUNNEL_RETURN_IF_ERROR(seg->persistIndexes());
    }
    list.push_back(std::move(seg));
  }
  recoveryReport_.segments = static_cast<int>(list.size());

  std::shared_ptr<LogSegment> activeSeg = list.back();
  RUNNEL_RETURN_IF_ERROR(activeSeg->openForAppend());
  activeSeg->createdMs_ = clock_.nowMs();
  const std::int64_t logEnd = activeSeg->nextOffset();
  logStart = std::max(logStart, list.front()->baseOffset());
  publishSegments(std::move(list));
  logEndOffset_.store(logEnd);
  logStartOffset_.store(std::min(logStart, logEnd));
  RUNNEL_RETURN_IF_ERROR(epochs_->truncateFromEnd(logEnd));
  RUNNEL_RETURN_IF_ERROR(epochs_->truncateFromStart(logStartOffset()));
  if (cleanShutdown) {
    // The marker must be gone for good before anything is appended: after a crash it would
    // vouch for unsynced data.
    RUNNEL_RETURN_IF_ERROR(env_.deleteFile(cleanMarker));
    RUNNEL_RETURN_IF_ERROR(env_.syncDir(dir_));
  }

  if (logStart > logEnd) {
    // The log start checkpoint is ahead of the data (a crash lost the tail, or interrupted a
    // restart at a new offset): everything below it is deleted anyway, so start there.
    logger().warn(
        "log {}: log start offset {} is beyond the recovered end {}; restarting the log empty "
        "there",
        dir_, logStart, logEnd);
    return truncateFullyLocked(logStart);
  }
  if (scannedAny) RUNNEL_RETURN_IF_ERROR(activeSeg->sync());
  recoveryPoint_.store(logEnd);
  lastFlushMs_ = clock_.nowMs();
  return writeRecoveryPoint(logEnd);
}

}  // namespace runnel
