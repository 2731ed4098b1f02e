// KafkaDispatcher: the RequestDispatcher of one broker's listener. It reads the request header,
// finds the API's handler in the HandlerRegistry, decodes the body with the generated codec and
// hands the call over; the handler's reply is encoded with the header version its API version
// requires. Requests the registry does not serve still get an answer: an ApiVersions request of
// an unknown version gets a v0 reply listing the ranges (UNSUPPORTED_VERSION), any other
// unsupported API or version the codec knows gets that API's default response (Kafka clients
// only send what ApiVersions advertised, so this is a safety net, not a feature). Only a frame
// whose header or body cannot be decoded closes the connection.
// Thread-safety: dispatch() may run on several listeners' threads at once; the registry and
// context are read-only. Lifetime: registry and context must outlive the dispatcher.
#pragma once

#include <cstdint>

#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/server/request_dispatcher.h"

namespace runnel::kafka {

class KafkaDispatcher final : public RequestDispatcher {
 public:
  KafkaDispatcher(const HandlerRegistry* registry, const HandlerContext* context,
                  std::int32_t brokerId)
      : registry_(registry), context_(context), brokerId_(brokerId) {}

  DispatchOutcome dispatch(const RequestContext& context, Bytes frame,
                           ResponseCallback respond) override;

 private:
  const HandlerRegistry* registry_;
  const HandlerContext* context_;
  std::int32_t brokerId_;
};

// Encodes `response` as the body of a response frame (header included, size prefix excluded).
std::optional<Bytes> encodeResponse(const Message& response, std::int16_t version,
                                    std::int32_t correlationId);

}  // namespace runnel::kafka
