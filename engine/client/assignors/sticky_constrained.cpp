// The sticky assignors' path for groups whose members all subscribe to the same topics: keep
// owned partitions up to each member's quota (minQuota = floor(P/N); the first P%N members to
// qualify may keep maxQuota), then deal the rest round-robin to members below quota, in member
// name order. Iteration orders follow the Java client's so ties break the same way.
#include <algorithm>
#include <list>

#include "engine/client/assignors/java_collections.h"
#include "engine/client/assignors/sticky_assignment.h"

namespace runnel::assignors::sticky {

Result<Outcome> constrainedAssign(Context& ctx) {
  Outcome out;
  out.transferringOwnership.emplace();
  auto& transferring = *out.transferringOwnership;

  std::int32_t total = 0;
  for (const auto& [topic, n] : ctx.partitionsPerTopic)
    total += n;
  const auto members = static_cast<std::int32_t>(ctx.owned.size());
  const std::int32_t minQuota = total / members;
  const std::int32_t maxQuota = (total + members - 1) / members;
  const std::int32_t expectedOverMin = total % members;
  std::int32_t currentOverMin = 0;

  std::set<TopicPartition> assigned;
  std::set<TopicPartition> revoked;
  std::vector<std::string> underMin;  // members below minQuota
  std::list<std::string> exactlyMin;  // members at minQuota that may still take one more
  for (const std::string& m : ctx.memberOrder)
    out.assignment[m];

  // 1. Keep owned partitions, lowest partition numbers first (Java sorts by partition, topic).
  for (const std::string& member : ctx.memberOrder) {
    TopicPartitions owned = ctx.owned.at(member);
    std::stable_sort(owned.begin(), owned.end(),
                     [](const TopicPartition& a, const TopicPartition& b) {
                       if (a.partition != b.partition) return a.partition < b.partition;
                       return javaStringLess(a.topic, b.topic);
                     });
    std::erase_if(owned, [&](const TopicPartition& tp) {
      return ctx.partitionsWithMultiplePreviousOwners.count(tp) > 0;
    });
    TopicPartitions& mine = out.assignment[member];
    const auto ownedCount = static_cast<std::int32_t>(owned.size());
    std::int32_t keep = 0;
    if (ownedCount < minQuota) {
      keep = ownedCount;
      underMin.push_back(member);
    } else if (ownedCount >= maxQuota && currentOverMin < expectedOverMin) {
      keep = maxQuota;
      if (++currentOverMin == expectedOverMin) exactlyMin.clear();
    } else {
      keep = minQuota;
      if (currentOverMin < expectedOverMin) exactlyMin.push_back(member);
    }
    for (std::int32_t i = 0; i < ownedCount; ++i) {
      const TopicPartition& tp = owned[static_cast<std::size_t>(i)];
      if (i < keep) {
        mine.push_back(tp);
        assigned.insert(tp);
      } else {
        revoked.insert(tp);
      }
    }
  }

  TopicPartitions unassigned;
  for (TopicPartition& tp : allPartitionsByTopicName(ctx.partitionsPerTopic)) {
    if (!assigned.count(tp)) unassigned.push_back(std::move(tp));
  }
  std::sort(underMin.begin(), underMin.end(), javaStringLess);
  exactlyMin.sort(javaStringLess);

  // 2. Round-robin the rest: members below minQuota in turn, then members at minQuota (first
  // come, first served) up to maxQuota. `cursor` plays Java's iterator over underMin.
  std::size_t cursor = 0;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t lastReturned = kNone;
  for (const TopicPartition& tp : unassigned) {
    std::string member;
    if (cursor < underMin.size()) {
      lastReturned = cursor;
      member = underMin[cursor++];
    } else if (underMin.empty() && exactlyMin.empty()) {
      return Status::internal("sticky assignor: no member left below quota for " + toString(tp));
    } else if (underMin.empty()) {
      member = exactlyMin.front();
      exactlyMin.pop_front();
      lastReturned = kNone;
    } else {
      lastReturned = 0;
      cursor = 1;
      member = underMin[0];
    }
    TopicPartitions& mine = out.assignment[member];
    mine.push_back(tp);
    if (revoked.count(tp) || ctx.partitionsWithMultiplePreviousOwners.count(tp))
      transferring[tp] = member;
    const auto count = static_cast<std::int32_t>(mine.size());
    if (count == minQuota) {
      if (lastReturned == kNone)
        return Status::internal("sticky assignor: quota bookkeeping went wrong");
      underMin.erase(underMin.begin() + static_cast<std::ptrdiff_t>(lastReturned));
      cursor = lastReturned;
      lastReturned = kNone;
      exactlyMin.push_back(member);
    } else if (count == maxQuota) {
      ++currentOverMin;
    }
  }
  // Java double-checks the quotas here; any member still below minQuota is a bug in the above.
  for (const std::string& m : underMin) {
    if (static_cast<std::int32_t>(out.assignment[m].size()) != minQuota) {
      return Status::internal("sticky assignor: member " + m + " ended below its quota");
    }
  }
  return out;
}

}  // namespace runnel::assignors::sticky
