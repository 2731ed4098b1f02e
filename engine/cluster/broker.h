// Broker: one member of the embedded cluster — its data directory, its partition replicas (the
// ReplicaManager map), its replica fetcher and its timer (delayed-operation expiry and
// housekeeping every housekeepingIntervalMs: ISR shrink, flushes, retention). It serves
// Produce, Fetch (consumers and followers, with long polling), ListOffsets and DeleteRecords
// through callbacks, for the Kafka wire handlers and in-process clients alike.
//
// Threads: the request methods may be called from any thread. A callback runs either on the
// calling thread before the method returns, or later on whichever thread completes it (another
// broker's fetcher advancing the high watermark, a producer appending, the timer, the
// controller) — callbacks must be quick and must not call killBroker/restartBroker.
// Lifecycle: start()/kill()/shutdown() come from the Cluster; a killed broker refuses requests
// (NOT_LEADER_OR_FOLLOWER) until started again. The Broker object itself lives as long as the
// Cluster. Lock order: lifecycleMu_ -> a replica's lock -> mapMu_ / fetcher locks.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/cluster/broker_requests.h"
#include "engine/cluster/cluster_config.h"
#include "engine/cluster/controller_channel.h"
#include "engine/cluster/event_bus.h"
#include "engine/cluster/partition_replica.h"
#include "engine/cluster/replica_fetcher.h"
#include "engine/cluster/timer.h"
#include "engine/cluster/transport.h"

namespace runnel::cluster {

struct BrokerContext {
  const ClusterConfig* config = nullptr;
  Env* env = nullptr;
  Clock* clock = nullptr;
  Transport* transport = nullptr;
  ControllerChannel* controller = nullptr;
  EventBus* events = nullptr;
};

struct BrokerStats {
  std::uint64_t bytesIn = 0;           // produced bytes accepted as leader
  std::uint64_t bytesOut = 0;          // bytes served to consumers
  std::uint64_t replicationBytes = 0;  // bytes fetched as follower
  double bytesInPerSec = 0;
  double bytesOutPerSec = 0;
};

using ListOffsetsCallback = std::function<void(std::vector<ListOffsetsPartitionResult>)>;
using DeleteRecordsCallback = std::function<void(std::vector<DeleteRecordsPartitionResult>)>;

class Broker final : public TransportEndpoint, public ReplicaHost {
 public:
  Broker(std::int32_t id, BrokerContext context);
  ~Broker() override;
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  std::int32_t id() const { return id_; }
  // The Kafka listener port: the one a wire front end actually bound (it may fall back to a free
  // port), else basePort + id - 1 (0 when the cluster picks free ports).
  int port() const;
  void setListenerPort(int port) { listenerPort_.store(port, std::memory_order_release); }
  const std::string& dir() const { return dir_; }
  bool alive() const { return alive_.load(std::memory_order_acquire); }

  // ---- requests ----
  void produce(ProduceRequest request, ProduceCallback done);
  void fetch(FetchRequest request, FetchCallback done);
  void listOffsets(std::vector<ListOffsetsPartition> partitions, ListOffsetsCallback done);
  // Answers once the leader has moved its log start (followers follow on their next fetch).
  void deleteRecords(std::vector<DeleteRecordsPartition> partitions, DeleteRecordsCallback done);

  // ---- lifecycle (Cluster) ----
  // Opens the replicas this broker hosts (recovering their logs; directories of partitions it no
  // longer hosts, or of an older topic of the same name, are deleted), then starts the fetcher
  // and the timer and joins the Transport. Every replica starts without a role until the
  // controller's push.
  Status start(const std::vector<ReplicaAssignment>& hosted);
  // An abrupt stop: no flush, logs closed as they are, waiters failed, threads stopped.
  void kill();
  // A clean stop: as kill(), but every log is flushed and checkpointed first.
  Status shutdown();

  // ---- pause (a stopped process: alive, sockets open, nothing answered) ----
  // While paused, new requests (clients' and followers' fetches alike) are held and run in
  // arrival order on resume(); the broker fetches nothing as a follower and its housekeeping
  // (ISR shrink, retention) waits. Requests already inside finish. kill()/shutdown() release
  // the held requests, which then fail as on a dead broker.
  void pause();
  void resume();
  bool paused() const { return paused_.load(std::memory_order_acquire); }
  // Set by the Cluster while the controller treats this paused broker as gone.
  void setFenced(bool fenced) { fenced_.store(fenced, std::memory_order_release); }
  bool fenced() const { return fenced_.load(std::memory_order_acquire); }
  // Runs `work` now, or on resume() when paused. Callable from any thread.
  void runWhenAnswering(std::function<void()> work) EXCLUDES(pauseMu_);

  // ---- controller pushes ----
  // Creates missing replicas and applies each partition's committed state.
  void applyAssignments(const std::vector<ReplicaAssignment>& assignments, Completions& out);
  void applySettings(const std::string& topic, const TopicSettings& settings);
  // Stops hosting the partition; deletes its data when asked (topic deletion, or a reassignment
  // moved the replica away: then waiters fail with NOT_LEADER_OR_FOLLOWER, which clients retry).
  void removeReplica(const TopicPartition& tp, bool deleteData, Completions& out,
                     bool reassigned = false);

  // ---- introspection ----
  std::shared_ptr<PartitionReplica> replica(const TopicPartition& tp) const;
  std::vector<ReplicaInfo> replicaInfos() const;
  BrokerStats stats() const;
  std::size_t followedPartitions() const { return fetcher_.partitionCount(); }

  // TransportEndpoint
  void handleReplicaFetch(FetchRequest request, FetchCallback done) override;
  // ReplicaHost
  std::int32_t brokerId() const override { return id_; }
  std::int64_t replicaLagTimeMaxMs() const override { return config_.replicaLagTimeMaxMs; }
  void requestIsrChange(std::shared_ptr<PartitionReplica> replica,
                        AlterPartitionRequest request) override;
  void onLogTruncated(const TopicPartition& tp, std::int64_t fromOffset,
                      std::int64_t toOffset) override;

 private:
  // Counts a request in progress so kill() can wait for it; false when the broker is down.
  class CallGuard {
   public:
    explicit CallGuard(Broker& b);
    ~CallGuard();
    explicit operator bool() const { return admitted_; }

   private:
    Broker& broker_;
    bool admitted_;
  };
  struct FetchPlan;

  Result<std::shared_ptr<PartitionReplica>> openReplica(const ReplicaAssignment& assignment)
      REQUIRES(lifecycleMu_);
  Status removeStrayDirs(const std::vector<ReplicaAssignment>& hosted) REQUIRES(lifecycleMu_);
  void stopLocked(bool clean) REQUIRES(lifecycleMu_);
  // Ends a pause and runs what it held, on the caller's thread.
  void releaseHeld() EXCLUDES(pauseMu_);
  void housekeeping();
  ApiError missingReplicaError(const TopicPartition& tp) const;
  // The replica a per-partition request is for, or null and the error to answer with.
  std::pair<std::shared_ptr<PartitionReplica>, ApiError> lookupReplica(
      const CallGuard& guard, const TopicPartition& tp) const;
  ApiError downError() const;
  FetchResponse readPlan(FetchPlan& plan, bool recheckLeadership);
  std::vector<std::shared_ptr<PartitionReplica>> allReplicas() const EXCLUDES(mapMu_);

  const std::int32_t id_;
  const ClusterConfig& config_;
  Env& env_;
  Clock& clock_;
  Transport& transport_;
  ControllerChannel& controller_;
  EventBus& events_;
  const std::string dir_;

  Mutex lifecycleMu_ ACQUIRED_BEFORE(mapMu_);
  std::unique_ptr<Timer> timer_ GUARDED_BY(lifecycleMu_);
  std::atomic<Timer*> liveTimer_{nullptr};  // for request paths, valid while alive
  ReplicaFetcher fetcher_;

  mutable Mutex mapMu_;
  std::unordered_map<TopicPartition, std::shared_ptr<PartitionReplica>, TopicPartitionHash>
      replicas_ GUARDED_BY(mapMu_);

  std::atomic<bool> alive_{false};
  std::atomic<bool> paused_{false};
  std::atomic<bool> fenced_{false};
  Mutex pauseMu_;  // leaf lock
  std::vector<std::function<void()>> held_ GUARDED_BY(pauseMu_);
  std::atomic<int> listenerPort_{0};
  std::atomic<int> activeCalls_{0};
  std::atomic<std::uint64_t> bytesIn_{0};
  std::atomic<std::uint64_t> bytesOut_{0};
  std::int64_t lastRetentionMs_ = 0;  // housekeeping thread only
  std::int64_t lastRateNs_ = 0;       // housekeeping thread only
  std::uint64_t lastBytesIn_ = 0;     // housekeeping thread only
  std::uint64_t lastBytesOut_ = 0;    // housekeeping thread only
  std::atomic<double> bytesInRate_{0};
  std::atomic<double> bytesOutRate_{0};
};

}  // namespace runnel::cluster
