// TopicPartition: names one partition of one topic — the unit of ordering, assignment and
// offsets throughout the client API. A plain value; ordered and hashable.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace runnel::client {

struct TopicPartition {
  std::string topic;
  std::int32_t partition = 0;

  friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted comparison.
  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
  // "orders-3", as Kafka prints it.
  std::string toString() const { return topic + "-" + std::to_string(partition); }
};

struct TopicPartitionHash {
  std::size_t operator()(const TopicPartition& tp) const {
    return std::hash<std::string>()(tp.topic) * 31 + static_cast<std::size_t>(tp.partition);
  }
};

}  // namespace runnel::client
