// StudioCluster: the studio's own embedded cluster — brokers in the user's data directory, the
// in-process client the panels use, and the Kafka listeners (127.0.0.1:9092 and up) so the
// user's own applications and kcat can connect too. If 9092 is taken (another Kafka or Runnel),
// the listeners move to free ports and the log says where. With demo data on, a generator plays
// card authorizations (with the occasional fraud burst) into `authorization_attempts`, so there
// is something to watch from the first second; orders and page views can be started beside it.
// Thread-safety: as ClusterClient. Owns everything it opens; closing order: listeners, cluster.
#pragma once

#include <memory>
#include <string>

#include "engine/client/cluster_client.h"
#include "engine/common/result.h"

namespace runnel::client::embedded {
class EmbeddedClusterClient;
}
namespace runnel::kafka {
class KafkaFrontEnd;
}
namespace runnel::datagen {
class GeneratorSet;
}
namespace runnel {
class DemoClock;
}

namespace runnel::studio {

class StudioCluster final : public client::ClusterClient {
 public:
  static Result<std::unique_ptr<client::ClusterClient>> open(const std::string& dataDirectory,
                                                             int brokers, int basePort,
                                                             bool demoData);
  ~StudioCluster() override;

  std::string displayName() const override;
  client::ClusterCapabilities capabilities() const override;
  std::string bootstrapServers() const override;
  Result<std::unique_ptr<client::Producer>> createProducer(
      const client::ProducerConfig& config) override;
  Result<std::unique_ptr<client::Consumer>> createConsumer(
      const client::ConsumerConfig& config) override;
  client::Admin& admin() override;
  client::ClusterObserver& observer() override;
  client::EmbeddedControl* embeddedControl() override;

  // The demo's event clock and data generators (the studio's clock and generator controls);
  // null when demo data is off. Owned by the cluster, alive until it closes.
  DemoClock* demoClock() const { return demoClock_.get(); }
  datagen::GeneratorSet* generators() const { return generators_.get(); }
  // The Kafka listeners (the Clients panel lists their connections); null when they are off.
  kafka::KafkaFrontEnd* listeners() const { return listeners_.get(); }

 private:
  StudioCluster() = default;
  Status startDemoData();

  std::unique_ptr<client::embedded::EmbeddedClusterClient> client_;
  std::unique_ptr<kafka::KafkaFrontEnd> listeners_;
  std::unique_ptr<DemoClock> demoClock_;
  std::unique_ptr<datagen::GeneratorSet> generators_;
};

}  // namespace runnel::studio
