// EmbeddedClusterClient: the ClusterClient of the in-process cluster. It either owns the Cluster
// (open() with a ClusterConfig) or borrows one that someone else owns (the studio keeps one
// cluster and hands out several clients); either way all clients of a cluster share its single
// GroupService (attached on first use). Hands out EmbeddedProducers and EmbeddedConsumers and
// owns the Admin, the Observer and the EmbeddedControl.
// Thread-safety: every method may be called from any thread.
// Lifetime: producers and consumers must be destroyed before the client; a borrowed Cluster must
// outlive the client.
#pragma once

#include <memory>

#include "engine/client/cluster_client.h"
#include "engine/client/embedded/embedded_admin.h"
#include "engine/client/embedded/embedded_cluster_control.h"
#include "engine/client/embedded/embedded_observer.h"
#include "engine/client/embedded/group_service.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded {

class EmbeddedClusterClient final : public ClusterClient {
 public:
  // Opens (and owns) a cluster.
  static Result<std::unique_ptr<EmbeddedClusterClient>> open(
      cluster::ClusterConfig config, group::GroupCoordinatorConfig groups = {});
  // Borrows a running cluster.
  static Result<std::unique_ptr<EmbeddedClusterClient>> borrow(
      cluster::Cluster& cluster, group::GroupCoordinatorConfig groups = {});
  ~EmbeddedClusterClient() override;

  std::string displayName() const override;
  ClusterCapabilities capabilities() const override { return {true, true, false}; }
  std::string bootstrapServers() const override;

  Result<std::unique_ptr<Producer>> createProducer(const ProducerConfig& config) override;
  Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig& config) override;
  Admin& admin() override { return *admin_; }
  ClusterObserver& observer() override { return *observer_; }
  EmbeddedControl* embeddedControl() override { return control_.get(); }

  cluster::Cluster& cluster() { return *cluster_; }
  GroupService& groups() { return *groups_; }

 private:
  EmbeddedClusterClient(std::unique_ptr<cluster::Cluster> owned, cluster::Cluster& cluster,
                        GroupService& groups);

  std::unique_ptr<cluster::Cluster> owned_;
  cluster::Cluster* cluster_;
  GroupService* groups_;
  std::unique_ptr<EmbeddedAdmin> admin_;
  std::unique_ptr<EmbeddedObserver> observer_;
  std::unique_ptr<EmbeddedClusterControl> control_;
};

}  // namespace runnel::client::embedded
