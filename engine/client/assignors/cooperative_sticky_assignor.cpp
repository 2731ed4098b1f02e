#include "engine/client/assignors/cooperative_sticky_assignor.h"

#include <algorithm>
#include <set>

#include "engine/client/assignors/sticky_assignment.h"
#include "engine/common/byte_writer.h"

namespace runnel::assignors {
namespace {

// The generation comes from the v2+ field when set; otherwise from the user data, where bytes
// too short to hold it count as "generation -1" and absent user data as "unknown" (as in Java).
sticky::MemberData memberData(const Subscription& s) {
  sticky::MemberData d;
  d.partitions = s.ownedPartitions;
  if (s.generationId >= 0) {
    d.generation = s.generationId;
  } else if (s.userData) {
    ByteReader r(*s.userData);
    const std::int32_t g = r.getInt32();
    d.generation = r.ok() ? g : kNoGeneration;
  }
  return d;
}

// Partitions given to a member that another member still owns (general path).
std::map<TopicPartition, std::string> transferringOwnership(
    const std::vector<MemberSubscription>& members,
    const std::map<std::string, TopicPartitions>& assignment) {
  std::map<TopicPartition, std::string> added;
  std::set<TopicPartition> revoked;
  for (const MemberSubscription& m : members) {
    auto it = assignment.find(m.memberId);
    if (it == assignment.end()) continue;
    const auto& owned = m.subscription.ownedPartitions;
    const std::set<TopicPartition> ownedSet(owned.begin(), owned.end());
    const std::set<TopicPartition> assignedSet(it->second.begin(), it->second.end());
    for (const TopicPartition& tp : it->second) {
      if (!ownedSet.count(tp)) added[tp] = m.memberId;
    }
    for (const TopicPartition& tp : owned) {
      if (!assignedSet.count(tp)) revoked.insert(tp);
    }
  }
  std::erase_if(added, [&](const auto& e) { return !revoked.count(e.first); });
  return added;
}

}  // namespace

Bytes CooperativeStickyAssignor::encodeUserData(std::int32_t generation) {
  Bytes out(4);
  storeBigEndian32(out.data(), static_cast<std::uint32_t>(generation));
  return out;
}

Result<GroupAssignment> CooperativeStickyAssignor::assign(
    const PartitionCounts& partitionCounts, const std::vector<MemberSubscription>& members) const {
  std::vector<sticky::MemberData> data;
  data.reserve(members.size());
  for (const MemberSubscription& m : members)
    data.push_back(memberData(m.subscription));
  RUNNEL_ASSIGN_OR_RETURN(sticky::Outcome outcome, sticky::assign(partitionCounts, members, data));
  const auto transferring = outcome.transferringOwnership
                                ? *outcome.transferringOwnership
                                : transferringOwnership(members, outcome.assignment);
  GroupAssignment result;
  for (const MemberSubscription& m : members)
    result[m.memberId];
  for (auto& [member, parts] : outcome.assignment)
    result[member] = std::move(parts);
  for (const auto& [tp, newOwner] : transferring) {
    auto& parts = result[newOwner];
    auto it = std::find(parts.begin(), parts.end(), tp);
    if (it != parts.end()) parts.erase(it);
  }
  sortAssignment(result);
  return result;
}

}  // namespace runnel::assignors
