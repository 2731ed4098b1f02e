#include "engine/client/assignors/sticky_assignment.h"

#include <algorithm>

#include "engine/client/assignors/java_collections.h"

namespace runnel::assignors::sticky {
namespace {

void removeOne(TopicPartitions& list, const TopicPartition& tp) {
  auto it = std::find(list.begin(), list.end(), tp);
  if (it != list.end()) list.erase(it);
}

// Java's allSubscriptionsEqual: also resolves partitions claimed by several members (the higher
// generation wins; equal generations lose it to nobody) and records the highest generation.
void resolveOwnership(Context& ctx) {
  std::set<std::string> subscribedTopics;
  std::map<TopicPartition, std::string> previousOwner;
  for (const std::string& member : ctx.memberOrder) {
    const Subscription& sub = ctx.subscriptions.at(member)->subscription;
    const std::set<std::string> topics(sub.topics.begin(), sub.topics.end());
    // Java seeds the comparison set from the first non-empty subscription, so a member with no
    // topics before it does not break equality; kept for identical results.
    if (subscribedTopics.empty()) {
      subscribedTopics = topics;
    } else if (ctx.allSubscriptionsEqual) {
      const bool same =
          sub.topics.size() == subscribedTopics.size() &&
          std::all_of(sub.topics.begin(), sub.topics.end(),
                      [&](const std::string& t) { return subscribedTopics.count(t) > 0; });
      if (!same) ctx.allSubscriptionsEqual = false;
    }
    const MemberData& data = ctx.memberData.at(member);
    const std::int32_t generation = data.generation.value_or(kNoGeneration);
    ctx.maxGeneration = std::max(ctx.maxGeneration, generation);
    TopicPartitions& owned = ctx.owned[member];
    for (const TopicPartition& tp : data.partitions) {
      auto count = ctx.partitionsPerTopic.find(tp.topic);
      // Partitions beyond the topic's count cannot exist (Kafka never shrinks a topic); dropped.
      if (count == ctx.partitionsPerTopic.end() || tp.partition < 0 ||
          tp.partition >= count->second)
        continue;
      auto prev = previousOwner.find(tp);
      if (prev == previousOwner.end()) {
        owned.push_back(tp);
        previousOwner.emplace(tp, member);
        continue;
      }
      // Java compares with the other member's subscription generation field (not its user data).
      const std::int32_t otherGeneration =
          std::max(ctx.subscriptions.at(prev->second)->subscription.generationId, kNoGeneration);
      if (generation == otherGeneration) {
        ctx.partitionsWithMultiplePreviousOwners.insert(tp);
        removeOne(ctx.owned[prev->second], tp);
        prev->second = member;
      } else if (generation > otherGeneration) {
        owned.push_back(tp);
        removeOne(ctx.owned[prev->second], tp);
        prev->second = member;
      }
    }
  }
}

}  // namespace

TopicPartitions allPartitionsByTopicName(const PartitionCounts& counts) {
  std::vector<std::string> topics;
  for (const auto& [topic, n] : counts)
    topics.push_back(topic);
  std::sort(topics.begin(), topics.end(), javaStringLess);
  TopicPartitions out;
  for (const std::string& topic : topics) {
    for (std::int32_t p = 0; p < counts.at(topic); ++p)
      out.push_back({topic, p});
  }
  return out;
}

Result<Outcome> assign(const PartitionCounts& clusterCounts,
                       const std::vector<MemberSubscription>& members,
                       const std::vector<MemberData>& memberData) {
  RUNNEL_RETURN_IF_ERROR(validateMembers(members));
  Context ctx;
  ctx.partitionsPerTopic = subscribedPartitionCounts(clusterCounts, members);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < members.size(); ++i) {
    ids.push_back(members[i].memberId);
    ctx.subscriptions.emplace(members[i].memberId, &members[i]);
    ctx.memberData.emplace(members[i].memberId, memberData[i]);
  }
  if (members.empty()) return Outcome{};
  ctx.memberOrder = javaHashMapOrder(ids);
  resolveOwnership(ctx);
  if (ctx.allSubscriptionsEqual) return constrainedAssign(ctx);
  return generalAssign(ctx);
}

}  // namespace runnel::assignors::sticky
