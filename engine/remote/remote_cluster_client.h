// RemoteClusterClient: the ClusterClient of an external Kafka cluster, through librdkafka. open()
// checks the cluster answers (a clear Status naming the bootstrap servers and the cause when
// it does not: refused, unresolvable, authentication failed), then hands out RemoteProducers and
// RemoteConsumers and owns a RemoteAdmin and a RemoteObserver sharing one admin handle.
// Capabilities are all false and embeddedControl() is null: brokers cannot be killed from here.
// Thread-safety: every method may be called from any thread.
// Lifetime: producers and consumers it created must be destroyed before it.
#pragma once

#include <memory>

#include "engine/client/cluster_client.h"
#include "engine/remote/remote_admin.h"
#include "engine/remote/remote_config.h"
#include "engine/remote/remote_observer.h"

namespace runnel::remote {

class RemoteClusterClient final : public client::ClusterClient {
 public:
  static Result<std::unique_ptr<RemoteClusterClient>> open(RemoteConfig config);
  ~RemoteClusterClient() override;

  std::string displayName() const override;
  client::ClusterCapabilities capabilities() const override { return {}; }
  std::string bootstrapServers() const override { return config_.bootstrapServers; }

  Result<std::unique_ptr<client::Producer>> createProducer(
      const client::ProducerConfig& config) override;
  Result<std::unique_ptr<client::Consumer>> createConsumer(
      const client::ConsumerConfig& config) override;
  client::Admin& admin() override { return *admin_; }
  client::ClusterObserver& observer() override { return *observer_; }
  client::EmbeddedControl* embeddedControl() override { return nullptr; }

  const RemoteConfig& config() const { return config_; }

 private:
  explicit RemoteClusterClient(RemoteConfig config);

  RemoteConfig config_;
  std::shared_ptr<ConnectionHealth> health_;
  std::unique_ptr<KafkaHandle> adminHandle_;
  std::unique_ptr<RemoteAdmin> admin_;
  std::unique_ptr<RemoteObserver> observer_;
};

}  // namespace runnel::remote
