// RecordBatchBuilder encodes records into one Kafka RecordBatch v2, compressed with the chosen
// codec: the producer's side of the format, also used by the log cleaner to re-encode what it
// keeps. Keys, values and headers are copied in as they are appended, so the caller's buffers
// may go away afterwards. Not thread-safe; one builder per batch being built.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/record/compression.h"
#include "engine/record/record.h"
#include "engine/record/record_batch_format.h"

namespace runnel::record {

struct RecordBatchOptions {
  std::int64_t baseOffset = 0;
  std::int32_t partitionLeaderEpoch = kNoPartitionLeaderEpoch;
  CompressionCodec compression = CompressionCodec::kNone;
  TimestampType timestampType = TimestampType::kCreateTime;
  bool transactional = false;
  bool control = false;
  std::int64_t producerId = kNoProducerId;
  std::int16_t producerEpoch = kNoProducerEpoch;
  std::int32_t baseSequence = kNoSequence;
  // When set, baseTimestamp holds this delete horizon and attribute bit 6 is set (KIP-534).
  std::optional<std::int64_t> deleteHorizonMs;
};

class RecordBatchBuilder {
 public:
  explicit RecordBatchBuilder(RecordBatchOptions options = {});

  // Appends a record at the next offset (baseOffset, baseOffset + 1, ...).
  void append(std::int64_t timestamp, std::optional<ByteView> key, std::optional<ByteView> value,
              std::span<const RecordHeader> headers = {});
  // Appends a record at an explicit offset: at least baseOffset and above the previous one
  // (the cleaner keeps original offsets, leaving gaps). Returns InvalidArgument otherwise.
  Status appendWithOffset(std::int64_t offset, std::int64_t timestamp, std::optional<ByteView> key,
                          std::optional<ByteView> value,
                          std::span<const RecordHeader> headers = {});
  // Makes lastOffsetDelta cover `lastOffset` even if no record has it (the cleaner keeps a
  // batch's original last offset so producer sequence numbers stay consistent).
  void overrideLastOffset(std::int64_t lastOffset) { lastOffsetOverride_ = lastOffset; }

  std::int32_t recordCount() const { return recordCount_; }
  bool empty() const { return recordCount_ == 0; }
  // Size of the batch if built uncompressed.
  std::size_t uncompressedSize() const { return kBatchHeaderSize + records_.size(); }

  // Encodes the batch; the builder can keep appending and build again.
  Result<Bytes> build() const;

 private:
  void encodeRecord(std::int64_t offsetDelta, std::int64_t timestamp, std::optional<ByteView> key,
                    std::optional<ByteView> value, std::span<const RecordHeader> headers);

  RecordBatchOptions options_;
  Bytes records_;  // encoded records, uncompressed
  std::int32_t recordCount_ = 0;
  std::int64_t nextOffset_;
  std::optional<std::int64_t> baseTimestamp_;
  std::int64_t maxTimestamp_ = kNoTimestamp;
  std::optional<std::int64_t> lastOffsetOverride_;
};

}  // namespace runnel::record
