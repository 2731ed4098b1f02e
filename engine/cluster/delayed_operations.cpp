#include "engine/cluster/delayed_operations.h"

namespace runnel::cluster {

PendingProduce::PendingProduce(ProduceResponse response, const std::vector<std::size_t>& waiting,
                               ProduceCallback callback)
    : response_(std::move(response)), callback_(std::move(callback)) {
  waiting_.assign(response_.partitions.size(), false);
  for (std::size_t slot : waiting) {
    if (slot < waiting_.size() && !waiting_[slot]) {
      waiting_[slot] = true;
      ++remaining_;
    }
  }
}

std::function<void()> PendingProduce::finishLocked() {
  done_.store(true, std::memory_order_release);
  return [cb = std::move(callback_), r = std::move(response_)]() mutable { cb(std::move(r)); };
}

std::function<void()> PendingProduce::settle(std::size_t slot, ApiError error) {
  MutexLock lock(mu_);
  if (done_.load(std::memory_order_relaxed) || slot >= waiting_.size() || !waiting_[slot])
    return {};
  waiting_[slot] = false;
  if (!error.ok()) response_.partitions[slot].error = std::move(error);
  if (--remaining_ > 0) return {};
  return finishLocked();
}

std::function<void()> PendingProduce::settleAll(const ApiError& error) {
  MutexLock lock(mu_);
  if (done_.load(std::memory_order_relaxed)) return {};
  for (std::size_t i = 0; i < waiting_.size(); ++i) {
    if (!waiting_[i]) continue;
    waiting_[i] = false;
    response_.partitions[i].error = error;
  }
  remaining_ = 0;
  return finishLocked();
}

DelayedFetch::DelayedFetch(std::function<bool()> ready, std::function<void()> complete)
    : ready_(std::move(ready)), complete_(std::move(complete)) {}

bool DelayedFetch::completeOnce() {
  bool expected = false;
  if (!done_.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return false;
  // Only the winner of the exchange touches complete_; ready_ stays for racing tryComplete()s.
  auto complete = std::move(complete_);
  complete();
  return true;
}

bool DelayedFetch::tryComplete() {
  if (done()) return false;
  if (!ready_()) return false;
  return completeOnce();
}

bool DelayedFetch::forceComplete() {
  return completeOnce();
}

}  // namespace runnel::cluster
