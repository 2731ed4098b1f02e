// GroupCoordinator: SyncGroup (the leader's assignment reaches every member), Heartbeat and
// LeaveGroup.
#include "engine/cluster/group/group_coordinator.h"

namespace runnel::group {
namespace {

SyncResult syncError(GroupError error) {
  SyncResult r;
  r.error = error;
  return r;
}

}  // namespace

std::future<SyncResult> GroupCoordinator::syncGroup(SyncRequest request) {
  auto promise = std::make_shared<std::promise<SyncResult>>();
  auto future = promise->get_future();
  syncGroup(std::move(request), [promise](SyncResult r) { promise->set_value(std::move(r)); });
  return future;
}

void GroupCoordinator::syncGroup(SyncRequest req, SyncCallback done) {
  DeferredCalls out;
  {
    MutexLock lock(mu_);
    tickLocked(out);
    const GroupError status = checkActive(req.groupId, false);
    GroupMetadata* group = status == GroupError::kNone ? findGroup(req.groupId) : nullptr;
    if (status != GroupError::kNone) {
      out.sync(std::move(done), syncError(status));
    } else if (!group) {
      out.sync(std::move(done), syncError(GroupError::kUnknownMemberId));
    } else {
      doSyncGroup(*group, req, done, out);
      settle(*group, out);
    }
  }
  finish(out);
}

void GroupCoordinator::doSyncGroup(GroupMetadata& group, SyncRequest& req, SyncCallback& done,
                                   DeferredCalls& out) {
  if (group.is(GroupState::kDead)) {
    out.sync(std::move(done), syncError(GroupError::kCoordinatorNotAvailable));
    return;
  }
  std::optional<GroupError> error = validateCurrentMember(group, req.memberId, req.groupInstanceId);
  if (!error && req.generationId != group.generationId()) error = GroupError::kIllegalGeneration;
  if (!error && req.protocolType && group.protocolType() != req.protocolType) {
    error = GroupError::kInconsistentGroupProtocol;
  }
  if (!error && req.protocolName && group.protocolName() != req.protocolName) {
    error = GroupError::kInconsistentGroupProtocol;
  }
  if (error) {
    out.sync(std::move(done), syncError(*error));
    return;
  }
  MemberMetadata& member = group.get(req.memberId);
  switch (group.state()) {
    case GroupState::kEmpty:
      out.sync(std::move(done), syncError(GroupError::kUnknownMemberId));
      return;
    case GroupState::kPreparingRebalance:
      out.sync(std::move(done), syncError(GroupError::kRebalanceInProgress));
      return;
    case GroupState::kCompletingRebalance: {
      group.maybeInvokeSync(member, syncError(GroupError::kRebalanceInProgress),
                            out);  // a superseded request
      member.awaitingSync = std::move(done);
      group.removePendingSyncMember(req.memberId);
      maybeCompleteSync(group);
      if (!group.isLeader(req.memberId)) return;  // followers wait for the leader
      // Members the leader left out get empty assignments; ids it made up are ignored.
      for (MemberMetadata* m : group.members()) {
        m->assignment.clear();
        for (auto& [id, bytes] : req.assignments) {
          if (id == m->memberId) m->assignment = bytes;
        }
      }
      propagateAssignment(group, GroupError::kNone, out);
      group.transitionTo(GroupState::kStable);
      publish(out, GroupEvent::Kind::kRebalanced, group, req.memberId,
              "leader sent the assignment");
      return;
    }
    case GroupState::kStable: {
      group.removePendingSyncMember(req.memberId);
      maybeCompleteSync(group);
      SyncResult r;
      r.protocolType = group.protocolType();
      r.protocolName = group.protocolName();
      r.assignment = member.assignment;
      out.sync(std::move(done), std::move(r));
      scheduleHeartbeat(member, member.sessionTimeoutMs);
      return;
    }
    case GroupState::kDead:
      return;
  }
}

GroupError GroupCoordinator::heartbeat(const HeartbeatRequest& req) {
  DeferredCalls out;
  GroupError result = GroupError::kNone;
  {
    MutexLock lock(mu_);
    tickLocked(out);
    result = checkActive(req.groupId, false);
    GroupMetadata* group = result == GroupError::kNone ? findGroup(req.groupId) : nullptr;
    if (result != GroupError::kNone) {
      // error already set
    } else if (!group) {
      result = GroupError::kUnknownMemberId;
    } else if (group->is(GroupState::kDead)) {
      result = GroupError::kCoordinatorNotAvailable;
    } else if (auto error = validateCurrentMember(*group, req.memberId, req.groupInstanceId)) {
      result = *error;
    } else if (req.generationId != group->generationId()) {
      result = GroupError::kIllegalGeneration;
    } else if (group->is(GroupState::kEmpty)) {
      result = GroupError::kUnknownMemberId;
    } else {
      MemberMetadata& member = group->get(req.memberId);
      scheduleHeartbeat(member, member.sessionTimeoutMs);
      // During PreparingRebalance the answer is how members learn they must rejoin.
      if (group->is(GroupState::kPreparingRebalance)) result = GroupError::kRebalanceInProgress;
    }
  }
  finish(out);
  return result;
}

LeaveResult GroupCoordinator::leaveGroup(const std::string& groupId,
                                         const std::vector<LeaveMember>& leaving) {
  DeferredCalls out;
  LeaveResult result;
  {
    MutexLock lock(mu_);
    tickLocked(out);
    result.error = checkActive(groupId, false);
    GroupMetadata* group = result.error == GroupError::kNone ? findGroup(groupId) : nullptr;
    if (result.error == GroupError::kNone && group && group->is(GroupState::kDead)) {
      result.error = GroupError::kCoordinatorNotAvailable;
    } else if (result.error == GroupError::kNone) {
      for (const LeaveMember& lm : leaving) {
        LeaveMemberResult r{lm.memberId, lm.groupInstanceId, GroupError::kNone};
        const std::string reason = lm.reason.empty() ? "LeaveGroup" : "LeaveGroup: " + lm.reason;
        if (!group) {
          r.error = GroupError::kUnknownMemberId;
        } else if (lm.memberId.empty()) {
          // Admin removal of a static member by instance id alone.
          auto current =
              lm.groupInstanceId ? group->staticMemberId(*lm.groupInstanceId) : std::nullopt;
          if (current) {
            removeMemberAndUpdateGroup(*group, *current, GroupEvent::Kind::kMemberLeft, reason,
                                       out);
          } else {
            r.error = GroupError::kUnknownMemberId;
          }
        } else if (group->isPendingMember(lm.memberId)) {
          removePendingMember(*group, lm.memberId, out);
        } else if (auto error = validateCurrentMember(*group, lm.memberId, lm.groupInstanceId)) {
          r.error = *error;
        } else {
          removeMemberAndUpdateGroup(*group, lm.memberId, GroupEvent::Kind::kMemberLeft, reason,
                                     out);
        }
        result.members.push_back(std::move(r));
      }
      if (group) settle(*group, out);
    }
  }
  finish(out);
  return result;
}

}  // namespace runnel::group
