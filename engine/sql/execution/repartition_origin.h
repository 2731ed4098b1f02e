// RepartitionOrigin: which input record a repartition-topic record came from — the input (0 the
// source, 1 the joined source), its partition and offset, and the index of the row among those
// that record produced — carried in the header kRepartitionOriginHeader. Stage 1 keeps the
// highest origin applied per input partition and skips anything not beyond it, so source records
// re-read after a crash or a rebalance (at-least-once into the repartition topic) are counted once.
// Header value: input (1 byte), partition (4), offset (8), sequence (4), big-endian.
// Plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace runnel::sql {

inline constexpr const char* kRepartitionOriginHeader = "runnel.origin";

struct RepartitionOrigin {
  std::uint8_t input = 0;
  std::int32_t partition = 0;
  std::int64_t offset = -1;
  std::int32_t sequence = 0;

  // Within one input partition: later offset, or the same offset and a later row.
  bool after(const RepartitionOrigin& o) const {
    return std::tie(offset, sequence) > std::tie(o.offset, o.sequence);
  }
};

inline std::string encodeOrigin(const RepartitionOrigin& o) {
  std::string out(17, '\0');
  out[0] = static_cast<char>(o.input);
  auto put = [&](std::size_t at, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
  };
  put(1, static_cast<std::uint32_t>(o.partition), 4);
  put(5, static_cast<std::uint64_t>(o.offset), 8);
  put(13, static_cast<std::uint32_t>(o.sequence), 4);
  return out;
}

inline std::optional<RepartitionOrigin> decodeOrigin(std::string_view b) {
  if (b.size() != 17) return std::nullopt;
  auto get = [&](std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
      v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
  };
  RepartitionOrigin o;
  o.input = static_cast<std::uint8_t>(b[0]);
  o.partition = static_cast<std::int32_t>(static_cast<std::uint32_t>(get(1, 4)));
  o.offset = static_cast<std::int64_t>(get(5, 8));
  o.sequence = static_cast<std::int32_t>(static_cast<std::uint32_t>(get(13, 4)));
  return o;
}

}  // namespace runnel::sql
