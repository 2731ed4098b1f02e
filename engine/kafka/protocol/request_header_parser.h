// Reads the header of a request frame — api key, api version, correlation id, client id — for any
// request, including APIs or versions the codec does not know, so the server can still answer
// (UNSUPPORTED_VERSION, or an ApiVersions v0 response listing what it supports) instead of
// dropping the connection. Every request header version starts with the same fields and keeps
// the client id as a classic int16-length string, which is what makes this possible.
// Stateless functions; the result owns its strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/kafka/protocol/wire_types.h"

namespace runnel::kafka {

struct RequestHeaderInfo {
  std::int16_t apiKey = 0;
  std::int16_t apiVersion = 0;
  std::int32_t correlationId = 0;
  std::optional<std::string> clientId;  // as sent (may be null); empty for header v0
  // The header version this API version uses, or -1 when the codec does not know the API or the
  // version: then the body cannot be decoded, but the fields above are still valid.
  std::int16_t headerVersion = -1;
  // Where the body starts in the frame (valid when headerVersion >= 0).
  std::size_t bodyOffset = 0;
  UnknownTaggedFields unknownTaggedFields;  // header v2's tagged fields, if any

  bool isSupported() const { return headerVersion >= 0; }
};

// Fails (Corruption) only when the frame is too short for api key, version and correlation id,
// or when a header of a known version is malformed. For an unknown API or version the client id
// is read as in header v1 if it is there, and left null otherwise.
Result<RequestHeaderInfo> parseRequestHeader(ByteView frame);

}  // namespace runnel::kafka
