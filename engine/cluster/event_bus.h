// EventBus: where the cluster publishes ClusterEvents. Subscribers get each event through a
// callback on the publishing thread (controller, broker or client threads — adapters such as
// widgets/models must hop to their own thread and return quickly); the bus also keeps a bounded
// history for late readers (the log panel opened after the fact).
// Thread-safe. A publish that started before unsubscribe() may still call the removed
// subscriber once, on its own thread; later publishes never do.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "engine/cluster/cluster_event.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

class EventBus {
 public:
  using Subscriber = std::function<void(const ClusterEvent&)>;

  explicit EventBus(std::size_t historyCapacity = 1000);

  // Returns a handle for unsubscribe().
  int subscribe(Subscriber subscriber) EXCLUDES(mu_);
  void unsubscribe(int handle) EXCLUDES(mu_);

  // Must be called without holding engine locks the subscribers might need.
  void publish(ClusterEvent event) EXCLUDES(mu_);

  // The most recent events, oldest first.
  std::vector<ClusterEvent> history() const EXCLUDES(mu_);
  // Events published so far (also those that fell out of the history).
  std::uint64_t published() const EXCLUDES(mu_);

 private:
  const std::size_t capacity_;
  mutable Mutex mu_;
  std::deque<ClusterEvent> history_ GUARDED_BY(mu_);
  std::map<int, std::shared_ptr<Subscriber>> subscribers_ GUARDED_BY(mu_);
  int nextHandle_ GUARDED_BY(mu_) = 1;
  std::uint64_t published_ GUARDED_BY(mu_) = 0;
};

}  // namespace runnel::cluster
