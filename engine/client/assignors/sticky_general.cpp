// The sticky assignors' path for groups with differing subscriptions: keep every still-valid
// owned partition, give each unassigned partition to the least-loaded member that can take it,
// then move partitions from members holding 2+ more than another eligible member until no such
// move is left (reverting when that did not improve balance). Follows Java's
// GeneralAssignmentBuilder step by step, minus rack awareness (no racks reach an assignor here).
#include <algorithm>
#include <cstdlib>

#include "engine/client/assignors/java_collections.h"
#include "engine/client/assignors/partition_movements.h"
#include "engine/client/assignors/sticky_assignment.h"

namespace runnel::assignors::sticky {
namespace {

struct BySizeThenName {
  bool operator()(const std::pair<std::size_t, std::string>& a,
                  const std::pair<std::size_t, std::string>& b) const {
    if (a.first != b.first) return a.first < b.first;
    return javaStringLess(a.second, b.second);
  }
};

bool contains(const TopicPartitions& list, const TopicPartition& tp) {
  return std::find(list.begin(), list.end(), tp) != list.end();
}
bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

class GeneralBuilder {
 public:
  explicit GeneralBuilder(Context& ctx) : ctx_(ctx), current_(std::move(ctx.owned)) {
    for (const auto& [topic, n] : ctx_.partitionsPerTopic)
      topicConsumers_[topic];
    for (const std::string& member : ctx_.memberOrder) {
      auto& topics = consumerTopics_[member];
      for (const std::string& t : ctx_.subscriptions.at(member)->subscription.topics) {
        if (!ctx_.partitionsPerTopic.count(t)) continue;
        topics.push_back(t);
        topicConsumers_[t].push_back(member);
      }
      current_[member];
    }
    for (const auto& [member, parts] : current_) {
      for (const TopicPartition& tp : parts)
        owner_[tp] = member;
    }
    std::vector<std::string> topics;
    for (const auto& [topic, consumers] : topicConsumers_)
      topics.push_back(topic);
    std::sort(topics.begin(), topics.end(), [&](const std::string& a, const std::string& b) {
      const auto na = topicConsumers_[a].size(), nb = topicConsumers_[b].size();
      return na != nb ? na < nb : javaStringLess(a, b);
    });
    for (const std::string& t : topics) {
      for (std::int32_t p = 0; p < ctx_.partitionsPerTopic.at(t); ++p)
        sortedPartitions_.push_back({t, p});
    }
  }

  std::map<std::string, TopicPartitions> build() {
    std::map<TopicPartition, std::pair<std::string, std::int32_t>> previous;  // second-newest owner
    prepopulatePrevious(previous);
    std::set<TopicPartition> assigned = keepOwnedPartitions();
    TopicPartitions unassigned;
    for (const TopicPartition& tp : sortedPartitions_) {
      if (!assigned.count(tp)) unassigned.push_back(tp);
    }
    for (const auto& [member, parts] : current_)
      sorted_.insert({parts.size(), member});
    balance(previous, unassigned);
    return std::move(current_);
  }

 private:
  void prepopulatePrevious(
      std::map<TopicPartition, std::pair<std::string, std::int32_t>>& previous) {
    for (const std::string& member : ctx_.memberOrder) {
      const MemberData& data = ctx_.memberData.at(member);
      std::optional<std::int32_t> generation;
      if (data.generation && *data.generation < ctx_.maxGeneration) {
        generation = *data.generation;
      } else if (!data.generation && ctx_.maxGeneration > kNoGeneration) {
        generation = kNoGeneration;
      }
      if (!generation) continue;
      for (const TopicPartition& tp : data.partitions) {
        auto it = previous.find(tp);
        if (it == previous.end() || *generation > it->second.second)
          previous[tp] = {member, *generation};
      }
    }
  }

  std::set<TopicPartition> keepOwnedPartitions() {
    std::set<TopicPartition> assigned;
    for (const std::string& member : ctx_.memberOrder) {
      const auto& subscribed = ctx_.subscriptions.at(member)->subscription.topics;
      auto& parts = current_[member];
      for (auto it = parts.begin(); it != parts.end();) {
        if (!topicConsumers_.count(it->topic)) {
          owner_.erase(*it);
          it = parts.erase(it);
        } else if (!contains(subscribed, it->topic)) {
          it = parts.erase(it);  // Java leaves the stale owner entry; maybeAssign overwrites it
          revocationRequired_ = true;
        } else {
          assigned.insert(*it);
          ++it;
        }
      }
    }
    return assigned;
  }

  std::size_t sizeOf(const std::string& m) const { return current_.at(m).size(); }

  std::int32_t maxAssignmentSize(const std::string& member) const {
    std::int32_t n = 0;
    for (const std::string& t : consumerTopics_.at(member))
      n += ctx_.partitionsPerTopic.at(t);
    return n;
  }

  void moveTo(const TopicPartition& tp, const std::string& member) {
    sorted_.erase({sizeOf(member), member});
    current_[member].push_back(tp);
    owner_[tp] = member;
    sorted_.insert({sizeOf(member), member});
  }

  void assignUnassigned(const TopicPartitions& unassigned) {
    for (const TopicPartition& tp : unassigned) {
      if (topicConsumers_[tp.topic].empty()) continue;
      for (const auto& [size, member] : sorted_) {
        if (contains(consumerTopics_[member], tp.topic)) {
          const std::string chosen = member;  // copy: moveTo() re-inserts the set entry
          moveTo(tp, chosen);
          break;
        }
      }
    }
  }

  bool canTopicMove(const std::string& topic) const {
    return topicConsumers_.at(topic).size() >= 2;
  }

  bool canMemberMove(const std::string& member) const {
    if (static_cast<std::int32_t>(sizeOf(member)) < maxAssignmentSize(member)) return true;
    for (const TopicPartition& tp : current_.at(member)) {
      if (canTopicMove(tp.topic)) return true;
    }
    return false;
  }

  bool isBalanced() const {
    if (sorted_.empty()) return true;
    if (sorted_.begin()->first + 1 >= sorted_.rbegin()->first) return true;
    std::map<TopicPartition, std::string> holder;
    for (const auto& [member, parts] : current_) {
      for (const TopicPartition& tp : parts)
        holder[tp] = member;
    }
    for (const auto& [count, member] : sorted_) {
      if (static_cast<std::int32_t>(count) == maxAssignmentSize(member)) continue;
      for (const std::string& topic : consumerTopics_.at(member)) {
        for (std::int32_t p = 0; p < ctx_.partitionsPerTopic.at(topic); ++p) {
          const TopicPartition tp{topic, p};
          if (contains(current_.at(member), tp)) continue;
          auto other = holder.find(tp);
          if (other != holder.end() && count + 1 < sizeOf(other->second)) return false;
        }
      }
    }
    return true;
  }

  static int balanceScore(const std::map<std::string, TopicPartitions>& assignment) {
    std::vector<int> sizes;
    for (const auto& [member, parts] : assignment)
      sizes.push_back(static_cast<int>(parts.size()));
    int score = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      for (std::size_t j = i + 1; j < sizes.size(); ++j)
        score += std::abs(sizes[i] - sizes[j]);
    }
    return score;
  }

  void reassign(const TopicPartition& tp, const std::string& newMember) {
    const TopicPartition actual = movements_.actualPartitionToMove(tp, owner_.at(tp), newMember);
    const std::string oldMember = owner_.at(actual);
    sorted_.erase({sizeOf(oldMember), oldMember});
    sorted_.erase({sizeOf(newMember), newMember});
    movements_.movePartition(actual, oldMember, newMember);
    auto& from = current_[oldMember];
    from.erase(std::find(from.begin(), from.end(), actual));
    current_[newMember].push_back(actual);
    owner_[actual] = newMember;
    sorted_.insert({sizeOf(newMember), newMember});
    sorted_.insert({sizeOf(oldMember), oldMember});
  }

  // To the least-loaded member subscribed to the partition's topic.
  void reassign(const TopicPartition& tp) {
    for (const auto& [size, member] : sorted_) {
      if (contains(consumerTopics_.at(member), tp.topic)) {
        const std::string chosen = member;
        reassign(tp, chosen);
        return;
      }
    }
  }

  bool performReassignments(
      const TopicPartitions& partitions,
      const std::map<TopicPartition, std::pair<std::string, std::int32_t>>& previous) {
    bool performed = false;
    bool modified = false;
    do {
      modified = false;
      for (auto it = partitions.begin(); it != partitions.end() && !isBalanced(); ++it) {
        const TopicPartition& tp = *it;
        auto ownerIt = owner_.find(tp);
        if (ownerIt == owner_.end() || !current_.count(ownerIt->second)) continue;
        const std::string member = ownerIt->second;
        auto prev = previous.find(tp);
        if (prev != previous.end() && current_.count(prev->second.first) &&
            sizeOf(member) > sizeOf(prev->second.first) + 1) {
          reassign(tp, prev->second.first);
          performed = modified = true;
          continue;
        }
        for (const std::string& other : topicConsumers_.at(tp.topic)) {
          if (current_.count(other) && sizeOf(member) > sizeOf(other) + 1) {
            reassign(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  void balance(const std::map<TopicPartition, std::pair<std::string, std::int32_t>>& previous,
               TopicPartitions unassigned) {
    const bool initializing = sorted_.empty() || sorted_.rbegin()->first == 0;
    assignUnassigned(unassigned);

    // Partitions of topics only one member wants, and members that cannot change, stay put.
    auto fixedTopic = [&](const TopicPartition& tp) { return !canTopicMove(tp.topic); };
    std::erase_if(sortedPartitions_, fixedTopic);
    std::erase_if(unassigned, fixedTopic);
    std::map<std::string, TopicPartitions> fixed;
    for (const auto& [member, topics] : consumerTopics_) {
      if (!canMemberMove(member)) {
        sorted_.erase({sizeOf(member), member});
        fixed[member] = std::move(current_[member]);
        current_.erase(member);
      }
    }

    const auto before = current_;
    const auto ownersBefore = owner_;
    if (!revocationRequired_) performReassignments(unassigned, previous);
    const bool performed = performReassignments(sortedPartitions_, previous);
    if (!initializing && performed && balanceScore(current_) >= balanceScore(before)) {
      current_ = before;
      owner_ = ownersBefore;
    }
    for (auto& [member, parts] : fixed)
      current_[member] = std::move(parts);
  }

  Context& ctx_;
  std::map<std::string, TopicPartitions> current_;
  std::map<std::string, std::vector<std::string>> topicConsumers_;
  std::map<std::string, std::vector<std::string>> consumerTopics_;
  std::map<TopicPartition, std::string> owner_;
  TopicPartitions sortedPartitions_;
  std::set<std::pair<std::size_t, std::string>, BySizeThenName> sorted_;
  PartitionMovements movements_;
  bool revocationRequired_ = false;
};

}  // namespace

Outcome generalAssign(Context& ctx) {
  Outcome out;
  out.assignment = GeneralBuilder(ctx).build();
  return out;
}

}  // namespace runnel::assignors::sticky
