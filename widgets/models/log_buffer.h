// A bounded, thread-safe buffer of log lines fed by spdlog (LogBufferSink) from any thread and
// drained by the GUI's LogModel. Plain C++: the engine logs without knowing a GUI exists.
// Thread-safety: all members are guarded by mutex_.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/sinks/base_sink.h>

namespace runnel::widgets {

struct LogLine {
  std::chrono::system_clock::time_point time;
  int level = 0;  // spdlog::level::level_enum
  std::uint64_t sequence = 0;
  std::string message;
};

class LogBuffer {
 public:
  explicit LogBuffer(std::size_t capacity = 20000) : capacity_(capacity) {}

  void push(LogLine line);
  // Moves out every line pushed since the last call (oldest first) and how many were dropped
  // because the reader fell more than `capacity` lines behind.
  std::vector<LogLine> takeNew(std::uint64_t* dropped = nullptr);

 private:
  std::mutex mutex_;
  std::deque<LogLine> pending_;  // guarded by mutex_
  std::uint64_t next_ = 0;       // guarded by mutex_
  std::uint64_t dropped_ = 0;    // guarded by mutex_
  std::size_t capacity_;
};

// The spdlog sink that writes into a LogBuffer.
class LogBufferSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit LogBufferSink(std::shared_ptr<LogBuffer> buffer) : buffer_(std::move(buffer)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::shared_ptr<LogBuffer> buffer_;
};

}  // namespace runnel::widgets
