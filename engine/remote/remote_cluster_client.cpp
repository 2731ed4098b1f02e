#include "engine/remote/remote_cluster_client.h"

#include <algorithm>

#include "engine/remote/remote_consumer.h"
#include "engine/remote/remote_producer.h"

namespace runnel::remote {

RemoteClusterClient::RemoteClusterClient(RemoteConfig config)
    : config_(std::move(config)),
      health_(std::make_shared<ConnectionHealth>(config_.bootstrapServers)) {}

RemoteClusterClient::~RemoteClusterClient() {
  observer_.reset();  // its thread uses the admin handle
  admin_.reset();
}

Result<std::unique_ptr<RemoteClusterClient>> RemoteClusterClient::open(RemoteConfig config) {
  if (config.bootstrapServers.empty())
    return Status::invalidArgument("no bootstrap servers given for the Kafka cluster");
  std::unique_ptr<RemoteClusterClient> c(new RemoteClusterClient(std::move(config)));
  RUNNEL_ASSIGN_OR_RETURN(c->adminHandle_, KafkaHandle::create(RD_KAFKA_PRODUCER, c->config_,
                                                               {{"client.id", "runnel-admin"}}, {},
                                                               c->health_, nullptr));
  c->adminHandle_->startServing();
  // Short attempts, so an unreachable or refusing cluster is reported as soon as librdkafka
  // has tried every bootstrap server, not only when the whole connect timeout has passed.
  const auto deadline = std::chrono::steady_clock::now() + c->config_.connectTimeout;
  // Each attempt's result is a fresh Result: move-assigning one over an earlier Result made
  // GCC 12 (-O2, unity build) report the optional's pointer as maybe-uninitialized.
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const Result<MetadataPtr> md = fetchMetadata(
        c->adminHandle_->get(), *c->health_, false,
        static_cast<int>(std::clamp<std::int64_t>(left.count(), 1, 1000)), "connecting");
    if (md.isOk()) {
      if ((*md)->broker_cnt == 0)
        return Status::unavailable("connecting: Kafka at " + c->config_.bootstrapServers +
                                   " lists no brokers");
      break;
    }
    if (left.count() <= 1000 || c->health_->allBrokersDown() || c->health_->authenticationFailed())
      return md.status();
  }
  c->admin_ = std::make_unique<RemoteAdmin>(*c->adminHandle_);
  c->observer_ =
      std::make_unique<RemoteObserver>(*c->admin_, *c->adminHandle_, c->config_.observerInterval);
  return c;
}

std::string RemoteClusterClient::displayName() const {
  if (!config_.name.empty()) return config_.name + " (" + config_.bootstrapServers + ")";
  return "Kafka (" + config_.bootstrapServers + ")";
}

Result<std::unique_ptr<client::Producer>> RemoteClusterClient::createProducer(
    const client::ProducerConfig& config) {
  RUNNEL_ASSIGN_OR_RETURN(auto p, RemoteProducer::create(config_, config, health_));
  return std::unique_ptr<client::Producer>(std::move(p));
}

Result<std::unique_ptr<client::Consumer>> RemoteClusterClient::createConsumer(
    const client::ConsumerConfig& config) {
  RUNNEL_ASSIGN_OR_RETURN(auto c, RemoteConsumer::create(config_, config, health_));
  return std::unique_ptr<client::Consumer>(std::move(c));
}

}  // namespace runnel::remote
