#include "app/studio/studio_cluster.h"

#include <algorithm>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/common/demo_clock.h"
#include "engine/common/logging.h"
#include "engine/datagen/generator_set.h"
#include "engine/kafka/front_end/kafka_front_end.h"

namespace runnel::studio {

Result<std::unique_ptr<client::ClusterClient>> StudioCluster::open(const std::string& dataDirectory,
                                                                   int brokers, int basePort,
                                                                   bool demoData) {
  cluster::ClusterConfig config;
  config.brokers = brokers;
  config.dataDir = dataDirectory;
  config.basePort = basePort;
  RUNNEL_ASSIGN_OR_RETURN(auto client, client::embedded::EmbeddedClusterClient::open(config));
  std::unique_ptr<StudioCluster> studio(new StudioCluster());
  kafka::FrontEndOptions options;
  options.basePort = basePort;
  options.coordinator =
      &client->groups().coordinator();  // one group world for studio and wire clients
  auto listeners = kafka::KafkaFrontEnd::start(client->cluster(), options);
  if (!listeners.isOk() && basePort != 0) {
    logger().warn("Kafka listeners could not use port {} ({}); using free ports instead", basePort,
                  listeners.status().message());
    options.basePort = 0;
    listeners = kafka::KafkaFrontEnd::start(client->cluster(), options);
  }
  if (listeners.isOk()) {
    studio->listeners_ = std::move(listeners).value();
    logger().info("Kafka clients can connect to {}", studio->listeners_->bootstrapServers());
  } else {
    logger().error("Kafka listeners are off: {}", listeners.status().toString());
  }
  studio->client_ = std::move(client);
  if (demoData) {
    if (Status s = studio->startDemoData(); !s.isOk())
      logger().warn("demo data is off: {}", s.toString());
  }
  return std::unique_ptr<client::ClusterClient>(std::move(studio));
}

Status StudioCluster::startDemoData() {
  // Event time runs a minute per second, so 5-minute windows close while you watch.
  demoClock_ = std::make_unique<DemoClock>(Clock::system(), 60.0);
  generators_ = std::make_unique<datagen::GeneratorSet>(*client_, *demoClock_, 20);
  RUNNEL_RETURN_IF_ERROR(generators_->start("card-authorizations"));
  logger().info(
      "demo data: card authorizations flowing into 'authorization_attempts' at 20 "
      "records/s");
  return Status::ok();
}

StudioCluster::~StudioCluster() {
  generators_.reset();
  if (listeners_) listeners_->stop();
  listeners_.reset();
  client_.reset();
}

std::string StudioCluster::displayName() const {
  return client_->displayName();
}
client::ClusterCapabilities StudioCluster::capabilities() const {
  return client_->capabilities();
}
std::string StudioCluster::bootstrapServers() const {
  return listeners_ ? listeners_->bootstrapServers() : std::string("(Kafka listeners off)");
}
Result<std::unique_ptr<client::Producer>> StudioCluster::createProducer(
    const client::ProducerConfig& config) {
  return client_->createProducer(config);
}
Result<std::unique_ptr<client::Consumer>> StudioCluster::createConsumer(
    const client::ConsumerConfig& config) {
  return client_->createConsumer(config);
}
client::Admin& StudioCluster::admin() {
  return client_->admin();
}
client::ClusterObserver& StudioCluster::observer() {
  return client_->observer();
}
client::EmbeddedControl* StudioCluster::embeddedControl() {
  return client_->embeddedControl();
}

}  // namespace runnel::studio
