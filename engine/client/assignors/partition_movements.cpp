#include "engine/client/assignors/partition_movements.h"

namespace runnel::assignors::sticky {

PartitionMovements::Pair PartitionMovements::removeRecord(const TopicPartition& partition) {
  auto it = movements_.find(partition);
  const Pair pair = it->second;
  movements_.erase(it);
  auto& forTopic = byTopic_[partition.topic];
  auto& set = forTopic[pair];
  set.erase(partition);
  if (set.size() == 0) forTopic.erase(pair);
  if (forTopic.empty()) byTopic_.erase(partition.topic);
  return pair;
}

void PartitionMovements::addRecord(const TopicPartition& partition, const Pair& pair) {
  movements_[partition] = pair;
  byTopic_[partition.topic][pair].insert(partition);
}

void PartitionMovements::movePartition(const TopicPartition& partition,
                                       const std::string& oldMember, const std::string& newMember) {
  if (movements_.count(partition)) {
    const Pair existing = removeRecord(partition);
    if (existing.first != newMember) addRecord(partition, {existing.first, newMember});
  } else {
    addRecord(partition, {oldMember, newMember});
  }
}

TopicPartition PartitionMovements::actualPartitionToMove(const TopicPartition& partition,
                                                         std::string oldMember,
                                                         const std::string& newMember) const {
  auto topic = byTopic_.find(partition.topic);
  if (topic == byTopic_.end()) return partition;
  if (auto moved = movements_.find(partition); moved != movements_.end())
    oldMember = moved->second.first;
  auto reverse = topic->second.find(Pair{newMember, oldMember});
  if (reverse == topic->second.end()) return partition;
  return reverse->second.order().front();
}

}  // namespace runnel::assignors::sticky
