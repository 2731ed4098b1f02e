// RangeAssignor ("range"): per topic, the subscribed members in MemberInfo order each take a
// contiguous range of partitions; the first (partitions % members) take one extra. Kafka's
// default before 3.0, and what librdkafka's "range" does. Eager only. Stateless; thread-safe.
#pragma once

#include "engine/client/assignors/assignor.h"

namespace runnel::assignors {

class RangeAssignor final : public Assignor {
 public:
  static constexpr std::string_view kName = "range";
  std::string_view name() const override { return kName; }
  Result<GroupAssignment> assign(const PartitionCounts& partitionCounts,
                                 const std::vector<MemberSubscription>& members) const override;
};

}  // namespace runnel::assignors
