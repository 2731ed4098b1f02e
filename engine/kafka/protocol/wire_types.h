// Value types of the Kafka wire protocol that the C++ standard library lacks: the 128-bit Uuid of
// topic ids, the borrowed bytes of a "records" field, and the raw tagged fields a decoder did not
// recognise (kept so that re-encoding a message loses nothing).
// Plain values, no locking. RecordsView borrows memory: see its comment for the lifetime rule.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/common/bytes.h"

namespace runnel::kafka {

// A Kafka Uuid (topic ids, directory ids): 16 bytes on the wire, most significant half first.
// The all-zero value is Kafka's ZERO_UUID, the default of every uuid field.
struct Uuid {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  bool isZero() const { return high == 0 && low == 0; }
  bool operator==(const Uuid&) const = default;
};

// The bytes of a "records" field (a sequence of RecordBatch v2, opaque to the codec).
// Decoding does not copy: the view points into the buffer that was decoded, so a decoded message
// holding records must not outlive that buffer (the connection keeps the request frame alive
// while the handler runs; a handler that keeps the batches longer copies them, which the log's
// append does anyway). When encoding, the view must stay valid until encode() returns.
// Equality compares contents, so two views over equal bytes in different buffers are equal.
struct RecordsView {
  ByteView bytes;

  std::size_t size() const { return bytes.size(); }
  bool empty() const { return bytes.empty(); }
  friend bool operator==(const RecordsView& a, const RecordsView& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.bytes.data(), b.bytes.data(), a.size()) == 0);
  }
};

// A tagged field whose tag the decoder did not know, with its value bytes copied verbatim.
struct RawTaggedField {
  std::uint32_t tag = 0;
  Bytes data;

  bool operator==(const RawTaggedField&) const = default;
};

// Unknown tagged fields in the order they were read; encode() writes them back, merged in tag
// order with the known ones.
using UnknownTaggedFields = std::vector<RawTaggedField>;

}  // namespace runnel::kafka
