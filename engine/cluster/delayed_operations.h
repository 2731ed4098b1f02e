// The broker's delayed operations ("purgatory"): requests that cannot be answered yet.
//  - PendingProduce: an acks=all produce over one or more partitions, answered once every
//    partition's high watermark has passed its batch (or with REQUEST_TIMED_OUT at the deadline,
//    or NOT_LEADER_OR_FOLLOWER when leadership moves away).
//  - DelayedFetch: a long-poll fetch, answered when enough bytes are available or maxWait ends.
// Both complete exactly once, whichever thread gets there first (a follower's fetcher advancing
// the high watermark, a producer appending, the broker's timer); the answer's callback runs on
// that thread, without any engine lock held. Shared ownership (shared_ptr): partition replicas
// and the timer hold them until they complete. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

#include "engine/cluster/broker_requests.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

// Work to run once the caller has released its locks (callbacks, wake-ups).
using Completions = std::vector<std::function<void()>>;
inline void runCompletions(Completions& completions) {
  for (auto& c : completions)
    c();
  completions.clear();
}

class PendingProduce {
 public:
  // `response` holds every partition's append result; the slots listed in `waiting` still wait
  // for replication.
  PendingProduce(ProduceResponse response, const std::vector<std::size_t>& waiting,
                 ProduceCallback callback);

  // Settles one waiting slot (error none = replicated). Returns the callback invocation to run
  // outside locks when this was the last slot, else an empty function.
  std::function<void()> settle(std::size_t slot, ApiError error) EXCLUDES(mu_);
  // Settles every slot still waiting with `error` (timeout, broker death).
  std::function<void()> settleAll(const ApiError& error) EXCLUDES(mu_);
  bool done() const { return done_.load(std::memory_order_acquire); }

 private:
  std::function<void()> finishLocked() REQUIRES(mu_);

  Mutex mu_;
  ProduceResponse response_ GUARDED_BY(mu_);
  std::vector<bool> waiting_ GUARDED_BY(mu_);
  std::size_t remaining_ GUARDED_BY(mu_) = 0;
  ProduceCallback callback_ GUARDED_BY(mu_);
  std::atomic<bool> done_{false};
};

class DelayedFetch {
 public:
  // `ready` says whether enough data is there now (cheap; called from many threads);
  // `complete` reads and answers (called exactly once).
  DelayedFetch(std::function<bool()> ready, std::function<void()> complete);

  // Completes if ready(); returns whether this call completed it.
  bool tryComplete();
  // Completes regardless (maxWait passed, leadership moved, the broker died).
  bool forceComplete();
  bool done() const { return done_.load(std::memory_order_acquire); }

 private:
  bool completeOnce();

  std::function<bool()> ready_;
  std::function<void()> complete_;
  std::atomic<bool> done_{false};
};

}  // namespace runnel::cluster
