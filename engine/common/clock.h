// Clock: the engine's only source of time — wall-clock milliseconds (record timestamps,
// retention), a monotonic nanosecond counter (timeouts, rates) and sleeping. SystemClock is the
// real thing; ManualClock is set and advanced by tests and by the studio's demo clock.
// Implementations are thread-safe. Clocks are owned by whoever creates them (usually the cluster)
// and must outlive every component they are handed to.
#pragma once

#include <chrono>
#include <cstdint>

#include "engine/common/thread_annotations.h"

namespace runnel {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, as Kafka timestamps are.
  virtual std::int64_t nowMs() const = 0;
  // Nanoseconds from an arbitrary origin; never goes backwards.
  virtual std::int64_t monotonicNs() const = 0;
  virtual void sleepFor(std::chrono::nanoseconds duration) = 0;

  // The process-wide real clock (a SystemClock); never null, never destroyed.
  static Clock* system();
};

class SystemClock final : public Clock {
 public:
  std::int64_t nowMs() const override;
  std::int64_t monotonicNs() const override;
  void sleepFor(std::chrono::nanoseconds duration) override;
};

// Time stands still until set() or advance() moves it; both readings move together.
// sleepFor() either advances the clock itself (kAdvance: single-threaded tests stay instant and
// deterministic) or blocks until another thread has advanced it far enough (kBlock: a paused or
// stepped demo clock).
class ManualClock final : public Clock {
 public:
  enum class SleepMode { kAdvance, kBlock };

  explicit ManualClock(std::int64_t startMs = 1'700'000'000'000,
                       SleepMode mode = SleepMode::kAdvance);

  std::int64_t nowMs() const override;
  std::int64_t monotonicNs() const override;
  void sleepFor(std::chrono::nanoseconds duration) override;

  // Moves the wall clock to `ms` (may go backwards, as a real wall clock can); the monotonic
  // reading only moves forward, by the same amount when `ms` is later.
  void setMs(std::int64_t ms);
  void advance(std::chrono::nanoseconds duration);
  void advanceMs(std::int64_t ms) { advance(std::chrono::milliseconds(ms)); }
  // Threads blocked in sleepFor() right now (kBlock mode), so a stepper knows who it wakes.
  int sleepingThreads() const;

 private:
  const SleepMode mode_;
  mutable Mutex mu_;
  CondVar advanced_;
  std::int64_t wallNs_ GUARDED_BY(mu_);
  std::int64_t monoNs_ GUARDED_BY(mu_) = 0;
  int sleepers_ GUARDED_BY(mu_) = 0;
};

}  // namespace runnel
