// GroupService: the embedded cluster's one group coordinator, plugged into the Cluster as a
// ClusterService. It keeps committed offsets in the cluster's MetadataStore (so they survive
// restarts), turns the coordinator's rebalances into ClusterEvents (kGroupRebalanced) on the
// cluster's EventBus, fills ClusterSnapshot::groups, and ticks the coordinator's timers on its
// own thread. Every consumer and admin of the cluster reaches groups through it.
// Ownership: the Cluster owns it once attached; obtain it with GroupService::attachTo(), which
// returns the already attached one if there is. Thread-safe (the coordinator is).
#pragma once

#include <atomic>
#include <memory>

#include "engine/cluster/cluster.h"
#include "engine/cluster/group/group_coordinator.h"

namespace runnel::client::embedded {

class GroupService final : public cluster::ClusterService {
 public:
  // The cluster's GroupService, attached and started on first use with `config`.
  static Result<GroupService*> attachTo(cluster::Cluster& cluster,
                                        group::GroupCoordinatorConfig config = {});

  GroupService(cluster::Cluster& cluster, group::GroupCoordinatorConfig config);
  ~GroupService() override;

  group::GroupCoordinator& coordinator() { return *coordinator_; }
  // The broker shown as the coordinator of every group: the lowest live broker id.
  std::int32_t coordinatorId() const;

  // ClusterService
  void onBrokerStateChanged(std::int32_t brokerId, bool alive) override;
  void contributeSnapshot(cluster::ClusterSnapshot& snapshot) const override;
  void close() override;

 private:
  void onGroupEvent(const group::GroupEvent& event);

  cluster::Cluster& cluster_;
  group::MetadataOffsetStore offsets_;
  std::unique_ptr<group::GroupCoordinator> coordinator_;
  std::atomic<bool> closed_{false};
};

}  // namespace runnel::client::embedded
