// Encode / decode of the consumer protocol's Subscription and Assignment bytes, byte-for-byte
// as the Java client and librdkafka write them (constants in consumer_protocol_format.h).
// Like Java, a decoder meeting a version newer than it knows parses the fields it knows and
// ignores the rest (new versions only append fields). Plain functions on plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/assignors/consumer_protocol_format.h"
#include "engine/client/assignors/topic_partition.h"
#include "engine/common/bytes.h"
#include "engine/common/result.h"

namespace runnel::assignors {

struct Subscription {
  std::vector<std::string> topics;
  std::optional<Bytes> userData;  // nullopt encodes as null (-1)
  // v1+. Flat like Java's list; encoded grouped by topic in order of first appearance.
  TopicPartitions ownedPartitions;
  std::int32_t generationId = kNoGeneration;  // v2+
  std::optional<std::string> rackId;          // v3+

  friend bool operator==(const Subscription&, const Subscription&) = default;
};

struct Assignment {
  TopicPartitions partitions;  // encoded grouped by topic in order of first appearance
  std::optional<Bytes> userData;

  friend bool operator==(const Assignment&, const Assignment&) = default;
};

// What a decoder found: the value plus the version the bytes declared.
struct DecodedSubscription {
  std::int16_t version = 0;
  Subscription subscription;
};
struct DecodedAssignment {
  std::int16_t version = 0;
  Assignment assignment;
};

// `version` must be in [kConsumerProtocolMinVersion, kConsumerProtocolMaxVersion]; fields the
// version does not have are left out (so v0 drops owned partitions, as Java does).
Result<Bytes> encodeSubscription(const Subscription& subscription,
                                 std::int16_t version = kConsumerProtocolMaxVersion);
Result<Bytes> encodeAssignment(const Assignment& assignment,
                               std::int16_t version = kConsumerProtocolMaxVersion);

// Corruption for truncated input, negative versions, null non-nullable fields. Zero bytes
// decode as an empty Assignment: the coordinator sends them to members the leader left out.
Result<DecodedSubscription> decodeSubscription(ByteView bytes);
Result<DecodedAssignment> decodeAssignment(ByteView bytes);

// Groups a flat partition list by topic, keeping the order in which topics first appear and the
// order of partitions within a topic (how Java and librdkafka lay out TopicPartition arrays).
std::vector<std::pair<std::string, std::vector<std::int32_t>>> groupByTopic(
    const TopicPartitions& partitions);

}  // namespace runnel::assignors
