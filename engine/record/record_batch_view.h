// RecordBatchView reads the header of a stored Kafka RecordBatch v2 without copying it: the
// broker hands stored bytes to consumers unchanged, so most code only needs these fields.
// validateBatch() is the gate every batch passes before the log accepts it.
// A view borrows the bytes it was made from and must not outlive them. Plain value; no locking.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/record/compression.h"
#include "engine/record/record.h"
#include "engine/record/record_batch_format.h"

namespace runnel::record {

class RecordBatchView {
 public:
  // Views the batch at the start of `bytes` (which may continue with more batches). Checks only
  // that the header is there, the magic is 2 and batchLength fits in `bytes`; the CRC and
  // the other fields are checked by validate().
  static Result<RecordBatchView> parse(ByteView bytes);

  // The whole batch, from baseOffset to its last byte.
  ByteView bytes() const { return bytes_; }
  std::size_t sizeInBytes() const { return bytes_.size(); }
  // The records as stored (compressed when compression() is not kNone).
  ByteView recordsPayload() const { return bytes_.subspan(kRecordsOffset); }

  std::int64_t baseOffset() const { return i64(kBaseOffsetOffset); }
  std::int32_t batchLength() const { return i32(kBatchLengthOffset); }
  std::int32_t partitionLeaderEpoch() const { return i32(kPartitionLeaderEpochOffset); }
  std::int8_t magic() const { return static_cast<std::int8_t>(bytes_[kMagicOffset]); }
  std::uint32_t crc() const { return loadBigEndian32(bytes_.data() + kCrcOffset); }
  std::int16_t attributes() const {
    return static_cast<std::int16_t>(loadBigEndian16(bytes_.data() + kAttributesOffset));
  }
  std::int32_t lastOffsetDelta() const { return i32(kLastOffsetDeltaOffset); }
  std::int64_t lastOffset() const { return baseOffset() + lastOffsetDelta(); }
  std::int64_t nextOffset() const { return lastOffset() + 1; }
  std::int64_t baseTimestamp() const { return i64(kBaseTimestampOffset); }
  std::int64_t maxTimestamp() const { return i64(kMaxTimestampOffset); }
  std::int64_t producerId() const { return i64(kProducerIdOffset); }
  std::int16_t producerEpoch() const {
    return static_cast<std::int16_t>(loadBigEndian16(bytes_.data() + kProducerEpochOffset));
  }
  std::int32_t baseSequence() const { return i32(kBaseSequenceOffset); }
  std::int32_t recordCount() const { return i32(kRecordCountOffset); }

  CompressionCodec compression() const {
    return static_cast<CompressionCodec>(attributes() & kCompressionCodecMask);
  }
  TimestampType timestampType() const {
    return (attributes() & kTimestampTypeBit) ? TimestampType::kLogAppendTime
                                              : TimestampType::kCreateTime;
  }
  bool isTransactional() const { return (attributes() & kTransactionalBit) != 0; }
  bool isControl() const { return (attributes() & kControlBit) != 0; }
  bool hasDeleteHorizon() const { return (attributes() & kDeleteHorizonBit) != 0; }

  std::uint32_t computeCrc() const;
  bool isCrcValid() const { return computeCrc() == crc(); }

  // Header checks plus the CRC: see validateBatch().
  Status validate() const;
  // validate(), then checkRecords().
  Status validateRecords(std::size_t maxDecompressedBytes = kDefaultMaxDecompressedBytes) const;
  // Decodes every record (decompressing if needed) and checks each is well formed, offsets
  // increase within [baseOffset, lastOffset] and the count matches. Does not check the CRC.
  Status checkRecords(std::size_t maxDecompressedBytes = kDefaultMaxDecompressedBytes) const;

 private:
  explicit RecordBatchView(ByteView bytes) : bytes_(bytes) {}
  std::int32_t i32(std::size_t at) const {
    return static_cast<std::int32_t>(loadBigEndian32(bytes_.data() + at));
  }
  std::int64_t i64(std::size_t at) const {
    return static_cast<std::int64_t>(loadBigEndian64(bytes_.data() + at));
  }

  ByteView bytes_;
};

// Checks one whole batch (exactly `bytes`): length fields consistent with the size, magic 2,
// a known codec, CRC-32C correct, lastOffsetDelta and recordCount possible. Returns Corruption
// naming what is wrong (NotSupported for the old magic 0/1 formats).
Status validateBatch(ByteView bytes);

// Splits concatenated batches (a produce request's or a fetch response's records) into views,
// checking each one's header framing; a partial batch at the end is an error unless
// `allowPartialTail`, in which case it is left out (fetch responses may end in one).
Result<std::vector<RecordBatchView>> splitBatches(ByteView bytes, bool allowPartialTail = false);

}  // namespace runnel::record
