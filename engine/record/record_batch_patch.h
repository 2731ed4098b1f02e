// In-place rewrites of a stored RecordBatch v2 that the leader and the log make without
// re-encoding records: baseOffset and partitionLeaderEpoch lie outside the CRC and are simply
// overwritten; switching to LogAppendTime changes CRC-covered fields, so the CRC is recomputed
// (over the batch only, no decompression). The caller owns the bytes and must have validated
// the batch (its header must be complete). Pure functions; no locking.
#pragma once

#include <cstdint>
#include <span>

namespace runnel::record {

void setBaseOffset(std::span<std::uint8_t> batch, std::int64_t baseOffset);
void setPartitionLeaderEpoch(std::span<std::uint8_t> batch, std::int32_t epoch);
// Sets the timestamp-type attribute to LogAppendTime and maxTimestamp to `timestampMs` (every
// record then reads as having that timestamp), and recomputes the CRC.
void setLogAppendTime(std::span<std::uint8_t> batch, std::int64_t timestampMs);

}  // namespace runnel::record
