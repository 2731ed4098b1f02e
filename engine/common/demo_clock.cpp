#include "engine/common/demo_clock.h"

#include <cmath>

namespace runnel {

DemoClock::DemoClock(Clock* base, double speed) : DemoClock(base, base->nowMs(), speed) {}

DemoClock::DemoClock(Clock* base, std::int64_t startMs, double speed)
    : base_(base),
      anchorEventMs_(startMs),
      anchorRealNs_(base->monotonicNs()),
      speed_(speed > 0 ? speed : 1.0) {}

std::int64_t DemoClock::nowLocked() const {
  if (paused_) return anchorEventMs_;
  const double elapsedMs = static_cast<double>(base_->monotonicNs() - anchorRealNs_) / 1e6;
  return anchorEventMs_ + static_cast<std::int64_t>(std::floor(elapsedMs * speed_));
}

void DemoClock::reanchor() {
  anchorEventMs_ = nowLocked();
  anchorRealNs_ = base_->monotonicNs();
}

std::int64_t DemoClock::nowMs() const {
  MutexLock lock(mu_);
  return nowLocked();
}

std::int64_t DemoClock::monotonicNs() const {
  return base_->monotonicNs();
}

void DemoClock::sleepFor(std::chrono::nanoseconds duration) {
  base_->sleepFor(duration);
}

void DemoClock::setSpeed(double speed) {
  if (!(speed > 0)) return;
  MutexLock lock(mu_);
  reanchor();
  speed_ = speed;
}

double DemoClock::speed() const {
  MutexLock lock(mu_);
  return speed_;
}

void DemoClock::pause() {
  MutexLock lock(mu_);
  if (paused_) return;
  reanchor();
  paused_ = true;
}

void DemoClock::resume() {
  MutexLock lock(mu_);
  if (!paused_) return;
  paused_ = false;
  anchorRealNs_ = base_->monotonicNs();
}

bool DemoClock::isPaused() const {
  MutexLock lock(mu_);
  return paused_;
}

void DemoClock::stepMs(std::int64_t ms) {
  MutexLock lock(mu_);
  reanchor();
  anchorEventMs_ += ms;
}

void DemoClock::setMs(std::int64_t ms) {
  MutexLock lock(mu_);
  anchorRealNs_ = base_->monotonicNs();
  anchorEventMs_ = ms;
}

}  // namespace runnel
