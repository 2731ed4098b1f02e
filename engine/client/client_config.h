// Producer and consumer settings, named and defaulted as Kafka's clients name them, so the same
// property names work in the SQL engine's SET, the studio's dialogs, and (passed through) for
// librdkafka against a remote cluster. fromProperties() reads the Kafka property names and
// rejects unknown keys and bad values with a clear message. Plain values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace runnel::client {

using Properties = std::map<std::string, std::string>;

enum class Compression : std::uint8_t { kNone, kGzip, kSnappy, kLz4, kZstd };
enum class OffsetReset : std::uint8_t { kLatest, kEarliest, kNone };
enum class IsolationLevel : std::uint8_t { kReadUncommitted, kReadCommitted };

struct ProducerConfig {
  std::string clientId = "runnel-producer";
  int acks = -1;                                       // "acks": 0, 1 or all (-1)
  std::int32_t lingerMs = 5;                           // "linger.ms"
  std::int32_t batchSize = 16384;                      // "batch.size" (bytes per partition batch)
  std::int64_t bufferMemory = std::int64_t{32} << 20;  // "buffer.memory": send() blocks beyond it
  bool enableIdempotence = true;                       // "enable.idempotence"
  std::int32_t retries = INT32_MAX;                    // "retries"
  std::int32_t retryBackoffMs = 100;                   // "retry.backoff.ms"
  std::int32_t requestTimeoutMs = 30000;               // "request.timeout.ms"
  std::int32_t deliveryTimeoutMs = 120000;             // "delivery.timeout.ms"
  std::int32_t maxInFlightPerPartition = 5;            // "max.in.flight.requests.per.connection"
  std::int32_t maxRequestSize = 1048576;               // "max.request.size"
  Compression compression = Compression::kNone;        // "compression.type"
  Properties extra;  // passed through untouched (remote clusters: librdkafka settings)

  static Result<ProducerConfig> fromProperties(const Properties& props);
};

struct ConsumerConfig {
  std::string clientId = "runnel-consumer";
  std::string groupId;          // "group.id": empty = no group (assign() only)
  std::string groupInstanceId;  // "group.instance.id": static membership when set
  OffsetReset autoOffsetReset = OffsetReset::kLatest;                // "auto.offset.reset"
  bool enableAutoCommit = true;                                      // "enable.auto.commit"
  std::int32_t autoCommitIntervalMs = 5000;                          // "auto.commit.interval.ms"
  std::int32_t sessionTimeoutMs = 45000;                             // "session.timeout.ms"
  std::int32_t heartbeatIntervalMs = 3000;                           // "heartbeat.interval.ms"
  std::int32_t maxPollIntervalMs = 300000;                           // "max.poll.interval.ms"
  std::int32_t maxPollRecords = 500;                                 // "max.poll.records"
  std::int32_t fetchMinBytes = 1;                                    // "fetch.min.bytes"
  std::int32_t fetchMaxBytes = 52428800;                             // "fetch.max.bytes"
  std::int32_t maxPartitionFetchBytes = 1048576;                     // "max.partition.fetch.bytes"
  std::int32_t fetchMaxWaitMs = 500;                                 // "fetch.max.wait.ms"
  IsolationLevel isolationLevel = IsolationLevel::kReadUncommitted;  // "isolation.level"
  // "partition.assignment.strategy": assignor names in preference order.
  std::vector<std::string> assignmentStrategies = {"range", "cooperative-sticky"};
  Properties extra;

  static Result<ConsumerConfig> fromProperties(const Properties& props);
};

}  // namespace runnel::client
