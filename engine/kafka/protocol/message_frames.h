// Whole Kafka frames: a request or response body behind its size prefix and header, written with
// the header version the API version requires, and the body of a received request decoded into
// the generated message its header names. The glue between FrameSplitter, parseRequestHeader()
// and the generated messages, for the server (and for tests and tools acting as clients).
// Stateless functions. A decoded body borrows records from the frame: keep the frame alive.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/common/status.h"
#include "engine/kafka/protocol/message.h"
#include "engine/kafka/protocol/request_header_parser.h"

namespace runnel::kafka {

// Decodes the body that follows the header in `frame` as header.apiKey's request in
// header.apiVersion. Fails with NotSupported for an API or version the codec does not know and
// with Corruption for a malformed body, including one followed by stray bytes.
Result<std::unique_ptr<Message>> decodeRequestBody(const RequestHeaderInfo& header, ByteView frame);

// Appends size prefix, request header and body, as a client sends them.
Status appendRequestFrame(Bytes& out, std::int16_t apiVersion, std::int32_t correlationId,
                          std::optional<std::string_view> clientId, const Message& request);

// Appends size prefix, response header and body, as the broker answers. On failure `out` is
// left as it was.
Status appendResponseFrame(Bytes& out, std::int16_t apiVersion, std::int32_t correlationId,
                           const Message& response);

}  // namespace runnel::kafka
