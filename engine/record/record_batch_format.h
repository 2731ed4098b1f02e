// Kafka RecordBatch v2 (magic 2): field offsets, sizes and attribute bits, shared by the encoder,
// the decoder and the log. Described in docs/formats/record_batch.md. All integers big-endian
// except the varints of individual records. Constants only; nothing to own or lock.
#pragma once

#include <cstddef>
#include <cstdint>

namespace runnel::record {

// Batch header, byte offsets from the start of the batch.
inline constexpr std::size_t kBaseOffsetOffset = 0;             // int64
inline constexpr std::size_t kBatchLengthOffset = 8;            // int32: bytes after this field
inline constexpr std::size_t kPartitionLeaderEpochOffset = 12;  // int32
inline constexpr std::size_t kMagicOffset = 16;                 // int8
inline constexpr std::size_t kCrcOffset = 17;                   // uint32, CRC-32C of [21, end)
inline constexpr std::size_t kAttributesOffset = 21;            // int16
inline constexpr std::size_t kLastOffsetDeltaOffset = 23;       // int32
inline constexpr std::size_t kBaseTimestampOffset = 27;         // int64
inline constexpr std::size_t kMaxTimestampOffset = 35;          // int64
inline constexpr std::size_t kProducerIdOffset = 43;            // int64
inline constexpr std::size_t kProducerEpochOffset = 51;         // int16
inline constexpr std::size_t kBaseSequenceOffset = 53;          // int32
inline constexpr std::size_t kRecordCountOffset = 57;           // int32
inline constexpr std::size_t kRecordsOffset = 61;               // records start here

// The CRC covers everything from the attributes to the end of the batch, so baseOffset,
// batchLength and partitionLeaderEpoch can be rewritten without recomputing it.
inline constexpr std::size_t kCrcCoveredFrom = kAttributesOffset;

// baseOffset + batchLength: the part of a batch that precedes what batchLength counts.
inline constexpr std::size_t kLogOverhead = 12;
// A batch with no records: the whole header.
inline constexpr std::size_t kBatchHeaderSize = kRecordsOffset;
inline constexpr std::int32_t kMinBatchLength = kBatchHeaderSize - kLogOverhead;  // 49

inline constexpr std::int8_t kMagicV2 = 2;

// Attribute bits (int16).
inline constexpr std::int16_t kCompressionCodecMask = 0x07;  // bits 0-2
inline constexpr std::int16_t kTimestampTypeBit = 0x08;      // bit 3: 1 = LogAppendTime
inline constexpr std::int16_t kTransactionalBit = 0x10;      // bit 4
inline constexpr std::int16_t kControlBit = 0x20;            // bit 5
inline constexpr std::int16_t kDeleteHorizonBit =
    0x40;  // bit 6: baseTimestamp is a delete horizon (KIP-534)

// "No value" markers of the header fields.
inline constexpr std::int64_t kNoProducerId = -1;
inline constexpr std::int16_t kNoProducerEpoch = -1;
inline constexpr std::int32_t kNoSequence = -1;
inline constexpr std::int32_t kNoPartitionLeaderEpoch = -1;
inline constexpr std::int64_t kNoTimestamp = -1;

// Smallest possible record: length, attributes, timestampDelta, offsetDelta, key length,
// value length and header count, one byte each.
inline constexpr std::size_t kMinRecordSize = 7;

// Decompressed record data beyond this is refused (a defence against decompression bombs).
inline constexpr std::size_t kDefaultMaxDecompressedBytes = std::size_t{256} * 1024 * 1024;

}  // namespace runnel::record
