// Builders and checks shared by the assignor suites.
#pragma once

#include <QtTest>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/client/assignors/assignor.h"

namespace runnel::assignors::testing {

inline MemberSubscription member(std::string id, std::vector<std::string> topics,
                                 TopicPartitions owned = {},
                                 std::int32_t generation = kNoGeneration,
                                 std::optional<std::string> instanceId = std::nullopt) {
  MemberSubscription m;
  m.memberId = std::move(id);
  m.groupInstanceId = std::move(instanceId);
  m.subscription.topics = std::move(topics);
  m.subscription.ownedPartitions = std::move(owned);
  m.subscription.generationId = generation;
  return m;
}

inline TopicPartitions tps(std::initializer_list<std::pair<const char*, int>> list) {
  TopicPartitions out;
  for (const auto& [t, p] : list)
    out.push_back({t, p});
  return out;
}

inline std::string describe(const GroupAssignment& a) {
  std::string s;
  for (const auto& [m, parts] : a) {
    s += m + ":[";
    for (const auto& tp : parts)
      s += toString(tp) + " ";
    s += "] ";
  }
  return s;
}

// Every partition of a topic someone subscribes to is held by exactly one subscriber of it
// (`complete`), or at most one (cooperative first phase).
inline bool validAssignment(const PartitionCounts& counts,
                            const std::vector<MemberSubscription>& members,
                            const GroupAssignment& a, bool complete, std::string* why) {
  std::map<TopicPartition, std::string> holder;
  for (const MemberSubscription& m : members) {
    auto it = a.find(m.memberId);
    if (it == a.end()) return *why = "no entry for " + m.memberId, false;
    const std::set<std::string> subscribed(m.subscription.topics.begin(),
                                           m.subscription.topics.end());
    for (const TopicPartition& tp : it->second) {
      if (!subscribed.count(tp.topic))
        return *why = m.memberId + " got unsubscribed " + toString(tp), false;
      if (!holder.emplace(tp, m.memberId).second)
        return *why = toString(tp) + " assigned twice", false;
    }
  }
  if (a.size() != members.size()) return *why = "extra members in assignment", false;
  if (!complete) return true;
  for (const auto& [topic, n] : counts) {
    bool wanted = false;
    for (const MemberSubscription& m : members) {
      for (const std::string& t : m.subscription.topics)
        wanted |= t == topic;
    }
    for (std::int32_t p = 0; wanted && p < n; ++p) {
      if (!holder.count({topic, p})) return *why = toString({topic, p}) + " unassigned", false;
    }
  }
  return true;
}

// Kafka's balance criterion: no member could take a partition it is subscribed to from a
// member holding two or more partitions more than it.
inline bool kafkaBalanced(const PartitionCounts& counts,
                          const std::vector<MemberSubscription>& members, const GroupAssignment& a,
                          std::string* why) {
  std::map<TopicPartition, std::string> holder;
  for (const auto& [m, parts] : a) {
    for (const auto& tp : parts)
      holder[tp] = m;
  }
  for (const MemberSubscription& m : members) {
    const std::size_t mine = a.at(m.memberId).size();
    for (const std::string& t : m.subscription.topics) {
      auto c = counts.find(t);
      for (std::int32_t p = 0; c != counts.end() && p < c->second; ++p) {
        auto h = holder.find({t, p});
        if (h != holder.end() && h->second != m.memberId && mine + 1 < a.at(h->second).size()) {
          return *why = m.memberId + " could take " + toString({t, p}) + " from " + h->second,
                 false;
        }
      }
    }
  }
  return true;
}

inline std::pair<std::size_t, std::size_t> minMaxSize(const GroupAssignment& a) {
  std::size_t lo = SIZE_MAX, hi = 0;
  for (const auto& [m, parts] : a) {
    lo = std::min(lo, parts.size());
    hi = std::max(hi, parts.size());
  }
  return {lo, hi};
}

}  // namespace runnel::assignors::testing
