// GroupCoordinator: entering and leaving a rebalance — PreparingRebalance with its (initial)
// delay and rebalance timeout, completing the join phase into a new generation, the sync
// timeout, and removing members. Mirrors Kafka's GroupCoordinator step by step.
#include <algorithm>

#include "engine/cluster/group/group_coordinator.h"

namespace runnel::group {

void GroupCoordinator::maybePrepareRebalance(GroupMetadata& group, const std::string& reason,
                                             DeferredCalls& out) {
  if (group.canRebalance()) prepareRebalance(group, reason, out);
}

void GroupCoordinator::prepareRebalance(GroupMetadata& group, const std::string& reason,
                                        DeferredCalls& out) {
  // Members waiting on SyncGroup must start over.
  if (group.is(GroupState::kCompletingRebalance)) {
    for (MemberMetadata* m : group.members())
      m->assignment.clear();
    propagateAssignment(group, GroupError::kRebalanceInProgress, out);
  }
  group.clearPendingSyncMembers();
  group.syncTimer.reset();

  const std::int32_t rebalanceTimeout = group.rebalanceTimeoutMs();
  JoinTimer timer;
  if (group.is(GroupState::kEmpty)) {
    // A group coming from Empty waits a little for more members, so that a whole application
    // starting up causes one rebalance instead of one per member.
    timer.initial = true;
    timer.delayMs = config_.initialRebalanceDelayMs;
    timer.remainingMs = std::max(rebalanceTimeout - config_.initialRebalanceDelayMs, 0);
    timer.deadlineMs = nowMs() + timer.delayMs;
  } else {
    timer.deadlineMs = nowMs() + rebalanceTimeout;
  }
  group.joinTimer = timer;
  group.transitionTo(GroupState::kPreparingRebalance);
  publish(out, GroupEvent::Kind::kRebalanceStarted, group, {}, reason);
  maybeCompleteJoin(group, out);
}

void GroupCoordinator::removeMemberAndUpdateGroup(GroupMetadata& group, const std::string& memberId,
                                                  GroupEvent::Kind why, const std::string& reason,
                                                  DeferredCalls& out) {
  if (!group.has(memberId)) return;
  MemberMetadata& member = group.get(memberId);
  // Its JoinGroup may still be waiting: answer it, so a live client rejoins from scratch.
  JoinResult jr;
  jr.error = GroupError::kUnknownMemberId;
  group.maybeInvokeJoin(member, std::move(jr), out);
  SyncResult sr;
  sr.error = GroupError::kUnknownMemberId;
  group.maybeInvokeSync(member, std::move(sr), out);
  group.remove(memberId);
  publish(out, why, group, memberId, reason);
  switch (group.state()) {
    case GroupState::kDead:
    case GroupState::kEmpty:
      break;
    case GroupState::kStable:
    case GroupState::kCompletingRebalance:
      maybePrepareRebalance(group, reason, out);
      break;
    case GroupState::kPreparingRebalance:
      maybeCompleteJoin(group, out);
      break;
  }
}

void GroupCoordinator::removePendingMember(GroupMetadata& group, const std::string& memberId,
                                           DeferredCalls& out) {
  group.remove(memberId);
  if (group.is(GroupState::kPreparingRebalance)) maybeCompleteJoin(group, out);
}

void GroupCoordinator::maybeCompleteJoin(GroupMetadata& group, DeferredCalls& out) {
  // The initial delay never ends early; the regular wait ends once everyone is back.
  if (!group.is(GroupState::kPreparingRebalance) || !group.joinTimer || group.joinTimer->initial)
    return;
  if (!group.hasAllMembersJoined()) return;
  group.joinTimer.reset();
  onCompleteJoin(group, out);
}

void GroupCoordinator::onJoinTimer(GroupMetadata& group, DeferredCalls& out) {
  const JoinTimer timer = *group.joinTimer;
  group.joinTimer.reset();
  if (timer.initial && group.newMemberAdded && timer.remainingMs != 0) {
    // New members keep arriving: wait another round, within the rebalance timeout.
    group.newMemberAdded = false;
    JoinTimer next;
    next.initial = true;
    next.delayMs = std::min(config_.initialRebalanceDelayMs, timer.remainingMs);
    next.remainingMs = std::max(timer.remainingMs - timer.delayMs, 0);
    // From the old deadline, not from now: a late tick() must not stretch the wait.
    next.deadlineMs = timer.deadlineMs + next.delayMs;
    group.joinTimer = next;
    return;
  }
  onCompleteJoin(group, out);
}

void GroupCoordinator::onCompleteJoin(GroupMetadata& group, DeferredCalls& out) {
  // Dynamic members that did not rejoin in time are dropped; static ones keep their place.
  for (const std::string& id : group.memberIds()) {
    MemberMetadata& m = group.get(id);
    if (m.isAwaitingJoin() || m.isStatic()) continue;
    SyncResult sr;
    sr.error = GroupError::kUnknownMemberId;
    group.maybeInvokeSync(m, std::move(sr), out);
    group.remove(id);
    publish(out, GroupEvent::Kind::kMemberRemoved, group, id,
            "did not rejoin within the rebalance timeout");
  }
  if (group.is(GroupState::kDead)) return;
  if (!group.maybeElectNewJoinedLeader() && !group.empty()) {
    // Nobody rejoined (only absent static members remain): wait another rebalance timeout,
    // until their sessions expire.
    JoinTimer timer;
    timer.deadlineMs = nowMs() + group.rebalanceTimeoutMs();
    group.joinTimer = timer;
    return;
  }
  group.initNextGeneration();
  if (group.is(GroupState::kEmpty)) {
    publish(out, GroupEvent::Kind::kGroupEmpty, group, {}, "rebalance completed with no members");
    return;
  }
  for (MemberMetadata* m : group.members()) {
    const bool leader = group.isLeader(m->memberId);
    group.maybeInvokeJoin(*m, currentGenerationResult(group, m->memberId, leader), out);
    scheduleHeartbeat(*m, m->sessionTimeoutMs);
    m->isNew = false;
    group.addPendingSyncMember(m->memberId);
  }
  group.syncTimer = SyncTimer{nowMs() + group.rebalanceTimeoutMs(), group.generationId()};
}

void GroupCoordinator::maybeCompleteSync(GroupMetadata& group) {
  if (!group.syncTimer) return;
  const bool stale = group.syncTimer->generationId != group.generationId();
  const bool settled =
      !group.is(GroupState::kCompletingRebalance) && !group.is(GroupState::kStable);
  if (stale || settled || group.pendingSyncMembers().empty()) group.syncTimer.reset();
}

void GroupCoordinator::onSyncTimer(GroupMetadata& group, DeferredCalls& out) {
  const SyncTimer timer = *group.syncTimer;
  group.syncTimer.reset();
  if (timer.generationId != group.generationId()) return;
  if (!group.is(GroupState::kCompletingRebalance) && !group.is(GroupState::kStable)) return;
  const std::set<std::string> missing = group.pendingSyncMembers();
  if (missing.empty()) return;
  for (const std::string& id : missing) {
    if (!group.has(id)) continue;
    JoinResult jr;
    jr.error = GroupError::kUnknownMemberId;
    group.maybeInvokeJoin(group.get(id), std::move(jr), out);
    group.remove(id);
    publish(out, GroupEvent::Kind::kMemberRemoved, group, id,
            "no SyncGroup within the rebalance timeout");
  }
  prepareRebalance(group, "members did not send SyncGroup in time", out);
}

void GroupCoordinator::propagateAssignment(GroupMetadata& group, GroupError error,
                                           DeferredCalls& out) {
  for (MemberMetadata* m : group.members()) {
    SyncResult r;
    r.error = error;
    if (error == GroupError::kNone) {
      r.protocolType = group.protocolType();
      r.protocolName = group.protocolName();
      r.assignment = m->assignment;
    }
    // The session clock restarts once the member has its answer.
    if (group.maybeInvokeSync(*m, std::move(r), out)) scheduleHeartbeat(*m, m->sessionTimeoutMs);
  }
}

}  // namespace runnel::group
