// GroupCoordinator: construction, lifecycle, timers and the admin/read-only calls. The
// membership protocol itself is in group_coordinator_{join,rebalance,sync,offsets}.cpp.
#include "engine/cluster/group/group_coordinator.h"

#include <algorithm>

namespace runnel::group {

GroupCoordinator::GroupCoordinator(GroupCoordinatorConfig config, Clock* clock,
                                   OffsetStore* offsets, GroupEventListener listener)
    : config_(std::move(config)),
      clock_(clock),
      offsets_(offsets),
      listener_(std::move(listener)) {}

GroupCoordinator::~GroupCoordinator() {
  stopTimerThread();
  shutdown();
}

Status GroupCoordinator::startup() {
  MutexLock lock(mu_);
  RUNNEL_ASSIGN_OR_RETURN(std::vector<std::string> withOffsets, offsets_->groups());
  for (const std::string& id : withOffsets) {
    if (!findGroup(id)) createGroup(id);
  }
  active_ = true;
  return Status::ok();
}

void GroupCoordinator::shutdown() {
  DeferredCalls out;
  {
    MutexLock lock(mu_);
    for (auto& [id, group] : groups_) {
      failWaiting(*group, GroupError::kNotCoordinator, out);
      group->transitionTo(GroupState::kDead);
    }
    groups_.clear();
    active_ = false;
  }
  finish(out);
}

std::int64_t GroupCoordinator::nowMs() const {
  return clock_->monotonicNs() / 1'000'000;
}

GroupMetadata* GroupCoordinator::findGroup(const std::string& groupId) {
  auto it = groups_.find(groupId);
  return it == groups_.end() ? nullptr : it->second.get();
}

GroupMetadata& GroupCoordinator::createGroup(const std::string& groupId) {
  auto& slot = groups_[groupId];
  slot = std::make_unique<GroupMetadata>(groupId);
  return *slot;
}

GroupError GroupCoordinator::checkActive(const std::string& groupId, bool allowEmptyId) const {
  if (!allowEmptyId && groupId.empty()) return GroupError::kInvalidGroupId;
  if (!active_) return GroupError::kCoordinatorNotAvailable;
  return GroupError::kNone;
}

void GroupCoordinator::finish(DeferredCalls& out) {
  out.run(listener_);
}

void GroupCoordinator::publish(DeferredCalls& out, GroupEvent::Kind kind,
                               const GroupMetadata& group, const std::string& memberId,
                               const std::string& reason) const {
  out.event({kind, group.groupId(), memberId, group.generationId(), reason, group.snapshot()});
}

void GroupCoordinator::failWaiting(GroupMetadata& group, GroupError error, DeferredCalls& out) {
  for (MemberMetadata* m : group.members()) {
    JoinResult jr;
    jr.error = error;
    jr.memberId = m->memberId;
    group.maybeInvokeJoin(*m, std::move(jr), out);
    SyncResult sr;
    sr.error = error;
    group.maybeInvokeSync(*m, std::move(sr), out);
  }
}

// ---- timers ----

void GroupCoordinator::scheduleHeartbeat(MemberMetadata& member, std::int32_t timeoutMs) {
  // A member waiting on JoinGroup/SyncGroup cannot heartbeat and is not expected to; a new
  // member is, with the (long) new-member timeout, in case its client gave up.
  if (!member.isNew && (member.isAwaitingJoin() || member.isAwaitingSync())) {
    member.heartbeatDeadlineMs.reset();
    return;
  }
  member.heartbeatDeadlineMs = nowMs() + timeoutMs;
}

void GroupCoordinator::expireDue(GroupMetadata& group, DeferredCalls& out) {
  // Loops because a completion may arm a timer that is already due (a zero delay).
  for (int round = 0; round < 1000; ++round) {
    const std::int64_t now = nowMs();
    bool fired = false;
    std::vector<std::string> pendingDue;
    for (const auto& [id, deadline] : group.pendingMembers()) {
      if (deadline <= now) pendingDue.push_back(id);
    }
    for (const std::string& id : pendingDue) {
      removePendingMember(group, id, out);
      fired = true;
    }
    for (const std::string& id : group.memberIds()) {
      if (!group.has(id)) continue;
      MemberMetadata& m = group.get(id);
      if (!m.heartbeatDeadlineMs || *m.heartbeatDeadlineMs > now) continue;
      fired = true;
      m.heartbeatDeadlineMs.reset();
      if (!m.isNew && (m.isAwaitingJoin() || m.isAwaitingSync())) continue;
      removeMemberAndUpdateGroup(group, id, GroupEvent::Kind::kMemberExpired,
                                 m.isNew ? "JoinGroup not completed within the new-member timeout"
                                         : "session timeout expired without a heartbeat",
                                 out);
    }
    if (group.joinTimer && group.joinTimer->deadlineMs <= now) {
      onJoinTimer(group, out);
      fired = true;
    }
    if (group.syncTimer && group.syncTimer->deadlineMs <= now) {
      onSyncTimer(group, out);
      fired = true;
    }
    if (!fired) return;
  }
}

void GroupCoordinator::settle(GroupMetadata& group, DeferredCalls& out) {
  expireDue(group, out);
  if (group.is(GroupState::kPreparingRebalance)) maybeCompleteJoin(group, out);
}

void GroupCoordinator::tickLocked(DeferredCalls& out) {
  for (auto& [id, group] : groups_)
    settle(*group, out);
}

void GroupCoordinator::tick() {
  DeferredCalls out;
  {
    MutexLock lock(mu_);
    if (active_) tickLocked(out);
  }
  finish(out);
}

std::optional<std::int64_t> GroupCoordinator::nextDeadlineMs() const {
  MutexLock lock(mu_);
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t t) { next = next ? std::min(*next, t) : t; };
  for (const auto& [id, group] : groups_) {
    for (const auto& [pid, deadline] : group->pendingMembers())
      consider(deadline);
    for (const MemberMetadata* m : std::as_const(*group).members()) {
      if (m->heartbeatDeadlineMs) consider(*m->heartbeatDeadlineMs);
    }
    if (group->joinTimer) consider(group->joinTimer->deadlineMs);
    if (group->syncTimer) consider(group->syncTimer->deadlineMs);
  }
  return next;
}

void GroupCoordinator::startTimerThread(std::chrono::milliseconds interval) {
  stopTimerThread();
  {
    std::lock_guard<std::mutex> lock(threadMu_);
    stopThread_ = false;
  }
  timerThread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(threadMu_);
    while (!stopThread_) {
      threadWake_.wait_for(lock, interval, [this] { return stopThread_; });
      if (stopThread_) break;
      lock.unlock();
      tick();
      lock.lock();
    }
  });
}

void GroupCoordinator::stopTimerThread() {
  {
    std::lock_guard<std::mutex> lock(threadMu_);
    stopThread_ = true;
  }
  threadWake_.notify_all();
  if (timerThread_.joinable()) timerThread_.join();
}

// ---- read-only and admin calls ----

std::pair<GroupError, GroupSnapshot> GroupCoordinator::describeGroup(const std::string& groupId) {
  DeferredCalls out;
  std::pair<GroupError, GroupSnapshot> result;
  {
    MutexLock lock(mu_);
    result.first = checkActive(groupId, true);
    result.second.groupId = groupId;
    if (result.first == GroupError::kNone) {
      tickLocked(out);
      GroupMetadata* group = findGroup(groupId);
      if (!group) {
        result.first = GroupError::kGroupIdNotFound;
      } else {
        result.second = group->snapshot();
        // Kafka shows the protocol and member bytes only once the group is Stable.
        if (!group->is(GroupState::kStable)) {
          result.second.protocolName.clear();
          for (MemberSnapshot& m : result.second.members) {
            m.metadata.clear();
            m.assignment.clear();
          }
        }
      }
    }
  }
  finish(out);
  return result;
}

std::pair<GroupError, std::vector<GroupOverview>> GroupCoordinator::listGroups(
    const std::vector<GroupState>& states) {
  DeferredCalls out;
  std::pair<GroupError, std::vector<GroupOverview>> result;
  {
    MutexLock lock(mu_);
    result.first = checkActive("-", true);
    if (result.first == GroupError::kNone) {
      tickLocked(out);
      for (const auto& [id, group] : groups_) {
        if (!states.empty() &&
            std::find(states.begin(), states.end(), group->state()) == states.end())
          continue;
        result.second.push_back({id, group->protocolType().value_or(""), group->state()});
      }
    }
  }
  finish(out);
  return result;
}

std::map<std::string, GroupError> GroupCoordinator::deleteGroups(
    const std::vector<std::string>& groupIds) {
  DeferredCalls out;
  std::map<std::string, GroupError> result;
  {
    MutexLock lock(mu_);
    if (active_) tickLocked(out);
    for (const std::string& id : groupIds) {
      GroupError& error = result[id];
      error = checkActive(id, true);
      if (error != GroupError::kNone) continue;
      GroupMetadata* group = findGroup(id);
      if (!group || group->is(GroupState::kDead)) {
        error = GroupError::kGroupIdNotFound;
      } else if (!group->is(GroupState::kEmpty)) {
        error = GroupError::kNonEmptyGroup;
      } else if (!offsets_->remove(id).isOk()) {
        error = GroupError::kCoordinatorNotAvailable;
      } else {
        group->transitionTo(GroupState::kDead);
        publish(out, GroupEvent::Kind::kGroupDeleted, *group, {}, "DeleteGroups");
        groups_.erase(id);
      }
    }
  }
  finish(out);
  return result;
}

std::optional<GroupSnapshot> GroupCoordinator::snapshot(const std::string& groupId) const {
  MutexLock lock(mu_);
  auto it = groups_.find(groupId);
  if (it == groups_.end()) return std::nullopt;
  return it->second->snapshot();
}

std::vector<GroupSnapshot> GroupCoordinator::snapshots() const {
  MutexLock lock(mu_);
  std::vector<GroupSnapshot> out;
  for (const auto& [id, group] : groups_)
    out.push_back(group->snapshot());
  return out;
}

}  // namespace runnel::group
