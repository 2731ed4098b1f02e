// PartitionReplica: the leader's bookkeeping of the in-sync replicas — the high watermark (min
// log end over the maximal ISR), settling acks=all waiters, and proposing ISR expansion and
// shrink to the controller (Kafka's maybeExpandIsr / maybeShrinkIsr).
#include <algorithm>

#include "engine/cluster/broker_id_list.h"
#include "engine/cluster/cluster_event.h"
#include "engine/cluster/partition_replica.h"

namespace runnel::cluster {
std::vector<std::int32_t> PartitionReplica::maximalIsrLocked() const {
  std::vector<std::int32_t> ids = isr_;
  if (pendingIsr_) {
    for (std::int32_t id : *pendingIsr_) {
      if (!containsBroker(ids, id)) ids.push_back(id);
    }
  }
  return ids;
}

void PartitionReplica::maybeIncrementHighWatermarkLocked(Completions& out) {
  if (role_ != ReplicaRole::kLeader) return;
  std::int64_t candidate = log_->logEndOffset();
  for (std::int32_t id : maximalIsrLocked()) {
    if (id == self_) continue;
    auto it = followers_.find(id);
    candidate = std::min(candidate, it == followers_.end() ? -1 : it->second.logEndOffset);
  }
  if (candidate > highWatermark()) {
    highWatermark_.store(candidate, std::memory_order_release);
    wakeFetchWaitersLocked(out, /*force=*/false);
  }
  settleReplicatedLocked(out);
}

void PartitionReplica::settleReplicatedLocked(Completions& out) {
  const std::int64_t hwm = highWatermark();
  const bool enough = static_cast<std::int32_t>(isr_.size()) >= settings_.minInsyncReplicas;
  while (!produceWaiters_.empty() && produceWaiters_.front().requiredOffset <= hwm) {
    ProduceWaiter w = std::move(produceWaiters_.front());
    produceWaiters_.pop_front();
    ApiError error;
    if (!enough) {
      error = {
          ErrorCode::kNotEnoughReplicasAfterAppend,
          tp_.toString() + ": written, but the ISR " + formatIdSet(isr_) +
              " shrank below min.insync.replicas=" + std::to_string(settings_.minInsyncReplicas)};
    }
    if (auto fn = w.op->settle(w.slot, std::move(error))) out.push_back(std::move(fn));
  }
}

void PartitionReplica::proposeIsrLocked(std::vector<std::int32_t> newIsr, Completions& out) {
  std::sort(newIsr.begin(), newIsr.end());
  pendingIsr_ = newIsr;
  AlterPartitionRequest request{tp_, self_, leaderEpoch_, partitionEpoch_, std::move(newIsr)};
  out.push_back([self = shared_from_this(), request = std::move(request)]() mutable {
    self->host_.requestIsrChange(self, std::move(request));
  });
}

void PartitionReplica::maybeExpandIsrLocked(std::int32_t followerId, Completions& out) {
  if (pendingIsr_ || containsBroker(isr_, followerId)) return;
  const FollowerState& st = followers_[followerId];
  // In sync = caught up to the high watermark and into this leader's epoch (Kafka's rule).
  if (st.logEndOffset >= highWatermark() && st.logEndOffset >= leaderEpochStartOffset_) {
    std::vector<std::int32_t> newIsr = isr_;
    newIsr.push_back(followerId);
    proposeIsrLocked(std::move(newIsr), out);
  }
}

void PartitionReplica::maybeShrinkIsrLocked(std::int64_t nowMs, Completions& out) {
  if (role_ != ReplicaRole::kLeader || pendingIsr_) return;
  const std::int64_t leo = log_->logEndOffset();
  const std::int64_t maxLag = host_.replicaLagTimeMaxMs();
  std::vector<std::int32_t> keep;
  for (std::int32_t id : isr_) {
    if (id == self_) {
      keep.push_back(id);
      continue;
    }
    auto it = followers_.find(id);
    const bool caughtUp = it != followers_.end() && (it->second.logEndOffset == leo ||
                                                     nowMs - it->second.lastCaughtUpMs <= maxLag);
    if (caughtUp) keep.push_back(id);
  }
  if (keep.size() != isr_.size()) proposeIsrLocked(std::move(keep), out);
}

}  // namespace runnel::cluster
