#include "engine/record/record_batch_builder.h"

#include <algorithm>
#include <string>

#include "engine/common/byte_writer.h"
#include "engine/common/crc32c.h"

namespace runnel::record {
namespace {

std::size_t nullableBytesSize(const std::optional<ByteView>& b) {
  return b ? varintSize(static_cast<std::int32_t>(b->size())) + b->size() : varintSize(-1);
}

void putNullableBytes(ByteWriter& w, const std::optional<ByteView>& b) {
  if (!b) {
    w.putVarint(-1);
    return;
  }
  w.putVarint(static_cast<std::int32_t>(b->size()));
  w.putBytes(*b);
}

}  // namespace

RecordBatchBuilder::RecordBatchBuilder(RecordBatchOptions options)
    : options_(options), nextOffset_(options.baseOffset) {
  if (options_.deleteHorizonMs) baseTimestamp_ = *options_.deleteHorizonMs;
}

void RecordBatchBuilder::append(std::int64_t timestamp, std::optional<ByteView> key,
                                std::optional<ByteView> value,
                                std::span<const RecordHeader> headers) {
  encodeRecord(nextOffset_ - options_.baseOffset, timestamp, key, value, headers);
}

Status RecordBatchBuilder::appendWithOffset(std::int64_t offset, std::int64_t timestamp,
                                            std::optional<ByteView> key,
                                            std::optional<ByteView> value,
                                            std::span<const RecordHeader> headers) {
  if (offset < nextOffset_) {
    return Status::invalidArgument("record offset " + std::to_string(offset) +
                                   " is not above the previous one in the batch (next allowed " +
                                   std::to_string(nextOffset_) + ")");
  }
  if (offset - options_.baseOffset > INT32_MAX) {
    return Status::invalidArgument("record offset " + std::to_string(offset) +
                                   " is too far from the batch's base offset");
  }
  encodeRecord(offset - options_.baseOffset, timestamp, key, value, headers);
  return Status::ok();
}

void RecordBatchBuilder::encodeRecord(std::int64_t offsetDelta, std::int64_t timestamp,
                                      std::optional<ByteView> key, std::optional<ByteView> value,
                                      std::span<const RecordHeader> headers) {
  if (!baseTimestamp_) baseTimestamp_ = timestamp;
  maxTimestamp_ = std::max(maxTimestamp_, timestamp);
  const std::int64_t timestampDelta = timestamp - *baseTimestamp_;
  const auto delta32 = static_cast<std::int32_t>(offsetDelta);

  std::size_t bodySize = 1 + varlongSize(timestampDelta) + varintSize(delta32) +
                         nullableBytesSize(key) + nullableBytesSize(value) +
                         varintSize(static_cast<std::int32_t>(headers.size()));
  for (const auto& h : headers) {
    bodySize += varintSize(static_cast<std::int32_t>(h.key.size())) + h.key.size() +
                nullableBytesSize(h.value);
  }
  const std::size_t needed = records_.size() + bodySize + kMaxVarint32Bytes;
  if (needed > records_.capacity()) records_.reserve(std::max(needed, 2 * records_.capacity()));
  ByteWriter w(records_);
  w.putVarint(static_cast<std::int32_t>(bodySize));
  w.putInt8(0);  // record attributes: unused
  w.putVarlong(timestampDelta);
  w.putVarint(delta32);
  putNullableBytes(w, key);
  putNullableBytes(w, value);
  w.putVarint(static_cast<std::int32_t>(headers.size()));
  for (const auto& h : headers) {
    w.putVarint(static_cast<std::int32_t>(h.key.size()));
    w.putString(h.key);
    putNullableBytes(w, h.value);
  }
  ++recordCount_;
  nextOffset_ = options_.baseOffset + offsetDelta + 1;
}

Result<Bytes> RecordBatchBuilder::build() const {
  std::int16_t attributes = static_cast<std::int16_t>(options_.compression);
  if (options_.timestampType == TimestampType::kLogAppendTime) attributes |= kTimestampTypeBit;
  if (options_.transactional) attributes |= kTransactionalBit;
  if (options_.control) attributes |= kControlBit;
  if (options_.deleteHorizonMs) attributes |= kDeleteHorizonBit;

  std::int64_t lastOffset = nextOffset_ - 1;
  if (lastOffsetOverride_) lastOffset = std::max(lastOffset, *lastOffsetOverride_);
  const std::int64_t lastOffsetDelta = std::max<std::int64_t>(0, lastOffset - options_.baseOffset);

  // The header is written by direct stores into a pre-sized buffer; batchLength and the CRC
  // are filled in once the (possibly compressed) records are behind it.
  Bytes out(kBatchHeaderSize);
  out.reserve(kBatchHeaderSize + records_.size());
  std::uint8_t* h = out.data();
  storeBigEndian64(h + kBaseOffsetOffset, static_cast<std::uint64_t>(options_.baseOffset));
  storeBigEndian32(h + kPartitionLeaderEpochOffset,
                   static_cast<std::uint32_t>(options_.partitionLeaderEpoch));
  h[kMagicOffset] = static_cast<std::uint8_t>(kMagicV2);
  storeBigEndian16(h + kAttributesOffset, static_cast<std::uint16_t>(attributes));
  storeBigEndian32(h + kLastOffsetDeltaOffset, static_cast<std::uint32_t>(lastOffsetDelta));
  storeBigEndian64(h + kBaseTimestampOffset,
                   static_cast<std::uint64_t>(baseTimestamp_.value_or(kNoTimestamp)));
  storeBigEndian64(h + kMaxTimestampOffset, static_cast<std::uint64_t>(maxTimestamp_));
  storeBigEndian64(h + kProducerIdOffset, static_cast<std::uint64_t>(options_.producerId));
  storeBigEndian16(h + kProducerEpochOffset, static_cast<std::uint16_t>(options_.producerEpoch));
  storeBigEndian32(h + kBaseSequenceOffset, static_cast<std::uint32_t>(options_.baseSequence));
  storeBigEndian32(h + kRecordCountOffset, static_cast<std::uint32_t>(recordCount_));
  RUNNEL_RETURN_IF_ERROR(compress(options_.compression, records_, out));

  if (out.size() - kLogOverhead > static_cast<std::size_t>(INT32_MAX)) {
    return Status::invalidArgument("record batch is larger than 2 GiB");
  }
  storeBigEndian32(out.data() + kBatchLengthOffset,
                   static_cast<std::uint32_t>(out.size() - kLogOverhead));
  const std::uint32_t crc = crc32c::value(ByteView(out).subspan(kCrcCoveredFrom));
  storeBigEndian32(out.data() + kCrcOffset, crc);
  return out;
}

}  // namespace runnel::record
