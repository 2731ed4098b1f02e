// Controller: the cluster's single decision maker (KRaft's active controller, in process). It
// owns the authoritative partition state — replicas, leader, leader epoch, ISR, partition epoch —
// persists every change in the MetadataStore before telling the brokers, and pushes the new
// state to every live replica directly (it is not behind the Transport). It creates, deletes,
// grows and reconfigures topics with Kafka's validation and errors, elects leaders when brokers
// die or return (clean from the ISR; unclean only when enabled), runs preferred-leader
// elections, reassigns replicas (KIP-455: targets join and catch up, the removed ones leave once
// every target is in sync), and commits leaders' ISR changes (AlterPartition) with epoch fencing.
//
// Threads: admin calls and broker lifecycle calls run on the caller's thread; ISR change
// requests queue to the controller's own thread, so they are handled in order. mu_ serialises
// all of it; brokers are called under mu_ (controller -> broker lock order), while callbacks and
// events run after mu_ is released. partitionExists() uses its own leaf lock so request paths
// never wait for the controller.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/cluster/cluster_config.h"
#include "engine/cluster/controller_channel.h"
#include "engine/cluster/delayed_operations.h"
#include "engine/cluster/event_bus.h"
#include "engine/cluster/replica_placement.h"
#include "engine/common/thread_annotations.h"
#include "engine/meta/metadata_store.h"

namespace runnel::cluster {

class Broker;

struct NewTopic {
  std::string name;
  std::int32_t partitions = -1;         // -1: num.partitions
  std::int16_t replicationFactor = -1;  // -1: default.replication.factor (capped at live brokers)
  std::map<std::string, std::string> configs;
  Assignment assignment;  // explicit replicas per partition (then leave the two above at -1)
  bool internal = false;
};

struct ElectionResult {
  TopicPartition tp;
  ApiError error;  // ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ...
};

class Controller final : public ControllerChannel {
 public:
  using BrokerLookup = std::function<Broker*(std::int32_t)>;

  Controller(const ClusterConfig& config, MetadataStore& store, EventBus& events, Clock& clock,
             BrokerLookup brokers);
  ~Controller() override;

  // Loads topics and partition state from the store.
  Status load() EXCLUDES(mu_);
  // Starts/stops the thread that handles ISR change requests.
  void start();
  void stop();

  // ---- brokers ----
  // The partitions `brokerId` hosts, with what it needs to open them (Broker::start()).
  std::vector<ReplicaAssignment> assignmentsFor(std::int32_t brokerId) const EXCLUDES(mu_);
  // The whole cluster came up (open): marks `brokerIds` alive, elects leaders where the stored
  // leader is not among them, and pushes every partition's state.
  void clusterStarted(const std::vector<std::int32_t>& brokerIds) EXCLUDES(mu_);
  // A broker died (or was fenced): new leaders for what it led, and it leaves every ISR.
  // `how` words the event ("died").
  void brokerDied(std::int32_t brokerId, std::string_view how = "died") EXCLUDES(mu_);
  // A broker (re)started (or was just added, or resumed after a fence): it gets its
  // partitions' state and leads offline partitions it can. `how` words a restart's event.
  void brokerStarted(std::int32_t brokerId, bool added = false,
                     std::string_view how = "restarted and recovered its logs") EXCLUDES(mu_);
  std::set<std::int32_t> aliveBrokers() const EXCLUDES(mu_);
  void registerBroker(std::int32_t brokerId) EXCLUDES(mu_);
  // A draining broker (being removed) gets no replicas of new topics or partitions.
  void setDraining(std::int32_t brokerId, bool draining) EXCLUDES(mu_);
  // Forgets a removed broker: no longer alive, known or valid in a replica list. The caller has
  // drained it first (no partition names it).
  void unregisterBroker(std::int32_t brokerId) EXCLUDES(mu_);

  // ---- topics ----
  ApiError createTopic(const NewTopic& topic, bool validateOnly = false) EXCLUDES(mu_);
  ApiError deleteTopic(const std::string& name) EXCLUDES(mu_);
  ApiError createPartitions(const std::string& topic, std::int32_t newCount,
                            bool validateOnly = false) EXCLUDES(mu_);
  // Incremental: a value sets the key, nullopt removes the override.
  ApiError alterConfigs(const std::string& topic,
                        const std::map<std::string, std::optional<std::string>>& changes,
                        bool validateOnly = false) EXCLUDES(mu_);
  // Creates `name` with the defaults if auto.create.topics.enable (the Metadata API's behaviour).
  ApiError ensureTopic(const std::string& name) EXCLUDES(mu_);
  // Moves leadership back to each partition's first replica where it is alive and in the ISR;
  // empty = every partition.
  std::vector<ElectionResult> electPreferredLeaders(
      const std::vector<TopicPartition>& partitions = {}) EXCLUDES(mu_);

  // ---- reassignments ----
  // Starts moving the partition to `target` (preferred leader first; it replaces a reassignment
  // in progress), or cancels the one in progress when `target` is nullopt. The new replicas
  // fetch from the leader; once every target is in the ISR the others leave (their logs are
  // deleted) and a leader that left hands over to the first target in sync.
  ApiError alterReassignment(const TopicPartition& tp,
                             const std::optional<std::vector<std::int32_t>>& target) EXCLUDES(mu_);
  // The partitions with a reassignment in progress, among `wanted` (all when empty).
  std::vector<PartitionRecord> reassignments(const std::vector<TopicPartition>& wanted = {}) const
      EXCLUDES(mu_);

  // ---- reads ----
  std::vector<TopicRecord> topics() const EXCLUDES(mu_);
  std::optional<TopicRecord> topic(const std::string& name) const EXCLUDES(mu_);
  std::vector<PartitionRecord> partitions(const std::string& topic = {}) const EXCLUDES(mu_);
  std::optional<PartitionRecord> partition(const TopicPartition& tp) const EXCLUDES(mu_);
  std::optional<TopicSettings> settings(const std::string& topic) const EXCLUDES(mu_);

  // ---- ControllerChannel ----
  void submitAlterPartition(AlterPartitionRequest request, AlterPartitionCallback done) override
      EXCLUDES(queueMu_);
  bool partitionExists(const TopicPartition& tp) const override EXCLUDES(existsMu_);
  // Handles one ISR change now, on the caller's thread (the queue uses it; tests call it to
  // check fencing). On success returns the committed record.
  ApiResult<PartitionRecord> alterPartition(const AlterPartitionRequest& request) EXCLUDES(mu_);

 private:
  // Changes made under mu_, acted on after it is released.
  struct Effects {
    std::map<std::int32_t, std::vector<ReplicaAssignment>> pushes;
    // Replicas a finished or cancelled reassignment dropped: deleted after the pushes.
    std::vector<std::pair<std::int32_t, TopicPartition>> removals;
    std::vector<ClusterEvent> events;
    Completions completions;
  };

  ReplicaAssignment assignmentLocked(const PartitionRecord& p) const REQUIRES(mu_);
  // Persists `changed`, updates the in-memory state and queues pushes to their live replicas.
  Status commitLocked(const std::vector<PartitionRecord>& changed, Effects& fx) REQUIRES(mu_);
  void pushLocked(Effects& fx) REQUIRES(mu_);
  void finish(Effects& fx) EXCLUDES(mu_);
  // The partition's state once `deadBroker` (or whichever leader is not alive) is gone.
  PartitionRecord electLocked(PartitionRecord p, std::int32_t deadBroker, Effects& fx) const
      REQUIRES(mu_);
  std::optional<PartitionRecord> preferredLocked(const PartitionRecord& p, ApiError& error) const
      REQUIRES(mu_);
  // Finishes `p`'s reassignment when every target is in the ISR: returns the replicas it drops
  // (for the caller to queue as removals once committed), nullopt when it is not done.
  std::optional<std::vector<std::int32_t>> completeReassignmentLocked(PartitionRecord& p) const
      REQUIRES(mu_);
  // Commits `p` after completeReassignmentLocked() changed it, queuing removals and the event.
  void commitCompletedLocked(const PartitionRecord& before, const PartitionRecord& p,
                             const std::vector<std::int32_t>& removed, Effects& fx) REQUIRES(mu_);
  // The first of `candidates` alive and in `isr`, or kNoLeader.
  std::int32_t firstInSyncLocked(const std::vector<std::int32_t>& candidates,
                                 const std::vector<std::int32_t>& isr) const REQUIRES(mu_);
  bool uncleanAllowedLocked(const std::string& topic) const REQUIRES(mu_);
  // Where new replicas may go: live brokers that are not draining.
  std::vector<std::int32_t> placementBrokersLocked() const REQUIRES(mu_);
  ApiError createTopicLocked(const NewTopic& request, bool validateOnly, Effects& fx) REQUIRES(mu_);
  void refreshExists() REQUIRES(mu_) EXCLUDES(existsMu_);
  void runQueue();

  const ClusterConfig& config_;
  MetadataStore& store_;
  EventBus& events_;
  Clock& clock_;
  const BrokerLookup brokers_;

  mutable Mutex mu_ ACQUIRED_BEFORE(existsMu_);
  std::map<std::string, TopicRecord> topics_ GUARDED_BY(mu_);
  std::map<std::string, TopicSettings> settings_ GUARDED_BY(mu_);
  std::map<TopicPartition, PartitionRecord> partitions_ GUARDED_BY(mu_);
  std::set<std::int32_t> known_ GUARDED_BY(mu_);
  std::set<std::int32_t> alive_ GUARDED_BY(mu_);
  std::set<std::int32_t> draining_ GUARDED_BY(mu_);
  std::mt19937 rng_ GUARDED_BY(mu_);

  mutable Mutex existsMu_;
  std::map<std::string, std::int32_t> partitionCounts_ GUARDED_BY(existsMu_);

  Mutex queueMu_;
  CondVar queued_;
  std::deque<std::pair<AlterPartitionRequest, AlterPartitionCallback>> queue_ GUARDED_BY(queueMu_);
  bool stopping_ GUARDED_BY(queueMu_) = false;
  std::thread thread_;
};

}  // namespace runnel::cluster
