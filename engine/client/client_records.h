// The records a client sends and receives: ProducerRecord in, RecordMetadata back as the
// acknowledgement, ConsumerRecord out of poll(). Keys, values and header values are owned bytes
// (nullopt = null, which Kafka distinguishes from empty). Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/topic_partition.h"
#include "engine/common/bytes.h"

namespace runnel::client {

struct Header {
  std::string key;
  std::optional<Bytes> value;

  friend bool operator==(const Header&, const Header&) = default;
};

enum class TimestampKind : std::uint8_t { kCreateTime, kLogAppendTime };

struct ProducerRecord {
  std::string topic;
  std::optional<std::int32_t> partition;  // unset: the partitioner chooses (murmur2 of the key)
  std::optional<Bytes> key;
  std::optional<Bytes> value;
  std::vector<Header> headers;
  std::optional<std::int64_t> timestampMs;  // unset: the producer's clock at send()
};

struct RecordMetadata {
  TopicPartition topicPartition;
  std::int64_t offset = -1;       // -1 with acks=0, where the broker does not say
  std::int64_t timestampMs = -1;  // the log-append time when the topic uses it
};

struct ConsumerRecord {
  TopicPartition topicPartition;
  std::int64_t offset = 0;
  std::int64_t timestampMs = 0;
  TimestampKind timestampKind = TimestampKind::kCreateTime;
  std::int32_t leaderEpoch = -1;
  std::optional<Bytes> key;
  std::optional<Bytes> value;
  std::vector<Header> headers;
};

}  // namespace runnel::client
