// Controller: partition reassignment as KIP-455 does it. While a reassignment runs, the record's
// replicas are the targets followed by the replicas being removed; `adding` are targets not yet
// in sync. The leader's ISR expansions (alterPartition) finish it once every target is in the
// ISR; cancelling goes back to the replicas from before.
#include <algorithm>
#include <set>

#include "engine/cluster/broker.h"
#include "engine/cluster/broker_id_list.h"
#include "engine/cluster/controller.h"
#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {

// The members of `ids` that are (keep = true) or are not in `other`, in `ids`' order.
std::vector<std::int32_t> filtered(const std::vector<std::int32_t>& ids,
                                   const std::vector<std::int32_t>& other, bool keep) {
  std::vector<std::int32_t> out;
  for (std::int32_t id : ids) {
    if (containsBroker(other, id) == keep) out.push_back(id);
  }
  return out;
}

// The replicas before the reassignment in progress (all of them when there is none).
std::vector<std::int32_t> originalReplicas(const PartitionRecord& p) {
  return filtered(p.replicas, p.addingReplicas, /*keep=*/false);
}

// The target of the reassignment in progress.
std::vector<std::int32_t> targetReplicas(const PartitionRecord& p) {
  return filtered(p.replicas, p.removingReplicas, /*keep=*/false);
}

bool reassigning(const PartitionRecord& p) {
  return !p.addingReplicas.empty() || !p.removingReplicas.empty();
}

}  // namespace

std::int32_t Controller::firstInSyncLocked(const std::vector<std::int32_t>& candidates,
                                           const std::vector<std::int32_t>& isr) const {
  for (std::int32_t r : candidates) {
    if (alive_.count(r) && containsBroker(isr, r)) return r;
  }
  return kNoLeader;
}

std::optional<std::vector<std::int32_t>> Controller::completeReassignmentLocked(
    PartitionRecord& p) const {
  if (!reassigning(p)) return std::nullopt;
  const std::vector<std::int32_t> target = targetReplicas(p);
  for (std::int32_t r : target) {
    if (!containsBroker(p.isr, r)) return std::nullopt;
  }
  std::vector<std::int32_t> removed = p.removingReplicas;
  p.replicas = target;
  p.isr = filtered(p.isr, target, /*keep=*/true);
  p.addingReplicas.clear();
  p.removingReplicas.clear();
  if (!containsBroker(target, p.leader)) {
    p.leader = firstInSyncLocked(target, p.isr);
    ++p.leaderEpoch;
  }
  ++p.partitionEpoch;
  return removed;
}

void Controller::commitCompletedLocked(const PartitionRecord& before, const PartitionRecord& p,
                                       const std::vector<std::int32_t>& removed, Effects& fx) {
  if (Status s = commitLocked({p}, fx); !s.isOk()) {
    logger().error("controller: finishing the reassignment of {}-{}: {}", p.topic, p.partition,
                   s.toString());
    return;
  }
  for (std::int32_t r : removed)
    fx.removals.emplace_back(r, TopicPartition{p.topic, p.partition});
  fx.events.push_back(reassignmentCompletedEvent(clock_.nowMs(), p.topic, p.partition,
                                                 originalReplicas(before), p.replicas));
}

ApiError Controller::alterReassignment(const TopicPartition& tp,
                                       const std::optional<std::vector<std::int32_t>>& target) {
  Effects fx;
  {
    MutexLock lock(mu_);
    auto it = partitions_.find(tp);
    if (it == partitions_.end())
      return {ErrorCode::kUnknownTopicOrPartition, tp.toString() + " does not exist"};
    const PartitionRecord p = it->second;
    const std::vector<std::int32_t> original = originalReplicas(p);
    PartitionRecord q = p;
    std::vector<std::int32_t> dropped;  // replicas that leave now (adding ones no longer wanted)
    if (!target) {
      if (!reassigning(p)) {
        return {ErrorCode::kNoReassignmentInProgress,
                tp.toString() + " has no reassignment in progress"};
      }
      q.replicas = original;
      q.isr = filtered(p.isr, original, /*keep=*/true);
      if (q.isr.empty()) {
        return {ErrorCode::kInvalidReplicaAssignment,
                tp.toString() + ": none of the replicas " + formatIdSet(original) +
                    " from before the reassignment is in sync; cancelling would lose records"};
      }
      dropped = p.addingReplicas;
      q.addingReplicas.clear();
      q.removingReplicas.clear();
      fx.events.push_back(reassignmentCancelledEvent(clock_.nowMs(), tp.topic, tp.partition,
                                                     targetReplicas(p), original));
    } else {
      const std::vector<std::int32_t>& t = *target;
      if (t.empty()) {
        return {ErrorCode::kInvalidReplicaAssignment,
                tp.toString() + ": the new replica list is empty"};
      }
      std::set<std::int32_t> seen;
      for (std::int32_t r : t) {
        if (!seen.insert(r).second) {
          return {ErrorCode::kInvalidReplicaAssignment,
                  tp.toString() + ": broker " + std::to_string(r) + " is listed twice in " +
                      formatIdSet(t)};
        }
        if (!known_.count(r)) {
          return {ErrorCode::kInvalidReplicaAssignment,
                  tp.toString() + ": broker " + std::to_string(r) + " does not exist"};
        }
      }
      q.addingReplicas = filtered(t, original, /*keep=*/false);
      q.removingReplicas = filtered(original, t, /*keep=*/false);
      q.replicas = t;
      q.replicas.insert(q.replicas.end(), q.removingReplicas.begin(), q.removingReplicas.end());
      // Replicas added by a replaced reassignment that the new target does not want.
      dropped = filtered(p.replicas, q.replicas, /*keep=*/false);
      q.isr = filtered(p.isr, q.replicas, /*keep=*/true);
      if (reassigning(q)) {
        fx.events.push_back(reassignmentStartedEvent(clock_.nowMs(), tp.topic, tp.partition,
                                                     original, t, q.addingReplicas,
                                                     q.removingReplicas));
      }
    }
    if (!containsBroker(q.replicas, q.leader)) {
      q.leader = firstInSyncLocked(q.replicas, q.isr);
      ++q.leaderEpoch;
    }
    if (q == p) return {};
    ++q.partitionEpoch;
    // Targets already in sync (a reorder, or only removals) finish at once.
    PartitionRecord completed = q;
    auto removed = completeReassignmentLocked(completed);
    if (Status s = commitLocked({q}, fx); !s.isOk()) {
      return {ErrorCode::kKafkaStorageError, "persisting the reassignment failed: " + s.toString()};
    }
    for (std::int32_t r : dropped)
      fx.removals.emplace_back(r, tp);
    if (removed) commitCompletedLocked(q, completed, *removed, fx);
    pushLocked(fx);
  }
  finish(fx);
  return {};
}

std::vector<PartitionRecord> Controller::reassignments(
    const std::vector<TopicPartition>& wanted) const {
  MutexLock lock(mu_);
  std::vector<PartitionRecord> out;
  for (const auto& [tp, p] : partitions_) {
    if (!reassigning(p)) continue;
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), tp) != wanted.end())
      out.push_back(p);
  }
  return out;
}

}  // namespace runnel::cluster
