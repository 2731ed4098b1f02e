// LeaderEpochCache remembers at which offset each leader epoch began (epoch -> start offset),
// persisted in the partition directory as "leader-epoch-checkpoint". Followers ask the leader
// for endOffsetFor(epoch) to find where their log diverges (KIP-101) and truncate there.
// Mutated by the log's single writer, queried from any thread: an internal mutex guards the
// entries. Owned by its PartitionLog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/env.h"
#include "engine/common/result.h"
#include "engine/common/thread_annotations.h"

namespace runnel {

inline constexpr std::int32_t kUndefinedEpoch = -1;
inline constexpr std::int64_t kUndefinedEpochOffset = -1;

struct EpochEntry {
  std::int32_t epoch = 0;
  std::int64_t startOffset = 0;
  bool operator==(const EpochEntry&) const = default;
};

struct EpochEndOffset {
  std::int32_t epoch = kUndefinedEpoch;
  std::int64_t endOffset = kUndefinedEpochOffset;
  bool operator==(const EpochEndOffset&) const = default;
};

class LeaderEpochCache {
 public:
  // Loads the checkpoint at `path` (an empty cache when the file does not exist).
  static Result<std::unique_ptr<LeaderEpochCache>> open(Env& env, std::string path);

  // Records that `epoch` starts at `startOffset`. A no-op when it is already the latest epoch
  // (with an earlier or equal start). Entries that contradict the new one — a later or equal
  // epoch, or a start at or after it — are dropped first, as Kafka does. Persists changes.
  Status assign(std::int32_t epoch, std::int64_t startOffset);

  // The epoch's end offset for a follower: the start of the next higher epoch, or
  // `logEndOffset` for the latest epoch. For an epoch above every known one:
  // {kUndefinedEpoch, kUndefinedEpochOffset}. For an unknown epoch between known ones, the
  // answer names the largest known epoch below it.
  EpochEndOffset endOffsetFor(std::int32_t epoch, std::int64_t logEndOffset) const;

  // Drops entries starting at or after `endOffset` (the log was truncated to it).
  Status truncateFromEnd(std::int64_t endOffset);
  // Drops entries that end before `startOffset` and moves the first remaining one's start up
  // to it (the log start advanced).
  Status truncateFromStart(std::int64_t startOffset);
  Status clear();

  std::optional<std::int32_t> latestEpoch() const;
  std::vector<EpochEntry> entries() const;

 private:
  LeaderEpochCache(Env& env, std::string path, std::vector<EpochEntry> entries);
  Status persist() REQUIRES(mu_);

  Env& env_;
  const std::string path_;
  mutable Mutex mu_;
  std::vector<EpochEntry> entries_ GUARDED_BY(mu_);  // ascending epoch and start offset
};

}  // namespace runnel
