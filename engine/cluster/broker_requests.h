// The requests a Broker serves and their answers — Produce, Fetch (consumers and follower
// replicas alike), ListOffsets and DeleteRecords — shaped after the Kafka protocol so the wire
// handlers map them field by field, and usable directly by in-process clients. Records travel as
// Kafka RecordBatch v2 bytes. Every failure is a Kafka error code plus a message, per partition.
// Plain values; a request is moved into the broker and the answer handed to a callback.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/api_error.h"
#include "engine/common/bytes.h"

namespace runnel::cluster {

inline constexpr std::int32_t kConsumerReplicaId = -1;
inline constexpr std::int32_t kNoEpoch = -1;

// ---- Produce ------------------------------------------------------------------------------

struct ProducePartition {
  std::string topic;
  std::int32_t partition = 0;
  Bytes records;  // one or more RecordBatch v2; offsets and epoch are stamped in place
};

struct ProduceRequest {
  std::int16_t acks = -1;          // 0, 1 or -1 (all)
  std::int32_t timeoutMs = 30000;  // how long acks=all may wait for the ISR
  std::vector<ProducePartition> partitions;
};

struct ProducePartitionResult {
  std::string topic;
  std::int32_t partition = 0;
  ApiError error;
  std::int64_t baseOffset = -1;
  std::int64_t lastOffset = -1;       // not in the Kafka response; handy in process
  std::int64_t logAppendTimeMs = -1;  // -1 unless the topic uses LogAppendTime
  std::int64_t logStartOffset = -1;
};

struct ProduceResponse {
  std::vector<ProducePartitionResult> partitions;  // same order as the request
};

using ProduceCallback = std::function<void(ProduceResponse)>;

// ---- Fetch --------------------------------------------------------------------------------

struct FetchPartition {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t fetchOffset = 0;
  std::int32_t currentLeaderEpoch = kNoEpoch;  // fences stale leaders/clients when set
  std::int32_t lastFetchedEpoch = kNoEpoch;    // followers: epoch of their last batch (divergence)
  std::int64_t logStartOffset = -1;            // followers: their log start
  std::int32_t maxBytes = 1024 * 1024;         // per partition
};

struct FetchRequest {
  std::int32_t replicaId = kConsumerReplicaId;  // a broker id for follower fetches
  std::int32_t maxWaitMs = 500;
  std::int32_t minBytes = 1;
  std::int32_t maxBytes = 50 * 1024 * 1024;  // whole response
  std::vector<FetchPartition> partitions;
};

struct DivergingEpoch {
  std::int32_t epoch = kNoEpoch;
  std::int64_t endOffset = -1;
};

struct FetchPartitionResult {
  std::string topic;
  std::int32_t partition = 0;
  ApiError error;
  std::int64_t highWatermark = -1;
  std::int64_t lastStableOffset = -1;  // = the high watermark (no transactions)
  std::int64_t logStartOffset = -1;
  std::int64_t logEndOffset = -1;  // the leader's; only followers need it (not on the wire)
  std::optional<DivergingEpoch> divergingEpoch;
  Bytes records;  // whole stored batches
};

struct FetchResponse {
  ApiError error;  // whole-request failures (e.g. the broker is down)
  std::vector<FetchPartitionResult> partitions;
};

using FetchCallback = std::function<void(FetchResponse)>;

// ---- ListOffsets ----------------------------------------------------------------------------

inline constexpr std::int64_t kLatestTimestamp = -1;
inline constexpr std::int64_t kEarliestTimestamp = -2;
inline constexpr std::int64_t kMaxTimestamp = -3;

struct ListOffsetsPartition {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t timestamp = kLatestTimestamp;  // -1 latest, -2 earliest, -3 max timestamp, or ms
  std::int32_t currentLeaderEpoch = kNoEpoch;
};

struct ListOffsetsPartitionResult {
  std::string topic;
  std::int32_t partition = 0;
  ApiError error;
  std::int64_t timestamp = -1;
  std::int64_t offset = -1;
  std::int32_t leaderEpoch = kNoEpoch;
};

// ---- DeleteRecords --------------------------------------------------------------------------

struct DeleteRecordsPartition {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = -1;  // delete everything before it; -1 = up to the high watermark
};

struct DeleteRecordsPartitionResult {
  std::string topic;
  std::int32_t partition = 0;
  ApiError error;
  std::int64_t lowWatermark = -1;
};

}  // namespace runnel::cluster
