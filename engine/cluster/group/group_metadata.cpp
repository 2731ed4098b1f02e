#include "engine/cluster/group/group_metadata.h"

#include <algorithm>
#include <cassert>

#include "engine/cluster/group/consumer_topics.h"

namespace runnel::group {

void GroupMetadata::transitionTo(GroupState s) {
  assert(isValidTransition(state_, s));
  state_ = s;
}

std::vector<MemberMetadata*> GroupMetadata::members() {
  std::vector<MemberMetadata*> out;
  out.reserve(order_.size());
  for (const std::string& id : order_)
    out.push_back(members_.at(id).get());
  return out;
}

std::vector<const MemberMetadata*> GroupMetadata::members() const {
  std::vector<const MemberMetadata*> out;
  out.reserve(order_.size());
  for (const std::string& id : order_)
    out.push_back(members_.at(id).get());
  return out;
}

void GroupMetadata::add(std::unique_ptr<MemberMetadata> member, JoinCallback callback) {
  if (member->groupInstanceId) staticMembers_[*member->groupInstanceId] = member->memberId;
  if (members_.empty()) protocolType_ = member->protocolType;
  if (!leaderId_) leaderId_ = member->memberId;
  for (const GroupProtocol& p : member->protocols)
    ++supportedProtocols_[p.name];
  member->awaitingJoin = std::move(callback);
  if (member->isAwaitingJoin()) ++numAwaitingJoin_;
  pending_.erase(member->memberId);
  order_.push_back(member->memberId);
  const std::string id = member->memberId;
  members_[id] = std::move(member);
}

std::unique_ptr<MemberMetadata> GroupMetadata::remove(const std::string& memberId) {
  std::unique_ptr<MemberMetadata> member;
  if (auto it = members_.find(memberId); it != members_.end()) {
    member = std::move(it->second);
    members_.erase(it);
    order_.erase(std::find(order_.begin(), order_.end(), memberId));
    for (const GroupProtocol& p : member->protocols)
      --supportedProtocols_[p.name];
    if (member->isAwaitingJoin()) --numAwaitingJoin_;
    if (member->groupInstanceId) staticMembers_.erase(*member->groupInstanceId);
  }
  if (isLeader(memberId)) {
    leaderId_.reset();
    if (!order_.empty()) leaderId_ = order_.front();
  }
  pending_.erase(memberId);
  pendingSync_.erase(memberId);
  return member;
}

void GroupMetadata::updateMember(MemberMetadata& member, std::vector<GroupProtocol> protocols,
                                 std::int32_t rebalanceTimeoutMs, std::int32_t sessionTimeoutMs,
                                 JoinCallback callback) {
  for (const GroupProtocol& p : member.protocols)
    --supportedProtocols_[p.name];
  member.protocols = std::move(protocols);
  for (const GroupProtocol& p : member.protocols)
    ++supportedProtocols_[p.name];
  member.rebalanceTimeoutMs = rebalanceTimeoutMs;
  member.sessionTimeoutMs = sessionTimeoutMs;
  if (callback && !member.isAwaitingJoin()) {
    ++numAwaitingJoin_;
  } else if (!callback && member.isAwaitingJoin()) {
    --numAwaitingJoin_;
  }
  member.awaitingJoin = std::move(callback);
}

MemberMetadata& GroupMetadata::replaceStaticMember(const std::string& instanceId,
                                                   const std::string& oldMemberId,
                                                   const std::string& newMemberId,
                                                   DeferredCalls& out) {
  auto node = members_.extract(oldMemberId);
  MemberMetadata& member = *node.mapped();  // the node keeps the object alive and in place
  // Whoever still waits under the old id is a duplicate of this instance: fence it now.
  JoinResult fencedJoin;
  fencedJoin.error = GroupError::kFencedInstanceId;
  fencedJoin.memberId = oldMemberId;
  if (member.isAwaitingJoin()) {
    --numAwaitingJoin_;
    out.join(std::move(member.awaitingJoin), std::move(fencedJoin));
    member.awaitingJoin = nullptr;
  }
  if (member.isAwaitingSync()) {
    SyncResult fencedSync;
    fencedSync.error = GroupError::kFencedInstanceId;
    out.sync(std::move(member.awaitingSync), std::move(fencedSync));
    member.awaitingSync = nullptr;
  }
  member.memberId = newMemberId;
  node.key() = newMemberId;
  members_.insert(std::move(node));
  std::replace(order_.begin(), order_.end(), oldMemberId, newMemberId);
  if (pendingSync_.erase(oldMemberId)) pendingSync_.insert(newMemberId);
  if (isLeader(oldMemberId)) leaderId_ = newMemberId;
  staticMembers_[instanceId] = newMemberId;
  return *members_.at(newMemberId);
}

std::optional<std::string> GroupMetadata::staticMemberId(const std::string& instanceId) const {
  auto it = staticMembers_.find(instanceId);
  if (it == staticMembers_.end()) return std::nullopt;
  return it->second;
}

bool GroupMetadata::supportsProtocols(const std::string& protocolType,
                                      const std::vector<GroupProtocol>& protocols) const {
  if (is(GroupState::kEmpty)) return !protocolType.empty() && !protocols.empty();
  if (protocolType_ != protocolType) return false;
  for (const GroupProtocol& p : protocols) {
    auto it = supportedProtocols_.find(p.name);
    const int count = it == supportedProtocols_.end() ? 0 : it->second;
    if (count == static_cast<int>(order_.size())) return true;
  }
  return false;
}

std::vector<std::string> GroupMetadata::candidateProtocols() const {
  std::vector<std::string> out;
  for (const auto& [name, count] : supportedProtocols_) {
    if (count == static_cast<int>(order_.size())) out.push_back(name);
  }
  return out;
}

std::string GroupMetadata::selectProtocol() const {
  // Each member votes for its most preferred protocol that every member supports; most votes
  // wins, ties going to the protocol that got its first vote earliest.
  const std::vector<std::string> candidates = candidateProtocols();
  std::vector<std::pair<std::string, int>> votes;
  for (const MemberMetadata* m : members()) {
    const std::string v = m->vote(candidates);
    auto it = std::find_if(votes.begin(), votes.end(), [&](const auto& e) { return e.first == v; });
    if (it == votes.end()) {
      votes.push_back({v, 1});
    } else {
      ++it->second;
    }
  }
  std::string best;
  int bestVotes = 0;
  for (const auto& [protocol, n] : votes) {
    if (n > bestVotes) {
      best = protocol;
      bestVotes = n;
    }
  }
  return best;
}

std::int32_t GroupMetadata::rebalanceTimeoutMs() const {
  std::int32_t out = 0;
  for (const MemberMetadata* m : members())
    out = std::max(out, m->rebalanceTimeoutMs);
  return out;
}

bool GroupMetadata::maybeElectNewJoinedLeader() {
  if (!leaderId_) return false;
  if (get(*leaderId_).isAwaitingJoin()) return true;
  for (const MemberMetadata* m : members()) {
    if (m->isAwaitingJoin()) {
      leaderId_ = m->memberId;
      return true;
    }
  }
  return false;
}

void GroupMetadata::initNextGeneration() {
  ++generationId_;
  if (!members_.empty()) {
    protocolName_ = selectProtocol();
    computeSubscribedTopics();
    transitionTo(GroupState::kCompletingRebalance);
  } else {
    protocolName_.reset();
    computeSubscribedTopics();
    transitionTo(GroupState::kEmpty);
  }
  clearPendingSyncMembers();
}

void GroupMetadata::computeSubscribedTopics() {
  subscribedTopics_.reset();
  if (protocolType_ != "consumer") return;
  if (members_.empty()) {
    subscribedTopics_.emplace();
    return;
  }
  if (!protocolName_) return;
  std::set<std::string> all;
  for (const MemberMetadata* m : members()) {
    const Bytes* metadata = m->metadataFor(*protocolName_);
    if (!metadata) return;
    auto topics = consumerSubscriptionTopics(*metadata);
    if (!topics) return;
    all.insert(topics->begin(), topics->end());
  }
  subscribedTopics_ = std::move(all);
}

std::vector<JoinMember> GroupMetadata::currentMemberMetadata() const {
  std::vector<JoinMember> out;
  for (const MemberMetadata* m : members()) {
    const Bytes* metadata = protocolName_ ? m->metadataFor(*protocolName_) : nullptr;
    out.push_back({m->memberId, m->groupInstanceId, metadata ? *metadata : Bytes{}});
  }
  return out;
}

bool GroupMetadata::maybeInvokeJoin(MemberMetadata& member, JoinResult result, DeferredCalls& out) {
  if (!member.isAwaitingJoin()) return false;
  --numAwaitingJoin_;
  out.join(std::move(member.awaitingJoin), std::move(result));
  member.awaitingJoin = nullptr;
  return true;
}

bool GroupMetadata::maybeInvokeSync(MemberMetadata& member, SyncResult result, DeferredCalls& out) {
  if (!member.isAwaitingSync()) return false;
  out.sync(std::move(member.awaitingSync), std::move(result));
  member.awaitingSync = nullptr;
  return true;
}

GroupSnapshot GroupMetadata::snapshot() const {
  GroupSnapshot s;
  s.groupId = groupId_;
  s.state = state_;
  s.protocolType = protocolType_.value_or("");
  s.protocolName = protocolName_.value_or("");
  s.generationId = generationId_;
  s.leaderId = leaderOrEmpty();
  for (const MemberMetadata* m : members()) {
    MemberSnapshot ms;
    ms.memberId = m->memberId;
    ms.groupInstanceId = m->groupInstanceId;
    ms.clientId = m->clientId;
    ms.clientHost = m->clientHost;
    ms.sessionTimeoutMs = m->sessionTimeoutMs;
    ms.rebalanceTimeoutMs = m->rebalanceTimeoutMs;
    if (protocolName_) {
      if (const Bytes* md = m->metadataFor(*protocolName_)) ms.metadata = *md;
    }
    ms.assignment = m->assignment;
    s.members.push_back(std::move(ms));
  }
  return s;
}

}  // namespace runnel::group
