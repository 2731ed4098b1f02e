#include "engine/client/assignors/round_robin_assignor.h"

#include <algorithm>

namespace runnel::assignors {

Result<GroupAssignment> RoundRobinAssignor::assign(
    const PartitionCounts& partitionCounts, const std::vector<MemberSubscription>& members) const {
  RUNNEL_RETURN_IF_ERROR(validateMembers(members));
  GroupAssignment out;
  for (const MemberSubscription& m : members)
    out[m.memberId];
  if (members.empty()) return out;
  std::vector<const MemberSubscription*> ring;
  for (const MemberSubscription& m : members)
    ring.push_back(&m);
  std::stable_sort(ring.begin(), ring.end(),
                   [](const MemberSubscription* a, const MemberSubscription* b) {
                     return memberInfoLess(*a, *b);
                   });
  auto subscribed = [](const MemberSubscription* m, const std::string& topic) {
    const auto& t = m->subscription.topics;
    return std::find(t.begin(), t.end(), topic) != t.end();
  };
  std::size_t next = 0;
  // std::map iterates topics in sorted order, like Java's TreeSet of subscribed topics.
  for (const auto& [topic, count] : subscribedPartitionCounts(partitionCounts, members)) {
    for (std::int32_t p = 0; p < count; ++p) {
      // Some member is subscribed to every topic in the map, so this ends.
      while (!subscribed(ring[next], topic))
        next = (next + 1) % ring.size();
      out[ring[next]->memberId].push_back({topic, p});
      next = (next + 1) % ring.size();
    }
  }
  sortAssignment(out);
  return out;
}

}  // namespace runnel::assignors
