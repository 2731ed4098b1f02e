// Produce (key 0), versions 3-9. Batches go to this broker's partition leaders as they arrived:
// the leader stamps only baseOffset and partitionLeaderEpoch in place, so compressed batches are
// stored without re-compression. Idempotent producers' sequence checks
// (OUT_OF_ORDER_SEQUENCE_NUMBER, duplicates answered with their original offsets) happen in the
// partition's ProducerStateTable. acks=0 requests get no response. A produce to a missing topic
// creates it when auto.create.topics.enable is on (the client retries on the
// UNKNOWN_TOPIC_OR_PARTITION it gets). Not implemented: transactional produce
// (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), per-record error lists (v8+ recordErrors stay empty),
// current-leader hints (v10+ is not advertised).
#include <memory>

#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/produce.h"

namespace runnel::kafka {
namespace {

void handleProduce(HandlerCall& call) {
  auto& request = static_cast<ProduceRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  const bool noAck = request.acks == 0;

  ProduceResponse refused;  // partitions answered here, without the broker
  cluster::ProduceRequest forward;
  forward.acks = request.acks;
  forward.timeoutMs = request.timeoutMs;
  auto refuse = [&refused](const std::string& topic, std::int32_t partition, std::int16_t code) {
    ProduceResponse::TopicProduceResponse t;
    t.name = topic;
    ProduceResponse::PartitionProduceResponse p;
    p.index = partition;
    p.errorCode = code;
    p.baseOffset = -1;
    t.partitionResponses.push_back(p);
    refused.responses.push_back(std::move(t));
  };

  for (const auto& topic : request.topicData) {
    for (const auto& part : topic.partitionData) {
      if (request.transactionalId) {
        refuse(topic.name, part.index, wire(ErrorCode::kTransactionalIdAuthorizationFailed));
        continue;
      }
      if (!ctx.cluster->controller().partitionExists({topic.name, part.index})) {
        if (ctx.cluster->config().autoCreateTopicsEnable &&
            !ctx.cluster->controller().topic(topic.name)) {
          (void)ctx.cluster->controller().ensureTopic(topic.name);
        }
        refuse(topic.name, part.index, wire(ErrorCode::kUnknownTopicOrPartition));
        continue;
      }
      cluster::ProducePartition p;
      p.topic = topic.name;
      p.partition = part.index;
      if (part.records) p.records.assign(part.records->bytes.begin(), part.records->bytes.end());
      forward.partitions.push_back(std::move(p));
    }
  }

  auto reply = call.reply;
  if (noAck) reply(nullptr);
  cluster::Broker* broker = ctx.cluster->broker(call.brokerId);
  if (forward.partitions.empty() || !broker) {
    if (!noAck) reply(&refused);
    return;
  }
  auto partial = std::make_shared<ProduceResponse>(std::move(refused));
  const std::int16_t version = call.version();
  broker->produce(std::move(forward),
                  [reply, partial, noAck, version](cluster::ProduceResponse result) {
                    if (noAck) return;
                    ProduceResponse& response = *partial;
                    for (auto& r : result.partitions) {
                      ProduceResponse::TopicProduceResponse* topic = nullptr;
                      for (auto& t : response.responses) {
                        if (t.name == r.topic) topic = &t;
                      }
                      if (!topic) {
                        response.responses.emplace_back();
                        topic = &response.responses.back();
                        topic->name = r.topic;
                      }
                      ProduceResponse::PartitionProduceResponse p;
                      p.index = r.partition;
                      p.errorCode = wire(r.error);
                      p.baseOffset = r.baseOffset;
                      p.logAppendTimeMs = r.logAppendTimeMs;
                      p.logStartOffset = r.logStartOffset;
                      if (version >= 8 && !r.error.ok() && !r.error.message.empty())
                        p.errorMessage = r.error.message;
                      topic->partitionResponses.push_back(std::move(p));
                    }
                    reply(&response);
                  });
}

}  // namespace

void registerProduce(HandlerRegistry& r) {
  r.add({ProduceRequest::kApiKey, 3, 9, handleProduce});
}

}  // namespace runnel::kafka
