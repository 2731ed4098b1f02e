// ClusterEvent: one thing that happened in the cluster — a broker died or came back, a partition
// changed leader or in-sync set, a topic appeared, a follower cut a divergent tail — with the
// clock's timestamp and a one-line description for people ("partition 3 of payments: leader 2 →
// 1, ISR {1,2,3} → {1,3}"). The studio's log panel shows the description; views use the fields.
// A plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::cluster {

enum class ClusterEventKind {
  kBrokerDied,
  kBrokerRestarted,
  kBrokerAdded,
  kBrokerPaused,  // alive but answering nothing (Cluster::pauseBroker)
  kBrokerResumed,
  kLeaderChanged,  // may carry an ISR change too
  kIsrChanged,
  kTopicCreated,
  kTopicDeleted,
  kPartitionsAdded,
  kTopicConfigChanged,
  kGroupRebalanced,  // published by the group coordinator
  kLogTruncated,     // a follower removed a divergent tail
  kReassignmentStarted,
  kReassignmentCompleted,
  kReassignmentCancelled,
  kBrokerDraining,       // Cluster::removeBroker started moving the broker's replicas away
  kBrokerRemoved,        // ... and unregistered it (count: replicas moved)
  kBrokerRemovalFailed,  // ... gave up; the broker stays
};

std::string_view clusterEventKindName(ClusterEventKind kind);

struct ClusterEvent {
  ClusterEventKind kind = ClusterEventKind::kBrokerDied;
  std::int64_t timestampMs = 0;
  std::string description;

  std::int32_t brokerId = -1;
  std::string topic;
  std::int32_t partition = -1;
  std::int32_t fromLeader = -1;
  std::int32_t toLeader = -1;
  std::int32_t leaderEpoch = -1;
  std::vector<std::int32_t> oldIsr;
  std::vector<std::int32_t> newIsr;
  std::int64_t fromOffset = -1;  // kLogTruncated: old log end
  std::int64_t toOffset = -1;    // kLogTruncated: new log end
  std::int32_t count = 0;        // partitions of a topic, or of a kPartitionsAdded old count
  std::string group;             // kGroupRebalanced
  std::vector<std::int32_t> oldReplicas;  // reassignments
  std::vector<std::int32_t> newReplicas;
};

// "{1,2,3}"
std::string formatIdSet(const std::vector<std::int32_t>& ids);

// Builders that fill the fields and the description consistently.
// `how` completes "broker 2 ...": "died", "was fenced (paused past the session timeout)".
ClusterEvent brokerDiedEvent(std::int64_t nowMs, std::int32_t brokerId, int partitionsLed,
                             std::string_view how = "died");
ClusterEvent brokerRestartedEvent(std::int64_t nowMs, std::int32_t brokerId,
                                  std::string_view how = "restarted and recovered its logs");
ClusterEvent brokerPausedEvent(std::int64_t nowMs, std::int32_t brokerId);
ClusterEvent brokerResumedEvent(std::int64_t nowMs, std::int32_t brokerId, std::int64_t pausedMs);
ClusterEvent brokerAddedEvent(std::int64_t nowMs, std::int32_t brokerId);
// "broker 3 draining: 12 replicas to move (6 to broker 1, 6 to broker 2)".
ClusterEvent brokerDrainingEvent(std::int64_t nowMs, std::int32_t brokerId, int replicas,
                                 const std::string& where);
// "broker 3 removed (12 replicas moved); the controller moved to broker 2" when it did.
ClusterEvent brokerRemovedEvent(std::int64_t nowMs, std::int32_t brokerId, int replicasMoved,
                                std::int32_t newControllerId);
ClusterEvent brokerRemovalFailedEvent(std::int64_t nowMs, std::int32_t brokerId,
                                      const std::string& why);
ClusterEvent leaderChangedEvent(std::int64_t nowMs, const std::string& topic,
                                std::int32_t partition, std::int32_t from, std::int32_t to,
                                std::int32_t epoch, const std::vector<std::int32_t>& oldIsr,
                                const std::vector<std::int32_t>& newIsr);
ClusterEvent isrChangedEvent(std::int64_t nowMs, const std::string& topic, std::int32_t partition,
                             std::int32_t leader, const std::vector<std::int32_t>& oldIsr,
                             const std::vector<std::int32_t>& newIsr);
ClusterEvent topicCreatedEvent(std::int64_t nowMs, const std::string& topic,
                               std::int32_t partitions, std::int32_t replicationFactor);
ClusterEvent topicDeletedEvent(std::int64_t nowMs, const std::string& topic);
ClusterEvent partitionsAddedEvent(std::int64_t nowMs, const std::string& topic, std::int32_t from,
                                  std::int32_t to);
ClusterEvent topicConfigChangedEvent(std::int64_t nowMs, const std::string& topic,
                                     const std::string& change);
ClusterEvent logTruncatedEvent(std::int64_t nowMs, std::int32_t brokerId, const std::string& topic,
                               std::int32_t partition, std::int64_t fromOffset,
                               std::int64_t toOffset);
// "partition 0 of payments: reassigning replicas {1,2} → {2,3} (adding {3}, removing {1})",
// "... reassigned {1,2} → {2,3}", "... reassignment to {2,3} cancelled; back to {1,2}".
ClusterEvent reassignmentStartedEvent(std::int64_t nowMs, const std::string& topic,
                                      std::int32_t partition, const std::vector<std::int32_t>& from,
                                      const std::vector<std::int32_t>& to,
                                      const std::vector<std::int32_t>& adding,
                                      const std::vector<std::int32_t>& removing);
ClusterEvent reassignmentCompletedEvent(std::int64_t nowMs, const std::string& topic,
                                        std::int32_t partition,
                                        const std::vector<std::int32_t>& from,
                                        const std::vector<std::int32_t>& to);
ClusterEvent reassignmentCancelledEvent(std::int64_t nowMs, const std::string& topic,
                                        std::int32_t partition,
                                        const std::vector<std::int32_t>& target,
                                        const std::vector<std::int32_t>& restored);

}  // namespace runnel::cluster
