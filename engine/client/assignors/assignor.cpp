#include "engine/client/assignors/assignor.h"

#include <algorithm>
#include <set>

#include "engine/client/assignors/java_collections.h"

namespace runnel::assignors {

PartitionCounts subscribedPartitionCounts(const PartitionCounts& cluster,
                                          const std::vector<MemberSubscription>& members) {
  PartitionCounts out;
  for (const MemberSubscription& m : members) {
    for (const std::string& topic : m.subscription.topics) {
      auto it = cluster.find(topic);
      if (it != cluster.end() && it->second > 0) out.emplace(topic, it->second);
    }
  }
  return out;
}

Status validateMembers(const std::vector<MemberSubscription>& members) {
  std::set<std::string_view> seen;
  for (const MemberSubscription& m : members) {
    if (m.memberId.empty()) return Status::invalidArgument("assignor: empty member id");
    if (!seen.insert(m.memberId).second) {
      return Status::invalidArgument("assignor: duplicate member id " + m.memberId);
    }
  }
  return Status::ok();
}

void sortAssignment(GroupAssignment& assignment) {
  for (auto& [member, partitions] : assignment)
    std::sort(partitions.begin(), partitions.end());
}

bool memberInfoLess(const MemberSubscription& a, const MemberSubscription& b) {
  if (a.groupInstanceId && b.groupInstanceId)
    return javaStringLess(*a.groupInstanceId, *b.groupInstanceId);
  if (a.groupInstanceId) return true;
  if (b.groupInstanceId) return false;
  return javaStringLess(a.memberId, b.memberId);
}

}  // namespace runnel::assignors
