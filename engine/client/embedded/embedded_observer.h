// EmbeddedObserver: the ClusterObserver of the embedded cluster. view() is live — built from
// Cluster::snapshot() plus the coordinator's group snapshots, with each group's committed
// offsets and lag against the partitions' high watermarks. subscribe() forwards the cluster's
// EventBus as ClusterChanges (kinds "broker-died", "leader-changed", "group-rebalanced", ...).
// Thread-safety: all methods may be called from any thread; callbacks run on the publishing
// cluster thread. Borrows the Cluster and the GroupService; unsubscribes everything on destruction.
#pragma once

#include <map>
#include <mutex>

#include "engine/client/cluster_observer.h"
#include "engine/client/embedded/group_service.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded {

// "broker-died", "leader-changed", ... for an event kind.
std::string changeKindName(cluster::ClusterEventKind kind);
ClusterChange toChange(const cluster::ClusterEvent& event);

class EmbeddedObserver final : public ClusterObserver {
 public:
  EmbeddedObserver(cluster::Cluster& cluster, GroupService& groups)
      : cluster_(cluster), groups_(groups) {}
  ~EmbeddedObserver() override;

  Result<ClusterView> view() override;
  int subscribe(ChangeCallback callback) override;
  void unsubscribe(int handle) override;
  std::vector<ClusterChange> recentChanges() const override;

 private:
  cluster::Cluster& cluster_;
  GroupService& groups_;
  std::mutex mu_;
  std::map<int, int> busHandles_;  // our handle -> EventBus handle (the same number)
};

}  // namespace runnel::client::embedded
