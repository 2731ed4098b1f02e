// One record of a RecordBatch v2 as the decoder hands it out, plus the small vocabulary types
// shared by the builder and the view. Keys, values and headers are views into the batch's bytes
// (or its decompressed copy) and live only as long as those. Plain values; no locking.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/common/bytes.h"

namespace runnel::record {

enum class TimestampType : std::uint8_t { kCreateTime = 0, kLogAppendTime = 1 };

struct RecordHeader {
  std::string_view key;
  std::optional<ByteView> value;  // nullopt = null value
};

struct Record {
  std::int64_t offset = 0;
  std::int64_t timestamp = 0;
  std::int8_t attributes = 0;     // unused by Kafka so far; kept as read
  std::optional<ByteView> key;    // nullopt = null key
  std::optional<ByteView> value;  // nullopt = null value (a tombstone)
  std::vector<RecordHeader> headers;
};

}  // namespace runnel::record
