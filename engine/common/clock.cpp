#include "engine/common/clock.h"

#include <thread>

namespace runnel {

Clock* Clock::system() {
  static SystemClock clock;
  return &clock;
}

std::int64_t SystemClock::nowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::monotonicNs() const {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

void SystemClock::sleepFor(std::chrono::nanoseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

ManualClock::ManualClock(std::int64_t startMs, SleepMode mode)
    : mode_(mode), wallNs_(startMs * 1'000'000) {}

std::int64_t ManualClock::nowMs() const {
  MutexLock lock(mu_);
  // Floor division so times before the epoch still round toward minus infinity.
  return wallNs_ >= 0 ? wallNs_ / 1'000'000 : -((-wallNs_ + 999'999) / 1'000'000);
}

std::int64_t ManualClock::monotonicNs() const {
  MutexLock lock(mu_);
  return monoNs_;
}

void ManualClock::sleepFor(std::chrono::nanoseconds duration) {
  if (duration.count() <= 0) return;
  if (mode_ == SleepMode::kAdvance) {
    advance(duration);
    return;
  }
  MutexLock lock(mu_);
  const std::int64_t wakeAt = monoNs_ + duration.count();
  ++sleepers_;
  while (monoNs_ < wakeAt)
    advanced_.wait(mu_);
  --sleepers_;
}

int ManualClock::sleepingThreads() const {
  MutexLock lock(mu_);
  return sleepers_;
}

void ManualClock::setMs(std::int64_t ms) {
  {
    MutexLock lock(mu_);
    const std::int64_t target = ms * 1'000'000;
    if (target > wallNs_) monoNs_ += target - wallNs_;
    wallNs_ = target;
  }
  advanced_.signalAll();
}

void ManualClock::advance(std::chrono::nanoseconds duration) {
  if (duration.count() <= 0) return;
  {
    MutexLock lock(mu_);
    wallNs_ += duration.count();
    monoNs_ += duration.count();
  }
  advanced_.signalAll();
}

}  // namespace runnel
