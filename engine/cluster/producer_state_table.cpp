#include "engine/cluster/producer_state_table.h"

#include <algorithm>
#include <limits>
#include <string>

#include "engine/log/partition_log.h"
#include "engine/record/record_batch_view.h"

namespace runnel::cluster {

std::int32_t lastSequenceOf(std::int32_t firstSeq, std::int32_t lastOffsetDelta) {
  constexpr std::int32_t kMax = std::numeric_limits<std::int32_t>::max();
  if (firstSeq > kMax - lastOffsetDelta) return lastOffsetDelta - (kMax - firstSeq) - 1;
  return firstSeq + lastOffsetDelta;
}

namespace {

bool inSequence(std::int32_t lastSeq, std::int32_t nextSeq) {
  if (lastSeq == std::numeric_limits<std::int32_t>::max()) return nextSeq == 0;
  return std::int64_t{nextSeq} == std::int64_t{lastSeq} + 1;
}

std::string producerName(std::int64_t id, std::int16_t epoch) {
  return "producer " + std::to_string(id) + " (epoch " + std::to_string(epoch) + ")";
}

}  // namespace

SequenceCheck ProducerStateTable::check(std::int64_t producerId, std::int16_t epoch,
                                        std::int32_t firstSeq, std::int32_t lastSeq) const {
  SequenceCheck out;
  auto reject = [&out](ErrorCode code, std::string message) {
    out.verdict = SequenceVerdict::kReject;
    out.error = {code, std::move(message)};
    return out;
  };
  auto it = producers_.find(producerId);
  if (it == producers_.end()) {
    if (firstSeq != 0) {
      return reject(ErrorCode::kUnknownProducerId,
                    producerName(producerId, epoch) +
                        " is unknown to this partition and its first batch starts at "
                        "sequence " +
                        std::to_string(firstSeq) + ", not 0");
    }
    return out;
  }
  const ProducerEntry& entry = it->second;
  if (epoch < entry.epoch) {
    return reject(ErrorCode::kInvalidProducerEpoch, producerName(producerId, epoch) +
                                                        " is older than the current epoch " +
                                                        std::to_string(entry.epoch));
  }
  if (epoch > entry.epoch) {
    if (firstSeq != 0) {
      return reject(ErrorCode::kOutOfOrderSequenceNumber,
                    producerName(producerId, epoch) + " starts a new epoch at sequence " +
                        std::to_string(firstSeq) + "; a new epoch must start at 0");
    }
    return out;
  }
  for (const ProducerBatch& b : entry.batches) {
    if (b.firstSeq == firstSeq && b.lastSeq == lastSeq) {
      out.verdict = SequenceVerdict::kDuplicate;
      out.duplicateOf = b;
      return out;
    }
  }
  if (entry.batches.empty()) {
    if (firstSeq == 0) return out;
    return reject(ErrorCode::kOutOfOrderSequenceNumber,
                  producerName(producerId, epoch) + " sent sequence " + std::to_string(firstSeq) +
                      ", expected 0");
  }
  const std::int32_t last = entry.batches.back().lastSeq;
  if (!inSequence(last, firstSeq)) {
    const std::int32_t expected = last == std::numeric_limits<std::int32_t>::max() ? 0 : last + 1;
    return reject(ErrorCode::kOutOfOrderSequenceNumber,
                  producerName(producerId, epoch) + " sent sequence " + std::to_string(firstSeq) +
                      ", expected " + std::to_string(expected));
  }
  return out;
}

void ProducerStateTable::record(std::int64_t producerId, std::int16_t epoch,
                                const ProducerBatch& batch, std::int64_t timestampMs) {
  ProducerEntry& entry = producers_[producerId];
  if (epoch != entry.epoch) {
    entry.epoch = epoch;
    entry.batches.clear();
  }
  entry.batches.push_back(batch);
  while (entry.batches.size() > kMaxBatchesPerProducer)
    entry.batches.pop_front();
  entry.lastTimestampMs = std::max(entry.lastTimestampMs, timestampMs);
}

bool ProducerStateTable::truncateTo(std::int64_t offset) {
  bool complete = true;
  for (auto it = producers_.begin(); it != producers_.end();) {
    auto& batches = it->second.batches;
    const bool had = !batches.empty();
    while (!batches.empty() && batches.back().lastOffset >= offset)
      batches.pop_back();
    if (had && batches.empty()) {
      complete = false;
      it = producers_.erase(it);
    } else {
      ++it;
    }
  }
  return complete;
}

void ProducerStateTable::expire(std::int64_t olderThanMs) {
  std::erase_if(producers_,
                [olderThanMs](const auto& kv) { return kv.second.lastTimestampMs < olderThanMs; });
}

std::optional<ProducerEntry> ProducerStateTable::entry(std::int64_t producerId) const {
  auto it = producers_.find(producerId);
  if (it == producers_.end()) return std::nullopt;
  return it->second;
}

Status rebuildProducerState(const PartitionLog& log, ProducerStateTable& table) {
  table.clear();
  constexpr std::size_t kChunk = std::size_t{1024} * 1024;
  std::int64_t offset = log.logStartOffset();
  while (offset < log.logEndOffset()) {
    auto read = log.read(offset, kChunk);
    if (!read.isOk()) return read.status();
    if (read->records.empty()) break;
    auto batches = record::splitBatches(read->records, /*allowPartialTail=*/true);
    if (!batches.isOk()) return batches.status();
    for (const auto& b : *batches) {
      if (b.producerId() < 0 || b.isControl()) continue;
      const ProducerBatch pb{b.baseSequence(),
                             lastSequenceOf(b.baseSequence(), b.lastOffsetDelta()), b.baseOffset(),
                             b.lastOffset()};
      table.record(b.producerId(), b.producerEpoch(), pb, b.maxTimestamp());
    }
    if (read->nextOffset <= offset) break;
    offset = read->nextOffset;
  }
  return Status::ok();
}

}  // namespace runnel::cluster
