#include "engine/client/assignors/range_assignor.h"

#include <algorithm>

namespace runnel::assignors {

Result<GroupAssignment> RangeAssignor::assign(
    const PartitionCounts& partitionCounts, const std::vector<MemberSubscription>& members) const {
  RUNNEL_RETURN_IF_ERROR(validateMembers(members));
  GroupAssignment out;
  for (const MemberSubscription& m : members)
    out[m.memberId];
  for (const auto& [topic, count] : subscribedPartitionCounts(partitionCounts, members)) {
    std::vector<const MemberSubscription*> subscribers;
    for (const MemberSubscription& m : members) {
      const auto& topics = m.subscription.topics;
      if (std::find(topics.begin(), topics.end(), topic) != topics.end()) subscribers.push_back(&m);
    }
    std::stable_sort(subscribers.begin(), subscribers.end(),
                     [](const MemberSubscription* a, const MemberSubscription* b) {
                       return memberInfoLess(*a, *b);
                     });
    const auto n = static_cast<std::int32_t>(subscribers.size());
    const std::int32_t perMember = count / n;
    const std::int32_t withExtra = count % n;
    for (std::int32_t i = 0; i < n; ++i) {
      const std::int32_t start = perMember * i + std::min(i, withExtra);
      const std::int32_t length = perMember + (i < withExtra ? 1 : 0);
      auto& dst = out[subscribers[static_cast<std::size_t>(i)]->memberId];
      for (std::int32_t p = start; p < start + length; ++p)
        dst.push_back({topic, p});
    }
  }
  sortAssignment(out);
  return out;
}

}  // namespace runnel::assignors
