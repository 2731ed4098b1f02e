// Byte buffers and big-endian loads/stores: the vocabulary of every on-disk and on-wire format.
// Bytes owns memory; ByteView borrows it and must not outlive the owner. Plain values, no locking.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace runnel {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView asBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view asChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes toBytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

inline std::uint16_t loadBigEndian16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((std::uint16_t{p[0]} << 8) | p[1]);
}
inline std::uint32_t loadBigEndian32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}
inline std::uint64_t loadBigEndian64(const std::uint8_t* p) {
  return (std::uint64_t{loadBigEndian32(p)} << 32) | loadBigEndian32(p + 4);
}
inline void storeBigEndian16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}
inline void storeBigEndian32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}
inline void storeBigEndian64(std::uint8_t* p, std::uint64_t v) {
  storeBigEndian32(p, static_cast<std::uint32_t>(v >> 32));
  storeBigEndian32(p + 4, static_cast<std::uint32_t>(v));
}

// Renders bytes as lowercase hex ("0a1b"), for messages and tests.
std::string toHex(ByteView bytes);

}  // namespace runnel
