// ProducerStateTable: the idempotence memory of one partition replica — for every producer id
// its epoch and the sequence numbers and offsets of its last five batches — so the leader can
// refuse gaps and stale epochs and answer a retried batch with its original offsets instead of
// writing it twice (Kafka's ProducerStateManager, without transactions).
// Followers apply the same updates from replicated batches, so a new leader continues where the
// old one stopped. After a truncation or on open the table is rebuilt from the log.
// Not thread-safe: the owning PartitionReplica guards it with its mutex.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>

#include "engine/cluster/api_error.h"
#include "engine/common/status.h"

namespace runnel {
class PartitionLog;
}

namespace runnel::cluster {

struct ProducerBatch {
  std::int32_t firstSeq = 0;
  std::int32_t lastSeq = 0;
  std::int64_t firstOffset = 0;
  std::int64_t lastOffset = 0;
  bool operator==(const ProducerBatch&) const = default;
};

struct ProducerEntry {
  std::int16_t epoch = 0;
  std::deque<ProducerBatch> batches;  // oldest first, at most kMaxBatchesPerProducer
  std::int64_t lastTimestampMs = 0;
};

enum class SequenceVerdict { kAppend, kDuplicate, kReject };

struct SequenceCheck {
  SequenceVerdict verdict = SequenceVerdict::kAppend;
  ApiError error;             // for kReject
  ProducerBatch duplicateOf;  // for kDuplicate: where the batch already is
};

// The last sequence number of a batch of `count` records starting at `firstSeq` (sequences wrap
// from INT32_MAX to 0).
std::int32_t lastSequenceOf(std::int32_t firstSeq, std::int32_t lastOffsetDelta);

class ProducerStateTable {
 public:
  static constexpr std::size_t kMaxBatchesPerProducer = 5;

  // What the leader should do with a batch from producer `producerId`.
  SequenceCheck check(std::int64_t producerId, std::int16_t epoch, std::int32_t firstSeq,
                      std::int32_t lastSeq) const;
  // Records an appended batch (leader after check(), followers and log replays unconditionally).
  void record(std::int64_t producerId, std::int16_t epoch, const ProducerBatch& batch,
              std::int64_t timestampMs);

  // Forgets batches at or beyond `offset` (the log was truncated there). Returns false when that
  // left a producer with no batches at all: its older history is only in the log, so the caller
  // must rebuild the table from the log.
  bool truncateTo(std::int64_t offset);
  // Drops producers idle since before `olderThanMs` (producer.id.expiration.ms).
  void expire(std::int64_t olderThanMs);
  void clear() { producers_.clear(); }

  std::size_t producerCount() const { return producers_.size(); }
  std::optional<ProducerEntry> entry(std::int64_t producerId) const;

 private:
  std::unordered_map<std::int64_t, ProducerEntry> producers_;
};

// Clears `table` and replays every idempotent batch of `log` into it (an open, or a truncation
// that dropped a producer's whole remembered history).
Status rebuildProducerState(const PartitionLog& log, ProducerStateTable& table);

}  // namespace runnel::cluster
