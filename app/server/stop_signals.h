// StopSignals: turns the operating system's requests to stop — SIGINT and SIGTERM on POSIX;
// Ctrl+C, Ctrl+Break, closing the console and log-off/shutdown on Windows — into one callback, so
// runnel-server shuts its cluster down cleanly whatever the platform.
// Create it before any other thread starts (on POSIX it blocks the signals for every later thread
// and takes them on a thread of its own). onStop runs on that thread (POSIX) or on the console
// handler's thread (Windows), possibly more than once; it must be thread-safe. One per process.
#pragma once

#include <functional>
#include <memory>

namespace runnel::app {

class StopSignals {
 public:
  explicit StopSignals(std::function<void()> onStop);
  // Stops listening: onStop is not called after this returns.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace runnel::app
