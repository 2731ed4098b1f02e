// Metadata (key 3), versions 0-12. Every live broker is listed with its own listener port; the
// controller id is the lowest live broker. Topics requested by name that do not exist are created
// when auto.create.topics.enable is on and the request allows it (v4+ flag; always before v4),
// as Kafka's brokers do, and reported with LEADER_NOT_AVAILABLE until a leader is elected.
// Not implemented: lookup by topic id (v10+ requests naming only ids get UNKNOWN_TOPIC_ID),
// authorized operations (left at Kafka's "not requested" value), racks (null).
#include <set>

#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/metadata.h"

namespace runnel::kafka {
namespace {

MetadataResponse::MetadataResponseTopic describeTopic(const HandlerContext& ctx,
                                                      const TopicRecord& topic,
                                                      const std::set<std::int32_t>& alive) {
  MetadataResponse::MetadataResponseTopic t;
  t.name = topic.name;
  t.topicId = toWireUuid(topic.id);
  t.isInternal = topic.internal;
  for (const auto& p : ctx.cluster->controller().partitions(topic.name)) {
    MetadataResponse::MetadataResponsePartition mp;
    mp.partitionIndex = p.partition;
    mp.leaderId = p.leader;
    mp.leaderEpoch = p.leaderEpoch;
    mp.replicaNodes = p.replicas;
    mp.isrNodes = p.isr;
    for (std::int32_t r : p.replicas) {
      if (!alive.count(r)) mp.offlineReplicas.push_back(r);
    }
    if (p.leader < 0 || !alive.count(p.leader)) {
      mp.leaderId = -1;
      mp.errorCode = wire(ErrorCode::kLeaderNotAvailable);
    }
    t.partitions.push_back(std::move(mp));
  }
  return t;
}

void handleMetadata(HandlerCall& call) {
  auto& request = static_cast<MetadataRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  auto& controller = ctx.cluster->controller();
  MetadataResponse response;
  auto live = liveBrokers(ctx);
  std::set<std::int32_t> alive;
  for (const auto& b : live) {
    alive.insert(b.id);
    MetadataResponse::MetadataResponseBroker mb;
    mb.nodeId = b.id;
    mb.host = b.address.host;
    mb.port = b.address.port;
    response.brokers.push_back(std::move(mb));
  }
  response.clusterId = ctx.cluster->clusterId();
  response.controllerId = controllerId(ctx);

  const bool all = !request.topics || (call.version() == 0 && request.topics->empty());
  if (all) {
    for (const auto& topic : controller.topics())
      response.topics.push_back(describeTopic(ctx, topic, alive));
  } else {
    const bool mayCreate = ctx.cluster->config().autoCreateTopicsEnable &&
                           (call.version() < 4 || request.allowAutoTopicCreation);
    for (const auto& wanted : *request.topics) {
      if (!wanted.name) {
        MetadataResponse::MetadataResponseTopic t;
        t.name = std::nullopt;
        t.topicId = wanted.topicId;
        t.errorCode = wire(ErrorCode::kUnknownTopicId);
        response.topics.push_back(std::move(t));
        continue;
      }
      auto topic = controller.topic(*wanted.name);
      if (!topic && mayCreate) {
        cluster::ApiError created = controller.ensureTopic(*wanted.name);
        if (created.ok()) topic = controller.topic(*wanted.name);
        if (!topic) {
          MetadataResponse::MetadataResponseTopic t;
          t.name = *wanted.name;
          t.errorCode = created.ok() ? wire(ErrorCode::kLeaderNotAvailable) : wire(created);
          response.topics.push_back(std::move(t));
          continue;
        }
      }
      if (!topic) {
        MetadataResponse::MetadataResponseTopic t;
        t.name = *wanted.name;
        t.errorCode = wire(ErrorCode::kUnknownTopicOrPartition);
        response.topics.push_back(std::move(t));
        continue;
      }
      response.topics.push_back(describeTopic(ctx, *topic, alive));
    }
  }
  call.reply(&response);
}

}  // namespace

void registerMetadata(HandlerRegistry& r) {
  r.add({MetadataRequest::kApiKey, 0, 12, handleMetadata});
}

}  // namespace runnel::kafka
