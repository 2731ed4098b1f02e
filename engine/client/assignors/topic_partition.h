// TopicPartition: one partition of one topic, the unit the consumer protocol and the assignors
// hand out. A plain value ordered by (topic, partition); no locking needed.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace runnel::assignors {

struct TopicPartition {
  std::string topic;
  std::int32_t partition = 0;

  friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted comparison.
  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
};

using TopicPartitions = std::vector<TopicPartition>;

// "orders-3", for messages and test failures.
inline std::string toString(const TopicPartition& tp) {
  return tp.topic + "-" + std::to_string(tp.partition);
}

}  // namespace runnel::assignors
