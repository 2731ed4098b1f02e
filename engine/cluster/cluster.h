// Cluster: the embedded Kafka-compatible cluster — N brokers (1..16) in one process, replicating
// partitions like Kafka, with a controller, an in-process Transport that can misbehave on demand,
// an EventBus for the studio and a MetadataStore (<dataDir>/metadata.db) that survives restarts:
// reopening the same directory brings back the same topics, data and leaders.
// Brokers can be killed (abruptly), restarted (recovering from their own directory), added and
// removed (drained first, as Kafka decommissions a broker); the store remembers which ids exist.
//
// Threads: all methods are thread-safe. killBroker/restartBroker/addBroker/removeBroker/close
// must not be called from broker callbacks. Ownership: the Cluster owns everything it hands out by
// reference or pointer (brokers, controller, transport, events); they live until
// close()/destruction.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "engine/cluster/broker.h"
#include "engine/cluster/broker_drain_plan.h"
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
  // The registered brokers, alive or dead (removed ones are gone); ids ascending, not dense.
  int brokerCount() const { return brokerCount_.load(std::memory_order_acquire); }
  std::vector<std::int32_t> brokerIds() const;
  // Null for an unknown or removed id; dead brokers are returned too (they refuse requests).
  // A pointer stays valid until the cluster is destroyed, even once its broker is removed.
  Broker* broker(std::int32_t id) const;
  // The live broker currently leading the partition, or null.
  Broker* leaderOf(const TopicPartition& tp) const;

  // Abrupt stop: threads stopped without flushing, partitions led elsewhere.
  Status killBroker(std::int32_t id);
  // Recovers the broker's logs from its directory; it rejoins as follower everywhere.
  Status restartBroker(std::int32_t id);
  // A new empty broker; it hosts nothing until topics are placed on it. Its id is one past the
  // highest ever used: a removed broker's id is never given out again (Kafka's convention).
  Result<std::int32_t> addBroker();
  // Decommissions a broker, as Kafka's broker removal does: every replica it holds moves to the
  // other live brokers through partition reassignment (replication factors kept, the least
  // loaded brokers first; the new replicas copy from the leaders, so a dead broker's replicas are
  // rebuilt too), its leaderships move to in-sync replicas, and once no partition names it, it
  // stops (listener closed), is unregistered for good and its data directory is deleted. Blocks
  // until then (the studio calls it from a worker); removal() shows the progress and the
  // EventBus tells the story. Refuses with InvalidArgument for the last broker, when a topic's
  // replication factor exceeds the live brokers left (naming it), or when a partition it holds
  // has no live leader to copy from; NotFound for an unknown or already removed id; Unavailable
  // while another removal runs or the broker is paused. TimedOut after `timeoutMs` with moves
  // still running: the broker stays, and the reassignments already started carry on.
  Status removeBroker(std::int32_t id, std::int64_t timeoutMs = 60000);
  // What removeBroker(id) would move where, or why it would refuse; changes nothing.
  Result<BrokerDrainPlan> planRemoval(std::int32_t id) const;
  // The removal in progress, if any.
  struct Removal {
    std::int32_t brokerId = -1;
    int replicasToMove = 0;
    int replicasMoved = 0;
  };
  std::optional<Removal> removal() const;
  // Ids removed from this cluster, ever (persisted).
  std::vector<std::int32_t> removedBrokerIds() const;
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
  // Creates (not starts) broker `id` and registers it with the controller.
  void createBrokerLocked(std::int32_t id) REQUIRES(lifecycleMu_);
  // Stores which ids are registered and which were removed (the key/value area).
  Status persistRegistryLocked() REQUIRES(lifecycleMu_);
  Status loadRegistry(std::vector<std::int32_t>& registered, std::set<std::int32_t>& removed);
  // removeBroker's parts (cluster_removal.cpp).
  Result<BrokerDrainPlan> planRemovalLocked(std::int32_t id) const REQUIRES(lifecycleMu_);
  Status waitDrained(std::int32_t id, int toMove, std::int64_t timeoutMs);
  Status finishRemoval(std::int32_t id, int moved);
  void endRemoval(std::int32_t id);

  ClusterConfig config_;
  Env* env_;
  Clock* clock_;
  std::unique_ptr<MetadataStore> store_;
  std::unique_ptr<EventBus> events_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Controller> controller_;
  // Every broker created, removed ones included, so pointers handed out stay valid.
  std::vector<std::unique_ptr<Broker>> owned_;  // appended under lifecycleMu_
  // Slot id - 1: the registered broker with that id, null when none or removed. Read without a
  // lock (broker()), written under lifecycleMu_.
  std::array<std::atomic<Broker*>, kMaxBrokerId> slots_{};
  std::atomic<int> brokerCount_{0};
  std::atomic<std::int32_t> highestId_{0};  // highest id ever registered; bounds brokerIds()
  mutable Mutex lifecycleMu_;               // serialises kill/restart/add/remove/close
  bool closed_ GUARDED_BY(lifecycleMu_) = false;
  std::set<std::int32_t> removedIds_ GUARDED_BY(lifecycleMu_);
  bool removing_ GUARDED_BY(lifecycleMu_) = false;
  mutable Mutex removalMu_;  // a leaf: guards only removal_
  std::optional<Removal> removal_ GUARDED_BY(removalMu_);
  std::vector<std::unique_ptr<ClusterService>> services_;  // attach before use; not locked
  // Pauses, numbered so a fence timer left from an earlier pause does nothing.
  std::array<std::uint64_t, kMaxBrokerId> pauseSerial_ GUARDED_BY(lifecycleMu_){};
  std::array<std::int64_t, kMaxBrokerId> pausedAtMs_ GUARDED_BY(lifecycleMu_){};
  std::unique_ptr<Timer> sessionTimer_ GUARDED_BY(lifecycleMu_);  // fences paused brokers
  RequestFaults requestFaults_;
};

}  // namespace runnel::cluster
