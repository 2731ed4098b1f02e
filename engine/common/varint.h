// Variable-length integers as Kafka encodes them (the protobuf scheme): unsigned LEB128 for
// "unsigned varint", and zigzag + LEB128 for the signed varint/varlong of record fields.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/common/bytes.h"

namespace runnel {

inline constexpr std::size_t kMaxVarint32Bytes = 5;
inline constexpr std::size_t kMaxVarint64Bytes = 10;

inline constexpr std::uint32_t zigzagEncode32(std::int32_t v) {
  return (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31);
}
inline constexpr std::uint64_t zigzagEncode64(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline constexpr std::int32_t zigzagDecode32(std::uint32_t v) {
  return static_cast<std::int32_t>((v >> 1) ^ (~(v & 1) + 1));
}
inline constexpr std::int64_t zigzagDecode64(std::uint64_t v) {
  return static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Number of bytes the unsigned LEB128 encoding of v takes.
inline constexpr std::size_t unsignedVarintSize(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}
inline constexpr std::size_t varintSize(std::int32_t v) {
  return unsignedVarintSize(zigzagEncode32(v));
}
inline constexpr std::size_t varlongSize(std::int64_t v) {
  return unsignedVarintSize(zigzagEncode64(v));
}

// Writes the encoding at `out` (which must have room for kMaxVarint64Bytes); returns bytes written.
inline std::size_t encodeUnsignedVarint(std::uint8_t* out, std::uint64_t v) {
  std::size_t n = 0;
  while (v >= 0x80) {
    out[n++] = static_cast<std::uint8_t>(v | 0x80);
    v >>= 7;
  }
  out[n++] = static_cast<std::uint8_t>(v);
  return n;
}

inline void appendUnsignedVarint(Bytes& out, std::uint64_t v) {
  std::uint8_t tmp[kMaxVarint64Bytes];
  out.insert(out.end(), tmp, tmp + encodeUnsignedVarint(tmp, v));
}
inline void appendVarint(Bytes& out, std::int32_t v) {
  appendUnsignedVarint(out, zigzagEncode32(v));
}
inline void appendVarlong(Bytes& out, std::int64_t v) {
  appendUnsignedVarint(out, zigzagEncode64(v));
}

// Decodes from [p, end). Returns bytes consumed, or 0 if the input is truncated or the value
// overflows `maxBytes` (5 for 32-bit, 10 for 64-bit values).
inline std::size_t decodeUnsignedVarint(const std::uint8_t* p, const std::uint8_t* end,
                                        std::uint64_t* value,
                                        std::size_t maxBytes = kMaxVarint64Bytes) {
  std::uint64_t result = 0;
  for (std::size_t i = 0; i < maxBytes && p + i < end; ++i) {
    const std::uint64_t byte = p[i];
    result |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      return i + 1;
    }
  }
  return 0;
}

inline std::size_t decodeVarint(const std::uint8_t* p, const std::uint8_t* end,
                                std::int32_t* value) {
  std::uint64_t raw = 0;
  const std::size_t n = decodeUnsignedVarint(p, end, &raw, kMaxVarint32Bytes);
  if (n == 0 || raw > 0xffffffffULL) return 0;
  *value = zigzagDecode32(static_cast<std::uint32_t>(raw));
  return n;
}

inline std::size_t decodeVarlong(const std::uint8_t* p, const std::uint8_t* end,
                                 std::int64_t* value) {
  std::uint64_t raw = 0;
  const std::size_t n = decodeUnsignedVarint(p, end, &raw, kMaxVarint64Bytes);
  if (n == 0) return 0;
  *value = zigzagDecode64(raw);
  return n;
}

}  // namespace runnel
