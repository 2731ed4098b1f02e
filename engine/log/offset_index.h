// OffsetIndex: the sparse map from offsets to byte positions in one segment's .log file, kept in
// memory for lock-free lookups and mirrored to the segment's .index file (8-byte entries:
// relative offset, position; Kafka's layout). An entry points at the start of a batch; lookup()
// returns the last entry at or below an offset, where a forward scan of batch headers begins.
// Thread-safety: load/append/truncate/flush/close by the log's writer only; lookup and
// the accessors from any thread. Owned by its LogSegment.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "engine/common/env.h"
#include "engine/log/concurrent_entry_array.h"

namespace runnel {

struct OffsetPosition {
  std::int64_t offset = 0;
  std::uint64_t position = 0;
};

class OffsetIndex {
 public:
  OffsetIndex(std::int64_t baseOffset, std::size_t maxEntries);

  // Replaces the in-memory entries with those stored in `fileBytes`. Corruption when the size is
  // not a whole number of entries or entries do not increase (a damaged index: rebuild it);
  // OutOfRange when an entry points past `logSize` (the log lost bytes it once had).
  Status load(ByteView fileBytes, std::uint64_t logSize);

  // Writes go to `file` from now on (nullptr: in memory only).
  void attachFile(std::unique_ptr<WritableFile> file) { file_ = std::move(file); }
  bool hasFile() const { return file_ != nullptr; }
  // Rewrites the attached file from the in-memory entries (after a rebuild).
  Status rewriteFile();

  bool full() const { return entries_.full(); }
  std::size_t entryCount() const { return entries_.size(); }
  // Appends an entry; `offset` must be above the last entry's. Writes through to the file.
  Status append(std::int64_t offset, std::uint64_t position);
  // Drops entries for offsets at or above `offset`.
  Status truncateToOffset(std::int64_t offset);
  Status flush();
  Status sync();
  Status close();

  // The last entry with offset <= target, or {baseOffset, 0} when there is none.
  OffsetPosition lookup(std::int64_t target) const;
  // The last entry with position <= `position`, or {baseOffset, 0} when there is none.
  OffsetPosition lookupByPosition(std::uint64_t position) const;
  std::optional<OffsetPosition> lastEntry() const;

 private:
  OffsetPosition decode(const ConcurrentEntryArray<1>::Entry& e) const;

  const std::int64_t baseOffset_;
  ConcurrentEntryArray<1> entries_;  // (relative offset << 32) | position
  std::unique_ptr<WritableFile> file_;
};

}  // namespace runnel
