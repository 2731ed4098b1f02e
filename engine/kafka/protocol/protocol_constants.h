// The numbers of Kafka's wire format that the frame splitter, the header parser and the generated
// codec share (see docs/formats/kafka_protocol.md). Constants only; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace runnel::kafka {

// Every request and response is preceded by its size as a big-endian int32 (not counting itself).
inline constexpr std::size_t kFrameSizeBytes = 4;

// Kafka's default for socket.request.max.bytes: the largest request frame a broker accepts.
inline constexpr std::size_t kDefaultSocketRequestMaxBytes = std::size_t{100} * 1024 * 1024;

// Non-compact strings carry an int16 length; Kafka rejects longer strings in every encoding.
inline constexpr std::size_t kMaxStringBytes = 0x7fff;

// Request header versions: v0 (api key, version, correlation id) is used only by
// ControlledShutdown v0; v1 adds the client id; v2, for flexible APIs, adds tagged fields.
// Response header versions: v0 (correlation id), v1 adds tagged fields (never for ApiVersions).
inline constexpr std::int16_t kRequestHeaderV0 = 0;
inline constexpr std::int16_t kRequestHeaderV1 = 1;
inline constexpr std::int16_t kRequestHeaderV2 = 2;
inline constexpr std::int16_t kResponseHeaderV0 = 0;
inline constexpr std::int16_t kResponseHeaderV1 = 1;

// Bytes before the client id in every request header: api key, api version, correlation id.
inline constexpr std::size_t kRequestHeaderFixedBytes = 2 + 2 + 4;

}  // namespace runnel::kafka
