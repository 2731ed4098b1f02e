// Cluster: pausing and resuming brokers, and fencing those paused past the session timeout.
#include "engine/cluster/cluster.h"
#include "engine/common/logging.h"

namespace runnel::cluster {

Status Cluster::pauseBroker(std::int32_t id) {
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    Broker* b = broker(id);
    if (!b) return Status::notFound("no broker " + std::to_string(id));
    if (!b->alive()) return Status::unavailable("broker " + std::to_string(id) + " is not running");
    if (b->paused()) return Status::ok();
    b->pause();
    const std::size_t slot = static_cast<std::size_t>(id - 1);
    const std::uint64_t serial = ++pauseSerial_[slot];
    pausedAtMs_[slot] = clock_->nowMs();
    if (config_.brokerSessionTimeoutMs > 0) {
      if (!sessionTimer_) sessionTimer_ = std::make_unique<Timer>(*clock_, "session-timeouts");
      sessionTimer_->schedule(config_.brokerSessionTimeoutMs,
                              [this, id, serial] { fenceIfStillPaused(id, serial); });
    }
  }
  events_->publish(brokerPausedEvent(clock_->nowMs(), id));
  return Status::ok();
}

void Cluster::fenceIfStillPaused(std::int32_t id, std::uint64_t pauseSerial) {
  {
    MutexLock lock(lifecycleMu_);
    Broker* b = broker(id);
    if (closed_ || !b || !b->alive() || !b->paused() || b->fenced() ||
        pauseSerial_[static_cast<std::size_t>(id - 1)] != pauseSerial)
      return;
    logger().info("broker {} paused for {} ms: fenced", id, config_.brokerSessionTimeoutMs);
    b->setFenced(true);
    controller_->brokerDied(id, "missed its session timeout (paused) and was fenced");
  }
  notifyServices(id, false);
}

Status Cluster::resumeBroker(std::int32_t id) {
  bool wasFenced = false;
  std::int64_t pausedMs = 0;
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    Broker* b = broker(id);
    if (!b) return Status::notFound("no broker " + std::to_string(id));
    if (!b->paused()) return Status::ok();
    const std::size_t slot = static_cast<std::size_t>(id - 1);
    ++pauseSerial_[slot];
    pausedMs = clock_->nowMs() - pausedAtMs_[slot];
    wasFenced = b->fenced();
    // The controller's push comes first so requests held on a fenced leader are answered
    // with NOT_LEADER_OR_FOLLOWER rather than appended to a log that lost its leadership.
    if (wasFenced) controller_->brokerStarted(id, false, "resumed and rejoined after a fence");
    b->resume();
  }
  events_->publish(brokerResumedEvent(clock_->nowMs(), id, pausedMs));
  if (wasFenced) notifyServices(id, true);
  return Status::ok();
}

}  // namespace runnel::cluster
