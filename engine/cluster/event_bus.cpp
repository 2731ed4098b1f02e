#include "engine/cluster/event_bus.h"

#include "engine/common/logging.h"

namespace runnel::cluster {

EventBus::EventBus(std::size_t historyCapacity)
    : capacity_(historyCapacity == 0 ? 1 : historyCapacity) {}

int EventBus::subscribe(Subscriber subscriber) {
  MutexLock lock(mu_);
  const int handle = nextHandle_++;
  subscribers_[handle] = std::make_shared<Subscriber>(std::move(subscriber));
  return handle;
}

void EventBus::unsubscribe(int handle) {
  MutexLock lock(mu_);
  subscribers_.erase(handle);
}

void EventBus::publish(ClusterEvent event) {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    MutexLock lock(mu_);
    history_.push_back(event);
    while (history_.size() > capacity_)
      history_.pop_front();
    ++published_;
    targets.reserve(subscribers_.size());
    for (const auto& [handle, s] : subscribers_)
      targets.push_back(s);
  }
  logger().info("cluster: {}", event.description);
  for (const auto& s : targets)
    (*s)(event);
}

std::vector<ClusterEvent> EventBus::history() const {
  MutexLock lock(mu_);
  return {history_.begin(), history_.end()};
}

std::uint64_t EventBus::published() const {
  MutexLock lock(mu_);
  return published_;
}

}  // namespace runnel::cluster
