// The algorithm shared by Kafka's sticky assignors (AbstractStickyAssignor): balanced, keeps as
// many owned partitions as balance allows, and reports which partitions change owner so the
// cooperative assignor can hold them back for a second rebalance. Two paths, as in Java: a
// "constrained" one when every member subscribes to the same topics, a "general" one otherwise.
// Internal to the assignors; plain functions over a context value, no shared state.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/client/assignors/assignor.h"

namespace runnel::assignors::sticky {

// What a member claims to own and since which generation (nullopt: unknown).
struct MemberData {
  TopicPartitions partitions;
  std::optional<std::int32_t> generation;
};

struct Context {
  PartitionCounts partitionsPerTopic;    // subscribed topics that exist
  std::vector<std::string> memberOrder;  // Java HashMap iteration order of the member ids
  std::map<std::string, const MemberSubscription*> subscriptions;
  std::map<std::string, MemberData> memberData;
  // Owned partitions still valid after resolving conflicting claims ("consumerToOwnedPartitions").
  std::map<std::string, TopicPartitions> owned;
  std::set<TopicPartition> partitionsWithMultiplePreviousOwners;
  std::int32_t maxGeneration = kNoGeneration;
  bool allSubscriptionsEqual = true;
};

struct Outcome {
  std::map<std::string, TopicPartitions> assignment;
  // Partition -> its new owner, for partitions taken from another member. Known on the
  // constrained path only; the cooperative assignor computes it otherwise.
  std::optional<std::map<TopicPartition, std::string>> transferringOwnership;
};

// Builds the context (conflict resolution of owned partitions, subscription equality) and runs
// the right path. `memberData` is parallel to `members`.
Result<Outcome> assign(const PartitionCounts& clusterCounts,
                       const std::vector<MemberSubscription>& members,
                       const std::vector<MemberData>& memberData);

Result<Outcome> constrainedAssign(Context& ctx);
Outcome generalAssign(Context& ctx);

// Every partition of the context's topics: topics in name order, partitions ascending.
TopicPartitions allPartitionsByTopicName(const PartitionCounts& counts);

}  // namespace runnel::assignors::sticky
