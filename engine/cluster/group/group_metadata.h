// GroupMetadata: one classic group's state — members (in join order), pending members that
// were handed an id but have not joined with it, static-member mapping, generation, chosen
// protocol, leader, and the group's rebalance timers. The bookkeeping half of Kafka's
// GroupMetadata; the protocol decisions live in GroupCoordinator.
// Owned by the GroupCoordinator; every access holds the coordinator's mutex.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/cluster/group/deferred_calls.h"
#include "engine/cluster/group/member_metadata.h"

namespace runnel::group {

// The timer that ends PreparingRebalance. The initial one (for a group coming from Empty) waits
// group.initial.rebalance.delay.ms, extended while new members keep arriving, and never ends
// early; the regular one waits the rebalance timeout but ends as soon as every member rejoined.
struct JoinTimer {
  std::int64_t deadlineMs = 0;
  bool initial = false;
  std::int32_t delayMs = 0;      // this round's delay (initial only)
  std::int32_t remainingMs = 0;  // rebalance timeout still unspent after this round (initial only)
};

// The timer that ends CompletingRebalance/Stable for members that never sent SyncGroup.
struct SyncTimer {
  std::int64_t deadlineMs = 0;
  std::int32_t generationId = 0;
};

class GroupMetadata {
 public:
  explicit GroupMetadata(std::string groupId) : groupId_(std::move(groupId)) {}

  const std::string& groupId() const { return groupId_; }
  GroupState state() const { return state_; }
  bool is(GroupState s) const { return state_ == s; }
  void transitionTo(GroupState s);
  bool canRebalance() const { return isValidTransition(state_, GroupState::kPreparingRebalance); }

  std::int32_t generationId() const { return generationId_; }
  const std::optional<std::string>& protocolType() const { return protocolType_; }
  const std::optional<std::string>& protocolName() const { return protocolName_; }
  const std::optional<std::string>& leaderId() const { return leaderId_; }
  std::string leaderOrEmpty() const { return leaderId_.value_or(""); }
  bool isLeader(const std::string& memberId) const { return leaderId_ == memberId; }

  // Members, in the order they joined.
  std::size_t size() const { return order_.size(); }
  bool empty() const { return order_.empty(); }
  bool has(const std::string& memberId) const { return members_.count(memberId) > 0; }
  MemberMetadata& get(const std::string& memberId) { return *members_.at(memberId); }
  const MemberMetadata& get(const std::string& memberId) const { return *members_.at(memberId); }
  std::vector<MemberMetadata*> members();
  std::vector<const MemberMetadata*> members() const;
  std::vector<std::string> memberIds() const { return order_; }

  void add(std::unique_ptr<MemberMetadata> member, JoinCallback callback);
  // Forgets the member (and any pending/pending-sync entry of that id); a removed leader is
  // replaced by the oldest remaining member. Returns the member, so its callbacks can be failed.
  std::unique_ptr<MemberMetadata> remove(const std::string& memberId);
  void updateMember(MemberMetadata& member, std::vector<GroupProtocol> protocols,
                    std::int32_t rebalanceTimeoutMs, std::int32_t sessionTimeoutMs,
                    JoinCallback callback);
  // Re-keys a static member under a new member id; fences whoever waited under the old one.
  MemberMetadata& replaceStaticMember(const std::string& instanceId, const std::string& oldMemberId,
                                      const std::string& newMemberId, DeferredCalls& out);

  std::optional<std::string> staticMemberId(const std::string& instanceId) const;
  bool isPendingMember(const std::string& memberId) const { return pending_.count(memberId) > 0; }
  void addPendingMember(const std::string& memberId, std::int64_t deadlineMs) {
    pending_[memberId] = deadlineMs;
  }
  std::map<std::string, std::int64_t>& pendingMembers() { return pending_; }

  // Pending sync: members that got their JoinGroup answer but have not sent SyncGroup yet.
  void addPendingSyncMember(const std::string& id) { pendingSync_.insert(id); }
  void removePendingSyncMember(const std::string& id) { pendingSync_.erase(id); }
  void clearPendingSyncMembers() { pendingSync_.clear(); }
  const std::set<std::string>& pendingSyncMembers() const { return pendingSync_; }

  // Protocol negotiation.
  bool supportsProtocols(const std::string& protocolType,
                         const std::vector<GroupProtocol>& protocols) const;
  std::vector<std::string> candidateProtocols() const;
  std::string selectProtocol() const;

  std::int32_t rebalanceTimeoutMs() const;
  std::size_t numAwaitingJoin() const { return numAwaitingJoin_; }
  bool hasAllMembersJoined() const { return numAwaitingJoin_ == order_.size() && pending_.empty(); }
  // If the leader has not rejoined, hands leadership to a member that has. False if none has.
  bool maybeElectNewJoinedLeader();
  void initNextGeneration();
  std::vector<JoinMember> currentMemberMetadata() const;

  // Completes the member's waiting JoinGroup/SyncGroup with `result` (no-op when none waits).
  bool maybeInvokeJoin(MemberMetadata& member, JoinResult result, DeferredCalls& out);
  bool maybeInvokeSync(MemberMetadata& member, SyncResult result, DeferredCalls& out);

  // The topics a consumer group reads (nullopt: unknown, e.g. not the consumer protocol).
  const std::optional<std::set<std::string>>& subscribedTopics() const { return subscribedTopics_; }

  GroupSnapshot snapshot() const;

  // Timers; driven by the coordinator's tick().
  std::optional<JoinTimer> joinTimer;
  std::optional<SyncTimer> syncTimer;
  bool newMemberAdded = false;  // extends the initial rebalance delay

 private:
  void computeSubscribedTopics();

  std::string groupId_;
  GroupState state_ = GroupState::kEmpty;
  std::int32_t generationId_ = 0;
  std::optional<std::string> protocolType_;
  std::optional<std::string> protocolName_;
  std::optional<std::string> leaderId_;
  std::map<std::string, std::unique_ptr<MemberMetadata>> members_;
  std::vector<std::string> order_;
  std::map<std::string, std::int64_t> pending_;  // member id -> expiry deadline
  std::set<std::string> pendingSync_;
  std::map<std::string, std::string> staticMembers_;  // instance id -> member id
  std::map<std::string, int> supportedProtocols_;     // protocol -> members supporting it
  std::size_t numAwaitingJoin_ = 0;
  std::optional<std::set<std::string>> subscribedTopics_;
};

}  // namespace runnel::group
