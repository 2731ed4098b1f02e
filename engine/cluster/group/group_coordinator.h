// GroupCoordinator: the classic (pre-KIP-848) consumer-group protocol as Kafka's broker runs it
// — JoinGroup/SyncGroup/Heartbeat/LeaveGroup with generations, leader election, static
// membership, session and rebalance timeouts, plus offset commit/fetch/delete and the admin
// calls (describe, list, delete groups). See README.md here for the state machine.
//
// Long polls: joinGroup and syncGroup complete through a callback, possibly much later (when the
// rebalance completes), so a network handler never blocks a thread; the future-returning
// overloads serve in-process callers. Callbacks and events run on whichever thread completed
// them (an API caller, tick(), or the timer thread), never with the coordinator's lock held, so
// they may call back into the coordinator.
//
// Time: all deadlines come from the injected Clock (monotonic reading). Timers fire in tick(),
// which every API call also runs first and last, so an expired member is gone by the time its
// next request is looked at. Tests use a ManualClock and call tick() after advancing it;
// servers call startTimerThread() to tick on a real-time interval.
//
// Thread-safety: every public method may be called from any thread. `mu_` guards all group
// state (the group map and everything inside each GroupMetadata) and `active_`; the offset
// store is called with `mu_` held. `threadMu_` guards only the timer thread's stop flag.
// Lifetime: the Clock and the OffsetStore must outlive the coordinator. Destruction stops the
// timer thread and answers every waiting JoinGroup/SyncGroup with NOT_COORDINATOR.
#pragma once

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/cluster/group/group_coordinator_config.h"
#include "engine/cluster/group/group_metadata.h"
#include "engine/cluster/group/group_types.h"
#include "engine/cluster/group/offset_store.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"

namespace runnel::group {

class GroupCoordinator {
 public:
  GroupCoordinator(GroupCoordinatorConfig config, Clock* clock, OffsetStore* offsets,
                   GroupEventListener listener = {});
  ~GroupCoordinator();
  GroupCoordinator(const GroupCoordinator&) = delete;
  GroupCoordinator& operator=(const GroupCoordinator&) = delete;

  // Loads every group with committed offsets as an Empty group and starts answering. Until
  // then (and after shutdown()) every call answers COORDINATOR_NOT_AVAILABLE.
  Status startup();
  // Stops answering; waiting JoinGroup/SyncGroup requests get NOT_COORDINATOR (as when Kafka
  // unloads a group); in-memory membership is dropped, committed offsets stay in the store.
  void shutdown();

  void joinGroup(JoinRequest request, JoinCallback done);
  std::future<JoinResult> joinGroup(JoinRequest request);
  void syncGroup(SyncRequest request, SyncCallback done);
  std::future<SyncResult> syncGroup(SyncRequest request);
  GroupError heartbeat(const HeartbeatRequest& request);
  LeaveResult leaveGroup(const std::string& groupId, const std::vector<LeaveMember>& members);

  std::vector<PartitionResult> commitOffsets(const OffsetCommitRequest& request);
  // Committed offsets of the group: all of them (`partitions` nullopt) or the listed ones
  // (offset -1 where nothing is committed). Works for any group id, known or not, as in Kafka.
  OffsetFetchResult fetchOffsets(
      const std::string& groupId,
      const std::optional<std::vector<PartitionRef>>& partitions = std::nullopt);
  DeleteOffsetsResult deleteOffsets(const std::string& groupId,
                                    const std::vector<PartitionRef>& partitions);

  // DescribeGroups: as Kafka, member metadata/assignment and the protocol name only when Stable;
  // an unknown group is GROUP_ID_NOT_FOUND with a Dead snapshot.
  std::pair<GroupError, GroupSnapshot> describeGroup(const std::string& groupId);
  // ListGroups; `states` empty means all.
  std::pair<GroupError, std::vector<GroupOverview>> listGroups(
      const std::vector<GroupState>& states = {});
  std::map<std::string, GroupError> deleteGroups(const std::vector<std::string>& groupIds);

  // For the studio: everything, in every state (unlike describeGroup). nullopt if unknown.
  std::optional<GroupSnapshot> snapshot(const std::string& groupId) const;
  std::vector<GroupSnapshot> snapshots() const;

  // Fires every timer whose deadline has passed on the clock: session expiry, pending-member
  // expiry, the (initial) rebalance delay and rebalance timeout, and the sync timeout.
  void tick();
  // The earliest pending deadline (monotonic ms), for a caller that schedules its own ticks.
  std::optional<std::int64_t> nextDeadlineMs() const;
  // A thread that calls tick() every `interval` of real time until stopTimerThread() or
  // destruction. Not for tests on a ManualClock: they call tick() themselves.
  void startTimerThread(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  void stopTimerThread();

 private:
  std::int64_t nowMs() const;
  GroupMetadata* findGroup(const std::string& groupId) REQUIRES(mu_);
  GroupMetadata& createGroup(const std::string& groupId) REQUIRES(mu_);
  GroupError checkActive(const std::string& groupId, bool allowEmptyId) const REQUIRES(mu_);
  void finish(DeferredCalls& out);

  // Join (group_coordinator_join.cpp).
  bool acceptJoiningMember(const GroupMetadata& group, const std::string& memberId) const
      REQUIRES(mu_);
  void doNewMemberJoin(GroupMetadata& group, JoinRequest& req, JoinCallback& done,
                       DeferredCalls& out) REQUIRES(mu_);
  void doCurrentMemberJoin(GroupMetadata& group, JoinRequest& req, JoinCallback& done,
                           DeferredCalls& out) REQUIRES(mu_);
  void addMemberAndRebalance(GroupMetadata& group, const std::string& memberId, JoinRequest& req,
                             JoinCallback& done, DeferredCalls& out) REQUIRES(mu_);
  void updateStaticMemberAndRebalance(GroupMetadata& group, const std::string& oldMemberId,
                                      const std::string& newMemberId, JoinRequest& req,
                                      JoinCallback& done, DeferredCalls& out) REQUIRES(mu_);
  void updateMemberAndRebalance(GroupMetadata& group, MemberMetadata& member, JoinRequest& req,
                                JoinCallback& done, const std::string& reason, DeferredCalls& out)
      REQUIRES(mu_);
  JoinResult currentGenerationResult(const GroupMetadata& group, const std::string& memberId,
                                     bool withMembers) const REQUIRES(mu_);
  std::optional<GroupError> validateCurrentMember(
      const GroupMetadata& group, const std::string& memberId,
      const std::optional<std::string>& instanceId) const REQUIRES(mu_);

  // Rebalance machinery (group_coordinator_rebalance.cpp).
  void maybePrepareRebalance(GroupMetadata& group, const std::string& reason, DeferredCalls& out)
      REQUIRES(mu_);
  void prepareRebalance(GroupMetadata& group, const std::string& reason, DeferredCalls& out)
      REQUIRES(mu_);
  void removeMemberAndUpdateGroup(GroupMetadata& group, const std::string& memberId,
                                  GroupEvent::Kind why, const std::string& reason,
                                  DeferredCalls& out) REQUIRES(mu_);
  void removePendingMember(GroupMetadata& group, const std::string& memberId, DeferredCalls& out)
      REQUIRES(mu_);
  void maybeCompleteJoin(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void onCompleteJoin(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void onJoinTimer(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void onSyncTimer(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void maybeCompleteSync(GroupMetadata& group) REQUIRES(mu_);
  void propagateAssignment(GroupMetadata& group, GroupError error, DeferredCalls& out)
      REQUIRES(mu_);
  void scheduleHeartbeat(MemberMetadata& member, std::int32_t timeoutMs) REQUIRES(mu_);
  // Fires due timers of one group until none is due; then drops it if it is Dead.
  void settle(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void expireDue(GroupMetadata& group, DeferredCalls& out) REQUIRES(mu_);
  void tickLocked(DeferredCalls& out) REQUIRES(mu_);
  void publish(DeferredCalls& out, GroupEvent::Kind kind, const GroupMetadata& group,
               const std::string& memberId, const std::string& reason) const REQUIRES(mu_);
  // Fails every waiting callback of the group with `error`.
  void failWaiting(GroupMetadata& group, GroupError error, DeferredCalls& out) REQUIRES(mu_);

  // Sync (group_coordinator_sync.cpp).
  void doSyncGroup(GroupMetadata& group, SyncRequest& req, SyncCallback& done, DeferredCalls& out)
      REQUIRES(mu_);
  std::optional<GroupError> validateOffsetCommit(const GroupMetadata& group,
                                                 const OffsetCommitRequest& req) const
      REQUIRES(mu_);

  const GroupCoordinatorConfig config_;
  Clock* const clock_;
  OffsetStore* const offsets_;
  const GroupEventListener listener_;

  mutable Mutex mu_;
  bool active_ GUARDED_BY(mu_) = false;
  std::map<std::string, std::unique_ptr<GroupMetadata>> groups_ GUARDED_BY(mu_);

  std::mutex threadMu_;
  std::condition_variable threadWake_;
  bool stopThread_ = false;  // guarded by threadMu_
  std::thread timerThread_;
};

}  // namespace runnel::group
