// DeferredCalls: completion callbacks and events collected while the coordinator's lock is held
// and run, in order, after it is released, so a callback may call straight back into the
// coordinator (an in-process consumer sends SyncGroup from its JoinGroup callback) without
// deadlocking. Owned by one API call on one thread; not thread-safe.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "engine/cluster/group/group_types.h"

namespace runnel::group {

class DeferredCalls {
 public:
  DeferredCalls() = default;
  DeferredCalls(const DeferredCalls&) = delete;
  DeferredCalls& operator=(const DeferredCalls&) = delete;

  void join(JoinCallback cb, JoinResult r) {
    if (cb)
      calls_.emplace_back([cb = std::move(cb), r = std::move(r)]() mutable { cb(std::move(r)); });
  }
  void sync(SyncCallback cb, SyncResult r) {
    if (cb)
      calls_.emplace_back([cb = std::move(cb), r = std::move(r)]() mutable { cb(std::move(r)); });
  }
  void event(GroupEvent e) { events_.push_back(std::move(e)); }

  // Callbacks first (members are waiting on them), then events for observers.
  void run(const GroupEventListener& listener) {
    for (auto& call : calls_)
      call();
    calls_.clear();
    if (listener) {
      for (const GroupEvent& e : events_)
        listener(e);
    }
    events_.clear();
  }

 private:
  std::vector<std::function<void()>> calls_;
  std::vector<GroupEvent> events_;
};

}  // namespace runnel::group
