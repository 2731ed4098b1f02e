#include "engine/kafka/protocol/request_header_parser.h"

#include <string>
#include <utility>

#include "engine/common/byte_writer.h"
#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/messages/request_header.h"
#include "engine/kafka/protocol/primitives.h"
#include "engine/kafka/protocol/protocol_constants.h"

namespace runnel::kafka {

Result<RequestHeaderInfo> parseRequestHeader(ByteView frame) {
  if (frame.size() < kRequestHeaderFixedBytes) {
    return Status::corruption("Kafka request of " + std::to_string(frame.size()) +
                              " bytes is too short for a request header");
  }
  RequestHeaderInfo info;
  ByteReader fixed(frame);
  info.apiKey = fixed.getInt16();
  info.apiVersion = fixed.getInt16();
  info.correlationId = fixed.getInt32();

  const std::int16_t headerVersion = requestHeaderVersion(info.apiKey, info.apiVersion);
  if (headerVersion < 0) {
    // Unknown to the codec: salvage the client id if it looks like header v1's, for the logs.
    std::optional<std::string> clientId;
    if (wire::read(fixed, wire::Mode{false, true}, &clientId) == nullptr) {
      info.clientId = std::move(clientId);
    }
    return info;
  }

  ByteReader in(frame);
  RequestHeader header;
  RUNNEL_RETURN_IF_ERROR(header.decode(in, headerVersion));
  info.clientId = std::move(header.clientId);
  info.unknownTaggedFields = std::move(header.unknownTaggedFields);
  info.headerVersion = headerVersion;
  info.bodyOffset = frame.size() - in.remaining();
  return info;
}

}  // namespace runnel::kafka
