// RoundRobinAssignor ("roundrobin"): all subscribed partitions, sorted by topic then partition,
// dealt one at a time to the members in MemberInfo order, skipping members not subscribed to
// the partition's topic. Eager only. Stateless; thread-safe.
#pragma once

#include "engine/client/assignors/assignor.h"

namespace runnel::assignors {

class RoundRobinAssignor final : public Assignor {
 public:
  static constexpr std::string_view kName = "roundrobin";
  std::string_view name() const override { return kName; }
  Result<GroupAssignment> assign(const PartitionCounts& partitionCounts,
                                 const std::vector<MemberSubscription>& members) const override;
};

}  // namespace runnel::assignors
