// ExecContext: what a running query's operators share — its counters (records in and out,
// records skipped because they could not be read, late records dropped), the last few error
// reports, and whether a LIMIT has finished the query. Counters are atomics so the studio's
// running-queries list reads them from another thread while the query thread writes.
// Thread-safety: counters and errors() may be read from any thread; the rest belongs to the
// query's thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "engine/common/thread_annotations.h"
#include "engine/sql/execution/window_trace.h"

namespace runnel::sql {

struct QueryCounters {
  std::atomic<std::int64_t> recordsIn{0};
  std::atomic<std::int64_t> recordsOut{0};
  std::atomic<std::int64_t> skipped{0};  // could not be deserialized
  std::atomic<std::int64_t> late{0};     // arrived after their window closed
  std::atomic<std::int64_t> produceErrors{0};
};

class ExecContext {
 public:
  QueryCounters& counters() { return counters_; }
  const QueryCounters& counters() const { return counters_; }

  // Keeps the most recent kMaxErrors messages ("topic-0@17: invalid JSON at byte 3 ...").
  void reportError(std::string message);
  std::vector<std::string> errors() const;

  // The input record being processed, set by the runtime before each one (the repartition
  // operator stamps it on what it writes; see repartition_origin.h). Query thread only.
  void setOrigin(std::uint8_t input, std::int32_t partition, std::int64_t offset) {
    originInput_ = input;
    originPartition_ = partition;
    originOffset_ = offset;
  }
  std::uint8_t originInput() const { return originInput_; }
  std::int32_t originPartition() const { return originPartition_; }
  std::int64_t originOffset() const { return originOffset_; }

  // The windowed aggregate's observer, or null while nobody observes (then tracing costs one
  // load per record). Set once from any thread; the runtime keeps the trace alive.
  WindowTrace* windowTrace() const { return windowTrace_.load(std::memory_order_acquire); }
  void setWindowTrace(WindowTrace* trace) { windowTrace_.store(trace, std::memory_order_release); }

  void finish() { finished_ = true; }
  bool finished() const { return finished_.load(); }

  static constexpr std::size_t kMaxErrors = 20;

 private:
  QueryCounters counters_;
  std::atomic<bool> finished_{false};
  std::atomic<WindowTrace*> windowTrace_{nullptr};
  std::uint8_t originInput_ = 0;
  std::int32_t originPartition_ = 0;
  std::int64_t originOffset_ = -1;
  mutable Mutex mu_;
  std::deque<std::string> errors_ GUARDED_BY(mu_);
};

}  // namespace runnel::sql
