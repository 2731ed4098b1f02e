#include "engine/cluster/timer.h"

#include <algorithm>
#include <memory>

namespace runnel::cluster {

Timer::Timer(Clock& clock, std::string name, std::chrono::milliseconds maxWaitSlice)
    : clock_(clock), name_(std::move(name)), slice_(maxWaitSlice) {
  thread_ = std::thread([this] { run(); });
}

Timer::~Timer() {
  stop();
}

void Timer::schedule(std::int64_t delayMs, Task task) {
  const std::int64_t due = clock_.monotonicNs() + std::max<std::int64_t>(0, delayMs) * 1'000'000;
  MutexLock lock(mu_);
  if (stopping_) return;
  const bool earliest = queue_.empty() || due < queue_.top().dueNs;
  queue_.push(Entry{due, nextSeq_++, std::move(task)});
  if (earliest) changed_.signal();
}

void Timer::scheduleEvery(std::int64_t periodMs, Task task) {
  // The repeating wrapper re-arms itself after each run; it shares the task with its copies.
  auto shared = std::make_shared<Task>(std::move(task));
  auto tick = std::make_shared<std::function<void()>>();
  std::weak_ptr<std::function<void()>> weakTick = tick;
  *tick = [this, shared, periodMs, weakTick] {
    (*shared)();
    if (auto self = weakTick.lock()) schedule(periodMs, [self] { (*self)(); });
  };
  // The queue entry owns a copy that keeps `tick` alive.
  schedule(periodMs, [tick] { (*tick)(); });
}

void Timer::stop() {
  {
    MutexLock lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    changed_.signalAll();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  MutexLock lock(mu_);
  while (!queue_.empty())
    queue_.pop();
}

std::size_t Timer::pending() const {
  MutexLock lock(mu_);
  return queue_.size();
}

void Timer::run() {
  mu_.lock();
  while (!stopping_) {
    if (queue_.empty()) {
      changed_.waitFor(mu_, slice_);
      continue;
    }
    const std::int64_t now = clock_.monotonicNs();
    if (queue_.top().dueNs > now) {
      auto wait = std::chrono::nanoseconds(queue_.top().dueNs - now);
      changed_.waitFor(mu_, std::min<std::chrono::nanoseconds>(wait, slice_));
      continue;
    }
    Task task = std::move(const_cast<Entry&>(queue_.top()).task);
    queue_.pop();
    mu_.unlock();
    task();
    task = nullptr;  // release captures outside the lock
    mu_.lock();
  }
  mu_.unlock();
}

}  // namespace runnel::cluster
