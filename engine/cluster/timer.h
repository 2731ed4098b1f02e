// Timer: one background thread that runs tasks when they fall due on a Clock's monotonic time —
// delayed-operation expiry, link delays, periodic housekeeping. Tasks run one at a time on the
// timer's thread and must be short; a task may schedule more tasks.
// Time is read from the Clock, but the thread waits on real time in slices of at most
// `maxWaitSlice`, so a ManualClock moved by a test is noticed promptly.
// Thread-safe. stop() (or the destructor) drops pending tasks without running them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

class Timer {
 public:
  using Task = std::function<void()>;

  Timer(Clock& clock, std::string name,
        std::chrono::milliseconds maxWaitSlice = std::chrono::milliseconds(20));
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Runs `task` once `delayMs` has passed on the clock (0: as soon as possible).
  void schedule(std::int64_t delayMs, Task task) EXCLUDES(mu_);
  // Runs `task` every `periodMs` until stop().
  void scheduleEvery(std::int64_t periodMs, Task task) EXCLUDES(mu_);
  // Stops the thread; pending tasks are dropped. Idempotent. Must not be called from a task.
  void stop() EXCLUDES(mu_);
  std::size_t pending() const EXCLUDES(mu_);

 private:
  struct Entry {
    std::int64_t dueNs;
    std::uint64_t seq;
    Task task;
    bool operator>(const Entry& o) const {
      return dueNs != o.dueNs ? dueNs > o.dueNs : seq > o.seq;
    }
  };
  void run() EXCLUDES(mu_);

  Clock& clock_;
  const std::string name_;
  const std::chrono::milliseconds slice_;
  mutable Mutex mu_;
  CondVar changed_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_ GUARDED_BY(mu_);
  std::uint64_t nextSeq_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace runnel::cluster
