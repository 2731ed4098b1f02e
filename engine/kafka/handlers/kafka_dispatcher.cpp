#include "engine/kafka/handlers/kafka_dispatcher.h"

#include <memory>

#include "engine/common/error_code.h"
#include "engine/common/logging.h"
#include "engine/kafka/handlers/api_versions_handler.h"
#include "engine/kafka/handlers/injected_errors.h"
#include "engine/kafka/messages/message_factory.h"
#include "engine/kafka/protocol/message_frames.h"

namespace runnel::kafka {

std::optional<Bytes> encodeResponse(const Message& response, std::int16_t version,
                                    std::int32_t correlationId) {
  Bytes framed;
  if (!appendResponseFrame(framed, version, correlationId, response).isOk() || framed.size() < 4) {
    return std::nullopt;
  }
  return Bytes(framed.begin() + 4, framed.end());
}

namespace {

std::string hostOf(const std::string& peer) {
  auto colon = peer.rfind(':');
  return colon == std::string::npos ? peer : peer.substr(0, colon);
}

}  // namespace

DispatchOutcome KafkaDispatcher::dispatch(const RequestContext& context, Bytes frame,
                                          ResponseCallback respond) {
  auto parsed = parseRequestHeader(frame);
  if (!parsed.isOk()) return DispatchOutcome::kCloseConnection;
  RequestHeaderInfo header = std::move(parsed).value();
  if (context.identity && header.clientId) context.identity->clientId = *header.clientId;

  const ApiHandler* handler = registry_->find(header.apiKey);
  bool served = handler && header.apiVersion >= handler->minVersion &&
                header.apiVersion <= handler->maxVersion;
  if (!served && header.apiKey == ApiVersionsRequest::kApiKey) {
    // Clients probe with their newest version; the v0 answer lets them pick one we speak.
    ApiVersionsResponse reply = buildApiVersionsResponse(*registry_);
    reply.errorCode = toWire(ErrorCode::kUnsupportedVersion);
    auto bytes = encodeResponse(reply, 0, header.correlationId);
    if (!bytes) return DispatchOutcome::kCloseConnection;
    respond(std::move(bytes));
    return DispatchOutcome::kAccepted;
  }
  if (!header.isSupported())
    return DispatchOutcome::kCloseConnection;  // no way to encode an answer

  auto frameHolder = std::make_shared<Bytes>(std::move(frame));
  auto decoded = decodeRequestBody(header, *frameHolder);
  if (!decoded.isOk()) {
    runnel::logger().warn("kafka: broker {} could not decode api {} v{}: {}", brokerId_,
                          header.apiKey, header.apiVersion, decoded.status().toString());
    return DispatchOutcome::kCloseConnection;
  }
  std::shared_ptr<Message> body(std::move(decoded).value());

  if (!served) {
    auto fallback = createResponse(header.apiKey);
    if (!fallback) return DispatchOutcome::kCloseConnection;
    auto bytes = encodeResponse(*fallback, header.apiVersion, header.correlationId);
    if (!bytes) return DispatchOutcome::kCloseConnection;
    respond(std::move(bytes));
    return DispatchOutcome::kAccepted;
  }

  HandlerCall call;
  call.context = context_;
  call.request = &context;
  call.brokerId = brokerId_;
  call.clientId = header.clientId.value_or("");
  call.clientHost = "/" + hostOf(context.peerAddress);
  call.header = header;
  call.body = body.get();
  const std::int16_t version = header.apiVersion;
  const std::int32_t correlationId = header.correlationId;
  // The reply keeps the frame and the decoded body alive: records in the body borrow the frame.
  call.reply = [frameHolder, body, version, correlationId,
                respond = std::move(respond)](const Message* response) {
    if (!response) {
      respond(std::nullopt);
      return;
    }
    auto bytes = encodeResponse(*response, version, correlationId);
    if (!bytes)
      runnel::logger().warn("kafka: could not encode {} v{}", response->messageName(), version);
    respond(std::move(bytes));
  };
  if (!answerWithInjectedError(call, *handler)) handler->handle(call);
  return DispatchOutcome::kAccepted;
}

}  // namespace runnel::kafka
