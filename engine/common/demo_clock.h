// DemoClock: event time for demonstrations. It runs at `speed` times real time from a starting
// point, and can be paused, stepped and fast-forwarded, so a 5-minute window closes in seconds on
// a conference screen and a lesson replays the same way. Only the wall-clock reading (record
// timestamps, event time) is bent: monotonicNs() and sleepFor() stay real, so timeouts and rate
// pacing behave normally.
// Thread-safety: all methods may be called from any thread. The base clock must outlive it.
#pragma once

#include "engine/common/clock.h"

namespace runnel {

class DemoClock final : public Clock {
 public:
  explicit DemoClock(Clock* base = Clock::system(), double speed = 1.0);
  DemoClock(Clock* base, std::int64_t startMs, double speed);

  std::int64_t nowMs() const override;
  std::int64_t monotonicNs() const override;
  void sleepFor(std::chrono::nanoseconds duration) override;

  // 1.0 = real time, 60.0 = a minute per second. Must be > 0.
  void setSpeed(double speed);
  double speed() const;
  void pause();
  void resume();
  bool isPaused() const;
  // Moves event time forward by `ms` at once (works paused or running).
  void stepMs(std::int64_t ms);
  // Restarts event time at `ms` (e.g. a lesson's fixed starting point).
  void setMs(std::int64_t ms);

 private:
  std::int64_t nowLocked() const REQUIRES(mu_);
  void reanchor() REQUIRES(mu_);

  Clock* const base_;
  mutable Mutex mu_;
  std::int64_t anchorEventMs_ GUARDED_BY(mu_);  // event time at the anchor
  std::int64_t anchorRealNs_ GUARDED_BY(mu_);   // base monotonic time at the anchor
  double speed_ GUARDED_BY(mu_);
  bool paused_ GUARDED_BY(mu_) = false;
};

}  // namespace runnel
