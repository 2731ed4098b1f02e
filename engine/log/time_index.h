// TimeIndex: the sparse map from timestamps to offsets of one segment, in memory for lock-free
// lookups and mirrored to the .timeindex file (12-byte entries: timestamp, relative offset;
// Kafka's layout). Each entry records the largest timestamp seen so far in the segment and an
// offset at which it had been reached; timestamps strictly increase from entry to entry.
// Thread-safety and ownership as for OffsetIndex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "engine/common/env.h"
#include "engine/log/concurrent_entry_array.h"

namespace runnel {

struct TimestampOffset {
  std::int64_t timestamp = 0;
  std::int64_t offset = 0;
  bool operator==(const TimestampOffset&) const = default;
};

class TimeIndex {
 public:
  TimeIndex(std::int64_t baseOffset, std::size_t maxEntries);

  // Replaces the in-memory entries with those in `fileBytes`; Corruption when malformed
  // (partial entry, timestamps or offsets not increasing, offset past `maxOffset`).
  Status load(ByteView fileBytes, std::int64_t maxOffset);
  void attachFile(std::unique_ptr<WritableFile> file) { file_ = std::move(file); }
  bool hasFile() const { return file_ != nullptr; }
  Status rewriteFile();

  bool full() const { return entries_.full(); }
  std::size_t entryCount() const { return entries_.size(); }
  // Appends (timestamp, offset) when the timestamp is above the last entry's; else no-op.
  Status maybeAppend(std::int64_t timestamp, std::int64_t offset);
  Status truncateToOffset(std::int64_t offset);
  Status flush();
  Status sync();
  Status close();

  // The last entry whose timestamp is below `timestamp`: every batch up to the one holding its
  // offset has only smaller timestamps, so a search for `timestamp` may start there.
  std::optional<TimestampOffset> lastBefore(std::int64_t timestamp) const;
  std::optional<TimestampOffset> lastEntry() const;

 private:
  TimestampOffset decode(const ConcurrentEntryArray<2>::Entry& e) const {
    return {static_cast<std::int64_t>(e[0]), baseOffset_ + static_cast<std::int64_t>(e[1])};
  }

  const std::int64_t baseOffset_;
  ConcurrentEntryArray<2> entries_;  // timestamp, relative offset
  std::unique_ptr<WritableFile> file_;
};

}  // namespace runnel
