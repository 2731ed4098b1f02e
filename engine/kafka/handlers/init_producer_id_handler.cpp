// InitProducerId (key 22), versions 0-4, for idempotent producers: a fresh producer id with
// epoch 0 per call (the partitions' ProducerStateTables do the sequence checks). A v3+ request
// that names its current id and epoch gets the same id with the epoch bumped, as Kafka does for
// a producer recovering from a sequence error.
// Not implemented: transactional ids (a non-null one answers
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED).
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/init_producer_id.h"

namespace runnel::kafka {
namespace {

void handleInitProducerId(HandlerCall& call) {
  auto& request = static_cast<InitProducerIdRequest&>(*call.body);
  InitProducerIdResponse response;
  if (request.transactionalId && !request.transactionalId->empty()) {
    response.errorCode = wire(ErrorCode::kTransactionalIdAuthorizationFailed);
  } else if (request.producerId >= 0 && request.producerEpoch >= 0 &&
             request.producerEpoch < 32767) {
    response.producerId = request.producerId;
    response.producerEpoch = static_cast<std::int16_t>(request.producerEpoch + 1);
  } else {
    response.producerId = call.context->nextProducerId->fetch_add(1);
    response.producerEpoch = 0;
  }
  call.reply(&response);
}

}  // namespace

void registerInitProducerId(HandlerRegistry& r) {
  r.add({InitProducerIdRequest::kApiKey, 0, 4, handleInitProducerId});
}

}  // namespace runnel::kafka
