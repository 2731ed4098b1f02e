#include "engine/kafka/protocol/message_frames.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "engine/common/byte_writer.h"
#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/messages/message_factory.h"
#include "engine/kafka/messages/request_header.h"
#include "engine/kafka/messages/response_header.h"
#include "engine/kafka/protocol/protocol_constants.h"

namespace runnel::kafka {
namespace {

std::string describeApi(std::int16_t apiKey, std::int16_t apiVersion) {
  const ApiInfo* api = findApi(apiKey);
  std::string name = api != nullptr ? std::string(api->name) : "API " + std::to_string(apiKey);
  return name + " v" + std::to_string(apiVersion);
}

// Writes a placeholder size, lets `body` append header and body, then patches the size; undoes
// everything if `body` fails.
template <typename WriteBody>
Status appendFrame(Bytes& out, WriteBody&& body) {
  const std::size_t start = out.size();
  ByteWriter writer(out);
  writer.putInt32(0);
  Status status = body(writer);
  const std::size_t size = out.size() - start - kFrameSizeBytes;
  if (status.isOk() && size > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    status = Status::invalidArgument("Kafka frame larger than 2 GiB");
  }
  if (!status.isOk()) {
    out.resize(start);
    return status;
  }
  writer.patchInt32(start, static_cast<std::int32_t>(size));
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Message>> decodeRequestBody(const RequestHeaderInfo& header,
                                                   ByteView frame) {
  std::unique_ptr<Message> request = createRequest(header.apiKey);
  if (!header.isSupported() || request == nullptr || header.bodyOffset > frame.size()) {
    return Status::notSupported("Kafka " + describeApi(header.apiKey, header.apiVersion) +
                                " is not supported");
  }
  ByteReader in(frame.subspan(header.bodyOffset));
  RUNNEL_RETURN_IF_ERROR(request->decode(in, header.apiVersion));
  if (in.remaining() != 0) {
    // librdkafka 2.0 ends some flexible requests (ListGroups v4) with a second, empty tagged-field
    // section. Kafka ignores trailing bytes, so empty sections are accepted; anything else after
    // the body means the frame was not what it claims to be.
    const ByteView rest = frame.subspan(frame.size() - in.remaining());
    const bool flexible = requestHeaderVersion(header.apiKey, header.apiVersion) >= 2;
    if (!flexible || !std::all_of(rest.begin(), rest.end(), [](std::uint8_t b) { return b == 0; }))
      return Status::corruption("Kafka " + describeApi(header.apiKey, header.apiVersion) + " has " +
                                std::to_string(in.remaining()) + " stray bytes after its body");
  }
  return request;
}

Status appendRequestFrame(Bytes& out, std::int16_t apiVersion, std::int32_t correlationId,
                          std::optional<std::string_view> clientId, const Message& request) {
  const std::int16_t apiKey = request.messageApiKey();
  const std::int16_t headerVersion = requestHeaderVersion(apiKey, apiVersion);
  if (headerVersion < 0) {
    return Status::notSupported("Kafka " + describeApi(apiKey, apiVersion) + " is not supported");
  }
  RequestHeader header;
  header.requestApiKey = apiKey;
  header.requestApiVersion = apiVersion;
  header.correlationId = correlationId;
  if (clientId.has_value()) {
    header.clientId = std::string(*clientId);
  } else {
    header.clientId.reset();
  }
  return appendFrame(out, [&](ByteWriter& writer) {
    RUNNEL_RETURN_IF_ERROR(header.encode(writer, headerVersion));
    return request.encode(writer, apiVersion);
  });
}

Status appendResponseFrame(Bytes& out, std::int16_t apiVersion, std::int32_t correlationId,
                           const Message& response) {
  const std::int16_t apiKey = response.messageApiKey();
  const std::int16_t headerVersion = responseHeaderVersion(apiKey, apiVersion);
  if (headerVersion < 0) {
    return Status::notSupported("Kafka " + describeApi(apiKey, apiVersion) + " is not supported");
  }
  ResponseHeader header;
  header.correlationId = correlationId;
  return appendFrame(out, [&](ByteWriter& writer) {
    RUNNEL_RETURN_IF_ERROR(header.encode(writer, headerVersion));
    return response.encode(writer, apiVersion);
  });
}

}  // namespace runnel::kafka
