#include "engine/record/record_batch_patch.h"

#include "engine/common/bytes.h"
#include "engine/common/crc32c.h"
#include "engine/record/record_batch_format.h"

namespace runnel::record {

void setBaseOffset(std::span<std::uint8_t> batch, std::int64_t baseOffset) {
  storeBigEndian64(batch.data() + kBaseOffsetOffset, static_cast<std::uint64_t>(baseOffset));
}

void setPartitionLeaderEpoch(std::span<std::uint8_t> batch, std::int32_t epoch) {
  storeBigEndian32(batch.data() + kPartitionLeaderEpochOffset, static_cast<std::uint32_t>(epoch));
}

void setLogAppendTime(std::span<std::uint8_t> batch, std::int64_t timestampMs) {
  const auto attributes =
      static_cast<std::uint16_t>(loadBigEndian16(batch.data() + kAttributesOffset) |
                                 static_cast<std::uint16_t>(kTimestampTypeBit));
  storeBigEndian16(batch.data() + kAttributesOffset, attributes);
  storeBigEndian64(batch.data() + kMaxTimestampOffset, static_cast<std::uint64_t>(timestampMs));
  const std::uint32_t crc = crc32c::value(ByteView(batch).subspan(kCrcCoveredFrom));
  storeBigEndian32(batch.data() + kCrcOffset, crc);
}

}  // namespace runnel::record
