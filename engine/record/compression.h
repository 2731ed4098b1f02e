// The compression codecs of Kafka record batches: none, gzip, snappy, lz4 and zstd, with the
// framings Kafka clients use — gzip streams, snappy in snappy-java's ("xerial") framing when we
// compress (what the Java client writes; raw snappy blocks, as librdkafka writes, are accepted
// too), the LZ4 frame format, and zstd frames. Pure functions; thread-safe.
// A build may leave snappy, lz4 or zstd out (CMake RUNNEL_WITH_<CODEC>=OFF, for platforms without
// the library): compress() and decompress() then return NotSupported naming the option.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "engine/common/bytes.h"
#include "engine/common/status.h"

namespace runnel::record {

// Values are the codec ids of the attributes' bits 0-2.
enum class CompressionCodec : std::uint8_t {
  kNone = 0,
  kGzip = 1,
  kSnappy = 2,
  kLz4 = 3,
  kZstd = 4
};

inline constexpr int kMaxCompressionCodecId = 4;

// "none", "gzip", "snappy", "lz4", "zstd" (Kafka's compression.type names).
std::string_view codecName(CompressionCodec codec);
std::optional<CompressionCodec> parseCodec(std::string_view name);

// Appends the compressed form of `input` to `out`.
Status compress(CompressionCodec codec, ByteView input, Bytes& out);
// Appends the decompressed form of `input` to `out`, refusing (Corruption) to produce more than
// `maxOutput` bytes or input that does not decode.
Status decompress(CompressionCodec codec, ByteView input, Bytes& out, std::size_t maxOutput);

}  // namespace runnel::record
