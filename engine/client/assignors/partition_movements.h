// PartitionMovements: the sticky assignor's record of which partitions moved between which
// members during one assignment, so that a partition about to move back along a path another
// partition of the same topic just took is swapped for that one instead (keeping assignments
// sticky). Mirrors Java's bookkeeping, including the HashSet order it takes "the first" from.
// A plain value used by one assignment run; not thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "engine/client/assignors/java_collections.h"
#include "engine/client/assignors/topic_partition.h"

namespace runnel::assignors::sticky {

class PartitionMovements {
 public:
  // Records that `partition` moved from `oldMember` to `newMember` (a move back cancels out).
  void movePartition(const TopicPartition& partition, const std::string& oldMember,
                     const std::string& newMember);
  // The partition that should really move from `oldMember` to `newMember` in place of
  // `partition`: one of the same topic that earlier moved the opposite way, if any.
  TopicPartition actualPartitionToMove(const TopicPartition& partition, std::string oldMember,
                                       const std::string& newMember) const;

 private:
  using Pair = std::pair<std::string, std::string>;  // (source, destination)
  Pair removeRecord(const TopicPartition& partition);
  void addRecord(const TopicPartition& partition, const Pair& pair);

  std::map<TopicPartition, Pair> movements_;
  std::map<std::string, std::map<Pair, JavaHashOrder<TopicPartition>>> byTopic_;
};

}  // namespace runnel::assignors::sticky
