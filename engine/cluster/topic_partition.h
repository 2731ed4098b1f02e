// TopicPartition: the name of one partition ("payments", 3), used as a map key across the
// cluster. A plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace runnel::cluster {

struct TopicPartition {
  std::string topic;
  std::int32_t partition = 0;

  friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
  // "payments-3", as Kafka names partition directories.
  std::string toString() const { return topic + "-" + std::to_string(partition); }
};

struct TopicPartitionHash {
  std::size_t operator()(const TopicPartition& tp) const noexcept {
    return std::hash<std::string>()(tp.topic) * 31 + static_cast<std::size_t>(tp.partition);
  }
};

}  // namespace runnel::cluster
