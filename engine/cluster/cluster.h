// Cluster: the embedded Kafka-compatible cluster — N brokers (1..16) in one process, replicating
// partitions like Kafka, with a controller, an in-process Transport that can misbehave on demand,
// an EventBus for the studio and a MetadataStore (<dataDir>/metadata.db) that survives restarts:
// reopening the same directory brings back the same topics, data and leaders.
// Brokers can be killed (abruptly), restarted (recovering from their own directory) and added.
//
// Threads: all methods are thread-safe. killBroker/restartBroker/addBroker/close must not be
// called from broker callbacks. Ownership: the Cluster owns everything it hands out by reference
// or pointer (brokers, controller, transport, events); they live until close()/destruction.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/cluster/broker.h"
#include "engine/cluster/cluster_config.h"
#include "engine/cluster/cluster_snapshot.h"
#include "engine/cluster/controller.h"
#include "engine/cluster/event_bus.h"
#include "engine/cluster/request_faults.h"
#include "engine/cluster/transport.h"
#include "engine/meta/metadata_store.h"

namespace runnel::cluster {

// Something that lives beside the brokers and follows their lives — the group coordinator
// (engine/cluster/group) plugs in here. Called without cluster locks held.
class ClusterService {
 public:
  virtual ~ClusterService() = default;
  virtual void onBrokerStateChanged(std::int32_t brokerId, bool alive) {
    (void)brokerId, (void)alive;
  }
  virtual void contributeSnapshot(ClusterSnapshot& snapshot) const { (void)snapshot; }
  // Called first thing in Cluster::close(), before brokers stop.
  virtual void close() {}
};

class Cluster {
 public:
  static Result<std::unique_ptr<Cluster>> open(ClusterConfig config);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Stops every broker cleanly (logs flushed) and the controller. Idempotent.
  Status close();

  const ClusterConfig& config() const { return config_; }
  std::string clusterId() const { return store_->clusterId(); }
  int brokerCount() const { return brokerCount_.load(std::memory_order_acquire); }
  std::vector<std::int32_t> brokerIds() const;
  // Null for an unknown id; dead brokers are returned too (they refuse requests).
  Broker* broker(std::int32_t id) const;
  // The live broker currently leading the partition, or null.
  Broker* leaderOf(const TopicPartition& tp) const;

  // Abrupt stop: threads stopped without flushing, partitions led elsewhere.
  Status killBroker(std::int32_t id);
  // Recovers the broker's logs from its directory; it rejoins as follower everywhere.
  Status restartBroker(std::int32_t id);
  // A new empty broker (id = count + 1); it hosts nothing until topics are placed on it.
  Result<std::int32_t> addBroker();
  // A paused broker keeps its process and sockets but answers nothing (Broker::pause()): its
  // followers fall out of ISRs after replica.lag.time.max.ms, and past brokerSessionTimeoutMs
  // the controller fences it — what it led moves as if it had died. resumeBroker() lets it
  // answer again; a fenced broker then rejoins as a follower. Both idempotent.
  Status pauseBroker(std::int32_t id);
  Status resumeBroker(std::int32_t id);

  Controller& controller() { return *controller_; }
  Transport& transport() { return *transport_; }
  EventBus& events() { return *events_; }
  MetadataStore& metadata() { return *store_; }
  Clock& clock() { return *clock_; }
  // Error codes the Kafka front end injects into chosen requests (the studio's Break Things).
  RequestFaults& requestFaults() { return requestFaults_; }

  ClusterSnapshot snapshot() const;
  void attachService(std::unique_ptr<ClusterService> service);
  // The first attached service of type T, or null: lets several clients of one cluster share
  // one service (the group coordinator). Attach and look up from one thread, before use.
  template <typename T>
  T* findService() const {
    for (const auto& s : services_) {
      if (auto* t = dynamic_cast<T*>(s.get())) return t;
    }
    return nullptr;
  }

 private:
  explicit Cluster(ClusterConfig config);
  Status startBroker(std::int32_t id);
  void notifyServices(std::int32_t id, bool alive);
  void fenceIfStillPaused(std::int32_t id, std::uint64_t pauseSerial);

  ClusterConfig config_;
  Env* env_;
  Clock* clock_;
  std::unique_ptr<MetadataStore> store_;
  std::unique_ptr<EventBus> events_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Controller> controller_;
  std::array<std::unique_ptr<Broker>, kMaxBrokers> brokers_;  // slot i holds broker i + 1
  std::atomic<int> brokerCount_{0};
  Mutex lifecycleMu_;  // serialises kill/restart/add/close
  bool closed_ GUARDED_BY(lifecycleMu_) = false;
  std::vector<std::unique_ptr<ClusterService>> services_;  // attach before use; not locked
  // Pauses, numbered so a fence timer left from an earlier pause does nothing.
  std::array<std::uint64_t, kMaxBrokers> pauseSerial_ GUARDED_BY(lifecycleMu_){};
  std::array<std::int64_t, kMaxBrokers> pausedAtMs_ GUARDED_BY(lifecycleMu_){};
  std::unique_ptr<Timer> sessionTimer_ GUARDED_BY(lifecycleMu_);  // fences paused brokers
  RequestFaults requestFaults_;
};

}  // namespace runnel::cluster
