#include "engine/sql/execution/window_trace.h"

#include <algorithm>

namespace runnel::sql {
namespace {

// The fields every kind of event carries.
WindowEvent eventOf(WindowEventKind kind, std::string key, std::int64_t eventTime,
                    std::int64_t streamTime, std::int32_t partition) {
  WindowEvent e;
  e.kind = kind;
  e.key = std::move(key);
  e.eventTime = eventTime;
  e.streamTime = streamTime;
  e.partition = partition;
  return e;
}

}  // namespace

std::string_view windowEventKindName(WindowEventKind kind) {
  switch (kind) {
    case WindowEventKind::kRecord:
      return "record";
    case WindowEventKind::kLate:
      return "late";
    case WindowEventKind::kEmit:
      return "emit";
    case WindowEventKind::kClose:
      return "close";
  }
  return "?";
}

WindowTrace::WindowTrace(WindowTraceSpec spec, std::size_t capacity)
    : spec_(spec), capacity_(std::max<std::size_t>(capacity, 16)) {}

void WindowTrace::push(WindowEvent event) {
  event.seq = ++seq_;
  if (ring_.size() == capacity_) {
    ring_.pop_front();
    ++overwritten_;
  }
  ring_.push_back(std::move(event));
}

void WindowTrace::closeUpTo(std::int32_t partition, std::int64_t streamTime) {
  streamTime_ = std::max(streamTime_, streamTime);
  // Windows close per input partition, as the aggregate's stream time is per partition.
  for (auto it = open_.begin(); it != open_.end() && std::get<0>(*it) <= streamTime;) {
    if (std::get<1>(*it) != partition) {
      ++it;
      continue;
    }
    WindowEvent e =
        eventOf(WindowEventKind::kClose, std::get<2>(*it), std::get<0>(*it), streamTime, partition);
    e.windows.push_back({std::get<3>(*it), std::get<4>(*it)});
    push(std::move(e));
    it = open_.erase(it);
  }
}

void WindowTrace::record(std::string key, std::int64_t eventTime, std::int64_t streamTime,
                         std::int32_t partition, std::int64_t offset,
                         std::vector<WindowBounds> windows, std::vector<WindowBounds> mergedAway) {
  // A session takes records until no record within its gap can arrive in time; a time window
  // until its end plus grace.
  const std::int64_t extra =
      spec_.graceMs + (spec_.kind == WindowKind::kSession ? spec_.sizeMs : 0);
  MutexLock lock(mu_);
  closeUpTo(partition, streamTime);
  for (const auto& w : mergedAway)
    open_.erase({w.end + extra, partition, key, w.start, w.end});
  for (const auto& w : windows) {
    if (w.end + extra <= streamTime) continue;
    open_.insert({w.end + extra, partition, key, w.start, w.end});
  }
  while (open_.size() > kMaxOpenWindows)
    open_.erase(open_.begin());
  WindowEvent e =
      eventOf(WindowEventKind::kRecord, std::move(key), eventTime, streamTime, partition);
  e.offset = offset;
  e.windows = std::move(windows);
  e.mergedAway = std::move(mergedAway);
  push(std::move(e));
}

void WindowTrace::late(std::string key, std::int64_t eventTime, std::int64_t streamTime,
                       std::int32_t partition, std::int64_t offset,
                       std::vector<WindowBounds> windows) {
  WindowEvent e = eventOf(WindowEventKind::kLate, std::move(key), eventTime, streamTime, partition);
  e.offset = offset;
  std::string why;
  if (!windows.empty()) {
    // The last window it belongs to is the last to close: it is the one that decides.
    const WindowBounds& w = windows.back();
    why = "window [" + std::to_string(w.start) + ", " + std::to_string(w.end) + ") ended at " +
          std::to_string(w.end) + "; with grace " + std::to_string(spec_.graceMs) +
          " ms it closed at " + std::to_string(w.end + spec_.graceMs) + " <= stream time " +
          std::to_string(streamTime);
  } else {
    why = "every window of event time " + std::to_string(eventTime) +
          " closed (end + grace <= stream time " + std::to_string(streamTime) + ")";
  }
  e.reason = std::move(why);
  e.windows = std::move(windows);
  MutexLock lock(mu_);
  closeUpTo(partition, streamTime);
  push(std::move(e));
}

void WindowTrace::output(std::string key, const WindowBounds& window, std::int64_t eventTime,
                         std::int64_t streamTime, std::int32_t partition, bool final,
                         bool tombstone, bool passesHaving, std::string values) {
  WindowEvent e = eventOf(WindowEventKind::kEmit, std::move(key), eventTime, streamTime, partition);
  e.windows.push_back(window);
  e.final = final;
  e.tombstone = tombstone;
  e.passesHaving = passesHaving;
  e.values = std::move(values);
  MutexLock lock(mu_);
  push(std::move(e));
}

std::vector<WindowEvent> WindowTrace::since(std::uint64_t afterSeq) const {
  MutexLock lock(mu_);
  std::vector<WindowEvent> out;
  if (ring_.empty() || ring_.back().seq <= afterSeq) return out;
  // Sequence numbers are contiguous in the ring: index straight to the first one wanted.
  const std::uint64_t first = ring_.front().seq;
  const std::size_t from = afterSeq < first ? 0 : static_cast<std::size_t>(afterSeq - first + 1);
  out.assign(ring_.begin() + static_cast<std::ptrdiff_t>(from), ring_.end());
  return out;
}

std::uint64_t WindowTrace::lastSeq() const {
  MutexLock lock(mu_);
  return seq_;
}

std::uint64_t WindowTrace::overwritten() const {
  MutexLock lock(mu_);
  return overwritten_;
}

std::int64_t WindowTrace::streamTime() const {
  MutexLock lock(mu_);
  return streamTime_;
}

}  // namespace runnel::sql
