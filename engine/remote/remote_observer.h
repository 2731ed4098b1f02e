// RemoteObserver: the ClusterObserver of a remote cluster. view() asks the cluster (Metadata,
// ListOffsets, DescribeConfigs and the group APIs) and caches the answer briefly; while anyone
// subscribes, a background thread refreshes the view every RemoteConfig::observerInterval and
// publishes the changes it can infer by comparing successive views: broker-died / -restarted /
// -added, leader-changed, isr-changed, topic-created / -deleted, partitions-added,
// group-rebalanced, plus connection-lost / connection-restored when the cluster stops or starts
// answering. It keeps polling through outages.
// Thread-safety: every method may be called from any thread; callbacks run on the polling
// thread. Owned by its RemoteClusterClient; borrows the admin.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "engine/client/cluster_observer.h"
#include "engine/remote/remote_admin.h"

namespace runnel::remote {

class RemoteObserver final : public client::ClusterObserver {
 public:
  RemoteObserver(RemoteAdmin& admin, KafkaHandle& handle, std::chrono::milliseconds interval)
      : admin_(admin), handle_(handle), interval_(interval) {}
  ~RemoteObserver() override;

  Result<client::ClusterView> view() override;
  int subscribe(ChangeCallback callback) override;
  void unsubscribe(int handle) override;
  std::vector<client::ClusterChange> recentChanges() const override;

  // The changes between two views, as the polling thread publishes them (exposed for tests).
  static std::vector<client::ClusterChange> diff(const client::ClusterView& before,
                                                 const client::ClusterView& after,
                                                 const std::set<std::int32_t>& everSeenBrokers);

 private:
  Result<client::ClusterView> fetch();
  void pollLoop();
  void publish(std::vector<client::ClusterChange> changes);

  RemoteAdmin& admin_;
  KafkaHandle& handle_;
  const std::chrono::milliseconds interval_;

  std::mutex fetchMu_;  // one fetch at a time; guards cached_
  std::optional<client::ClusterView> cached_;
  std::chrono::steady_clock::time_point cachedAt_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;                      // guarded by mu_
  std::map<int, ChangeCallback> subscribers_;  // guarded by mu_
  int nextHandle_ = 1;                         // guarded by mu_
  std::deque<client::ClusterChange> history_;  // guarded by mu_
  std::thread poller_;                         // started with the first subscriber
};

}  // namespace runnel::remote
