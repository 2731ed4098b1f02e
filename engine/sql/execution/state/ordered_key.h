// Order-preserving encoding of signed 64-bit numbers inside state-store keys: eight big-endian
// bytes with the sign bit flipped, so byte-wise key order is numeric order (negatives first) and
// range scans over windows and buffered records come out in time order. Pure; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::sql {

inline void appendOrdered(std::string& out, std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((u >> shift) & 0xFF));
}

// The number appendOrdered wrote at `at` (the caller knows 8 bytes are there).
inline std::int64_t readOrdered(std::string_view s, std::size_t at) {
  std::uint64_t u = 0;
  for (std::size_t i = 0; i < 8; ++i)
    u = (u << 8) | static_cast<unsigned char>(s[at + i]);
  return static_cast<std::int64_t>(u ^ (std::uint64_t{1} << 63));
}

}  // namespace runnel::sql
