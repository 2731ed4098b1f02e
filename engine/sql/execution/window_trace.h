// WindowTrace: what a running windowed aggregation does, for someone watching it (the studio's
// Windows view, tests) — each input record with its key, event time and the windows it was
// added to (or why it was dropped as late), each row the aggregate emits (an EMIT CHANGES update
// or the EMIT FINAL result), each window closing, and the stream time after every step.
// Bounded: a ring of the most recent events (older ones are overwritten, and counted).
// Thread-safety: the query's thread records; any thread reads (one mutex, held briefly). An
// aggregate that nobody observes has no trace at all (see ExecContext::windowTrace()), so
// observing costs nothing until someone asks. Shared (shared_ptr) by the query and observers.
#pragma once

#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/common/thread_annotations.h"
#include "engine/sql/binder/bound_query.h"

namespace runnel::sql {

enum class WindowEventKind : unsigned char {
  kRecord,  // a record was added to `windows` (sessions: the merged session, first)
  kLate,    // a record was dropped: every window it belongs to closed (`reason` says why)
  kEmit,    // the aggregate emitted a row for `windows[0]`
  kClose,   // stream time passed windows[0].end + grace: the window takes no more records
};

std::string_view windowEventKindName(WindowEventKind kind);

struct WindowEvent {
  std::uint64_t seq = 0;  // 1, 2, ... in recording order; gaps mean the ring overwrote events
  WindowEventKind kind = WindowEventKind::kRecord;
  std::string key;              // the group key as text ("4000-1234", "a|b" for several columns)
  std::int64_t eventTime = 0;   // the record's event time (kRecord, kLate; the trigger's for kEmit)
  std::int64_t streamTime = 0;  // the partition's stream time after this step
  std::int32_t partition = 0;
  std::int64_t offset = -1;  // the input record's offset (kRecord, kLate)
  std::vector<WindowBounds> windows;
  std::vector<WindowBounds> mergedAway;  // kRecord of a session: the sessions it swallowed
  bool final = false;                    // kEmit: an EMIT FINAL result, else an EMIT CHANGES update
  bool tombstone = false;                // kEmit: a delete (a session merged away)
  bool passesHaving = true;              // kEmit: whether HAVING lets the row through
  std::string values;                    // kEmit: the aggregates ("COUNT=4")
  std::string reason;  // kLate: "window [..) ended at .., grace .., stream time .."
};

// The window clause being traced, so a view can draw bands without parsing SQL.
struct WindowTraceSpec {
  WindowKind kind = WindowKind::kTumbling;
  std::int64_t sizeMs = 0;  // the gap for sessions
  std::int64_t advanceMs = 0;
  std::int64_t graceMs = 0;
  bool emitFinal = false;
};

class WindowTrace {
 public:
  static constexpr std::size_t kDefaultCapacity = 8192;
  // Windows tracked to report their close; beyond this the oldest are forgotten (no kClose).
  static constexpr std::size_t kMaxOpenWindows = 20000;

  explicit WindowTrace(WindowTraceSpec spec, std::size_t capacity = kDefaultCapacity);

  const WindowTraceSpec& spec() const { return spec_; }

  // Query thread. Each records one event; record() and late() first close the windows the new
  // stream time has passed (kClose events, oldest first).
  void record(std::string key, std::int64_t eventTime, std::int64_t streamTime,
              std::int32_t partition, std::int64_t offset, std::vector<WindowBounds> windows,
              std::vector<WindowBounds> mergedAway = {});
  void late(std::string key, std::int64_t eventTime, std::int64_t streamTime,
            std::int32_t partition, std::int64_t offset, std::vector<WindowBounds> windows);
  void output(std::string key, const WindowBounds& window, std::int64_t eventTime,
              std::int64_t streamTime, std::int32_t partition, bool final, bool tombstone,
              bool passesHaving, std::string values);

  // Any thread: the events after `afterSeq` still in the ring, oldest first.
  std::vector<WindowEvent> since(std::uint64_t afterSeq) const;
  std::uint64_t lastSeq() const;
  std::uint64_t overwritten() const;  // events lost to the ring's bound
  std::int64_t streamTime() const;    // the largest over partitions; INT64_MIN before any record

 private:
  void push(WindowEvent event) REQUIRES(mu_);
  void closeUpTo(std::int32_t partition, std::int64_t streamTime) REQUIRES(mu_);

  const WindowTraceSpec spec_;
  const std::size_t capacity_;
  mutable Mutex mu_;
  std::deque<WindowEvent> ring_ GUARDED_BY(mu_);
  std::uint64_t seq_ GUARDED_BY(mu_) = 0;
  std::uint64_t overwritten_ GUARDED_BY(mu_) = 0;
  std::int64_t streamTime_ GUARDED_BY(mu_) = INT64_MIN;
  // (close time, partition, key, start, end) of windows that took records and have not closed.
  std::set<std::tuple<std::int64_t, std::int32_t, std::string, std::int64_t, std::int64_t>> open_
      GUARDED_BY(mu_);
};

}  // namespace runnel::sql
