#include "engine/client/embedded/embedded_cluster_client.h"

#include "engine/client/embedded/embedded_consumer.h"
#include "engine/client/embedded/embedded_producer.h"

namespace runnel::client::embedded {

Result<std::unique_ptr<EmbeddedClusterClient>> EmbeddedClusterClient::open(
    cluster::ClusterConfig config, group::GroupCoordinatorConfig groups) {
  RUNNEL_ASSIGN_OR_RETURN(std::unique_ptr<cluster::Cluster> c,
                          cluster::Cluster::open(std::move(config)));
  RUNNEL_ASSIGN_OR_RETURN(GroupService * service, GroupService::attachTo(*c, std::move(groups)));
  cluster::Cluster& ref = *c;
  return std::unique_ptr<EmbeddedClusterClient>(
      new EmbeddedClusterClient(std::move(c), ref, *service));
}

Result<std::unique_ptr<EmbeddedClusterClient>> EmbeddedClusterClient::borrow(
    cluster::Cluster& cluster, group::GroupCoordinatorConfig groups) {
  RUNNEL_ASSIGN_OR_RETURN(GroupService * service,
                          GroupService::attachTo(cluster, std::move(groups)));
  return std::unique_ptr<EmbeddedClusterClient>(
      new EmbeddedClusterClient(nullptr, cluster, *service));
}

EmbeddedClusterClient::EmbeddedClusterClient(std::unique_ptr<cluster::Cluster> owned,
                                             cluster::Cluster& cluster, GroupService& groups)
    : owned_(std::move(owned)), cluster_(&cluster), groups_(&groups) {
  admin_ = std::make_unique<EmbeddedAdmin>(*cluster_, *groups_);
  observer_ = std::make_unique<EmbeddedObserver>(*cluster_, *groups_);
  control_ = std::make_unique<EmbeddedClusterControl>(*cluster_);
}

EmbeddedClusterClient::~EmbeddedClusterClient() {
  observer_.reset();
  if (owned_) (void)owned_->close();
}

std::string EmbeddedClusterClient::displayName() const {
  const int n = cluster_->brokerCount();
  return "Embedded cluster (" + std::to_string(n) + (n == 1 ? " broker)" : " brokers)");
}

std::string EmbeddedClusterClient::bootstrapServers() const {
  std::string out;
  for (std::int32_t id : cluster_->brokerIds()) {
    cluster::Broker* b = cluster_->broker(id);
    if (b == nullptr) continue;
    if (!out.empty()) out += ',';
    out += "127.0.0.1:" + std::to_string(b->port());
  }
  return out;
}

Result<std::unique_ptr<Producer>> EmbeddedClusterClient::createProducer(
    const ProducerConfig& config) {
  RUNNEL_ASSIGN_OR_RETURN(auto p, EmbeddedProducer::create(*cluster_, config));
  return std::unique_ptr<Producer>(std::move(p));
}

Result<std::unique_ptr<Consumer>> EmbeddedClusterClient::createConsumer(
    const ConsumerConfig& config) {
  RUNNEL_ASSIGN_OR_RETURN(auto c, EmbeddedConsumer::create(*cluster_, groups_, config));
  return std::unique_ptr<Consumer>(std::move(c));
}

}  // namespace runnel::client::embedded
