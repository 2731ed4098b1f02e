// GroupCoordinator::joinGroup: new members (MEMBER_ID_REQUIRED first, for JoinGroup v4+),
// static members (replacing their previous member id, without a rebalance when nothing about
// the group's protocol changes), and current members rejoining in each group state.
#include <cstdio>

#include "engine/cluster/group/group_coordinator.h"
#include "engine/common/uuid.h"

namespace runnel::group {
namespace {

JoinResult joinError(const std::string& memberId, GroupError error) {
  JoinResult r;
  r.error = error;
  r.memberId = memberId;
  return r;
}

// "<client or instance id>-<uuid>", the form Kafka hands out.
std::string generateMemberId(const JoinRequest& req) {
  const auto b = Uuid::random().bytes();
  char uuid[37];
  std::snprintf(uuid, sizeof uuid,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return req.groupInstanceId.value_or(req.clientId) + "-" + uuid;
}

}  // namespace

std::future<JoinResult> GroupCoordinator::joinGroup(JoinRequest request) {
  auto promise = std::make_shared<std::promise<JoinResult>>();
  auto future = promise->get_future();
  joinGroup(std::move(request), [promise](JoinResult r) { promise->set_value(std::move(r)); });
  return future;
}

void GroupCoordinator::joinGroup(JoinRequest req, JoinCallback done) {
  DeferredCalls out;
  {
    MutexLock lock(mu_);
    tickLocked(out);
    const GroupError status = checkActive(req.groupId, false);
    if (status != GroupError::kNone) {
      out.join(std::move(done), joinError(req.memberId, status));
    } else if (req.sessionTimeoutMs < config_.minSessionTimeoutMs ||
               req.sessionTimeoutMs > config_.maxSessionTimeoutMs) {
      out.join(std::move(done), joinError(req.memberId, GroupError::kInvalidSessionTimeout));
    } else {
      const bool isUnknown = req.memberId.empty();
      GroupMetadata* group = findGroup(req.groupId);
      // Only a new member may create a group; a member id for a group we do not know is stale.
      if (!group && isUnknown) group = &createGroup(req.groupId);
      if (!group) {
        out.join(std::move(done), joinError(req.memberId, GroupError::kUnknownMemberId));
      } else {
        if (!acceptJoiningMember(*group, req.memberId)) {
          if (group->has(req.memberId))
            removeMemberAndUpdateGroup(*group, req.memberId, GroupEvent::Kind::kMemberRemoved,
                                       "group is at its maximum size", out);
          out.join(std::move(done), joinError("", GroupError::kGroupMaxSizeReached));
        } else if (isUnknown) {
          doNewMemberJoin(*group, req, done, out);
        } else {
          doCurrentMemberJoin(*group, req, done, out);
        }
        settle(*group, out);
      }
    }
  }
  finish(out);
}

bool GroupCoordinator::acceptJoiningMember(const GroupMetadata& group,
                                           const std::string& memberId) const {
  const auto max = static_cast<std::size_t>(config_.maxGroupSize);
  switch (group.state()) {
    case GroupState::kEmpty:
    case GroupState::kDead:
      return true;
    case GroupState::kPreparingRebalance:
      // Counting members already back (not the size) lets the last rejoiners be shed when the
      // limit was lowered.
      return (group.has(memberId) && group.get(memberId).isAwaitingJoin()) ||
             group.numAwaitingJoin() < max;
    case GroupState::kCompletingRebalance:
    case GroupState::kStable:
      return group.has(memberId) || group.size() < max;
  }
  return false;
}

void GroupCoordinator::doNewMemberJoin(GroupMetadata& group, JoinRequest& req, JoinCallback& done,
                                       DeferredCalls& out) {
  if (group.is(GroupState::kDead)) {
    out.join(std::move(done), joinError("", GroupError::kCoordinatorNotAvailable));
    return;
  }
  if (!group.supportsProtocols(req.protocolType, req.protocols)) {
    out.join(std::move(done), joinError("", GroupError::kInconsistentGroupProtocol));
    return;
  }
  const std::string newMemberId = generateMemberId(req);
  if (req.groupInstanceId) {
    if (auto oldMemberId = group.staticMemberId(*req.groupInstanceId)) {
      updateStaticMemberAndRebalance(group, *oldMemberId, newMemberId, req, done, out);
    } else {
      addMemberAndRebalance(group, newMemberId, req, done, out);
    }
  } else if (req.requireKnownMemberId) {
    // The member must come back with this id; until then it holds up the rebalance like a
    // member, and is forgotten after a session timeout.
    group.addPendingMember(newMemberId, nowMs() + req.sessionTimeoutMs);
    out.join(std::move(done), joinError(newMemberId, GroupError::kMemberIdRequired));
  } else {
    addMemberAndRebalance(group, newMemberId, req, done, out);
  }
}

std::optional<GroupError> GroupCoordinator::validateCurrentMember(
    const GroupMetadata& group, const std::string& memberId,
    const std::optional<std::string>& instanceId) const {
  if (instanceId) {
    auto current = group.staticMemberId(*instanceId);
    if (!current) return GroupError::kUnknownMemberId;
    if (*current != memberId) return GroupError::kFencedInstanceId;
  }
  if (!group.has(memberId)) return GroupError::kUnknownMemberId;
  return std::nullopt;
}

JoinResult GroupCoordinator::currentGenerationResult(const GroupMetadata& group,
                                                     const std::string& memberId,
                                                     bool withMembers) const {
  JoinResult r;
  r.generationId = group.generationId();
  r.protocolType = group.protocolType();
  r.protocolName = group.protocolName();
  r.leaderId = group.leaderOrEmpty();
  r.memberId = memberId;
  if (withMembers) r.members = group.currentMemberMetadata();
  return r;
}

void GroupCoordinator::doCurrentMemberJoin(GroupMetadata& group, JoinRequest& req,
                                           JoinCallback& done, DeferredCalls& out) {
  const std::string& memberId = req.memberId;
  if (group.is(GroupState::kDead)) {
    out.join(std::move(done), joinError(memberId, GroupError::kCoordinatorNotAvailable));
    return;
  }
  if (!group.supportsProtocols(req.protocolType, req.protocols)) {
    out.join(std::move(done), joinError(memberId, GroupError::kInconsistentGroupProtocol));
    return;
  }
  if (group.isPendingMember(memberId)) {
    // Pending ids are only handed to dynamic members.
    if (req.groupInstanceId) {
      out.join(std::move(done), joinError(memberId, GroupError::kUnknownMemberId));
      return;
    }
    addMemberAndRebalance(group, memberId, req, done, out);
    return;
  }
  if (auto error = validateCurrentMember(group, memberId, req.groupInstanceId)) {
    out.join(std::move(done), joinError(memberId, *error));
    return;
  }
  MemberMetadata& member = group.get(memberId);
  switch (group.state()) {
    case GroupState::kPreparingRebalance:
      updateMemberAndRebalance(group, member, req, done, "member rejoined during the rebalance",
                               out);
      return;
    case GroupState::kCompletingRebalance:
      if (member.matches(req.protocols)) {
        // It missed its JoinGroup answer: give it again.
        out.join(std::move(done),
                 currentGenerationResult(group, memberId, group.isLeader(memberId)));
      } else {
        updateMemberAndRebalance(group, member, req, done, "member changed its metadata", out);
      }
      return;
    case GroupState::kStable:
      if (group.isLeader(memberId)) {
        // The leader rejoins when something only it sees changed (e.g. topic metadata).
        updateMemberAndRebalance(group, member, req, done, "leader rejoined", out);
      } else if (!member.matches(req.protocols)) {
        updateMemberAndRebalance(group, member, req, done, "member changed its metadata", out);
      } else {
        out.join(std::move(done), currentGenerationResult(group, memberId, false));
      }
      return;
    case GroupState::kEmpty:
    case GroupState::kDead:
      out.join(std::move(done), joinError(memberId, GroupError::kUnknownMemberId));
      return;
  }
}

void GroupCoordinator::addMemberAndRebalance(GroupMetadata& group, const std::string& memberId,
                                             JoinRequest& req, JoinCallback& done,
                                             DeferredCalls& out) {
  auto member = std::make_unique<MemberMetadata>();
  member->memberId = memberId;
  member->groupInstanceId = req.groupInstanceId;
  member->clientId = req.clientId;
  member->clientHost = req.clientHost;
  member->rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  member->sessionTimeoutMs = req.sessionTimeoutMs;
  member->protocolType = req.protocolType;
  member->protocols = std::move(req.protocols);
  member->isNew = true;
  if (group.is(GroupState::kPreparingRebalance) && group.generationId() == 0)
    group.newMemberAdded = true;
  MemberMetadata& added = *member;
  group.add(std::move(member), std::move(done));
  // It cannot heartbeat before its JoinGroup returns; a long timeout catches clients that left.
  scheduleHeartbeat(added, config_.newMemberJoinTimeoutMs);
  publish(out, GroupEvent::Kind::kMemberJoined, group, memberId, req.reason);
  maybePrepareRebalance(group, "new member " + memberId + " joined", out);
}

void GroupCoordinator::updateMemberAndRebalance(GroupMetadata& group, MemberMetadata& member,
                                                JoinRequest& req, JoinCallback& done,
                                                const std::string& reason, DeferredCalls& out) {
  // A JoinGroup already waiting for this member is superseded by this one; answer it so no
  // caller waits forever (Kafka drops it).
  JoinResult superseded;
  superseded.error = GroupError::kRebalanceInProgress;
  superseded.memberId = member.memberId;
  group.maybeInvokeJoin(member, std::move(superseded), out);
  group.updateMember(member, std::move(req.protocols), req.rebalanceTimeoutMs, req.sessionTimeoutMs,
                     std::move(done));
  maybePrepareRebalance(group, reason, out);
}

void GroupCoordinator::updateStaticMemberAndRebalance(GroupMetadata& group,
                                                      const std::string& oldMemberId,
                                                      const std::string& newMemberId,
                                                      JoinRequest& req, JoinCallback& done,
                                                      DeferredCalls& out) {
  const std::string currentLeader = group.leaderOrEmpty();
  MemberMetadata& member =
      group.replaceStaticMember(*req.groupInstanceId, oldMemberId, newMemberId, out);
  scheduleHeartbeat(member, member.sessionTimeoutMs);
  group.updateMember(member, std::move(req.protocols), req.rebalanceTimeoutMs, req.sessionTimeoutMs,
                     std::move(done));
  switch (group.state()) {
    case GroupState::kStable: {
      if (group.protocolName() != group.selectProtocol()) {
        maybePrepareRebalance(
            group, "static member " + newMemberId + " changed the group's protocol", out);
        return;
      }
      // Same protocol: the member gets its old place (and assignment) back without a rebalance.
      JoinResult r = currentGenerationResult(group, newMemberId, false);
      if (req.supportSkippingAssignment) {
        // JoinGroup v9+: tell a returning leader it leads, but must not run the assignor.
        const bool leader = group.isLeader(newMemberId);
        r.skipAssignment = leader;
        if (leader) r.members = group.currentMemberMetadata();
      } else {
        // Older clients: report the old leader id, so a returning leader does not assign.
        r.leaderId = currentLeader;
      }
      group.maybeInvokeJoin(member, std::move(r), out);
      return;
    }
    case GroupState::kCompletingRebalance:
      // The leader may already be assigning to the old id: start over.
      prepareRebalance(group, "static member " + newMemberId + " replaced " + oldMemberId, out);
      return;
    case GroupState::kPreparingRebalance:
    case GroupState::kEmpty:
    case GroupState::kDead:
      return;
  }
}

}  // namespace runnel::group
