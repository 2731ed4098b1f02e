#include "engine/cluster/cluster_event.h"

namespace runnel::cluster {
namespace {

std::string partitionName(const std::string& topic, std::int32_t partition) {
  return "partition " + std::to_string(partition) + " of " + topic;
}

std::string leaderName(std::int32_t id) {
  return id < 0 ? "none" : std::to_string(id);
}

}  // namespace

std::string_view clusterEventKindName(ClusterEventKind kind) {
  switch (kind) {
    case ClusterEventKind::kBrokerDied:
      return "BrokerDied";
    case ClusterEventKind::kBrokerRestarted:
      return "BrokerRestarted";
    case ClusterEventKind::kBrokerAdded:
      return "BrokerAdded";
    case ClusterEventKind::kBrokerPaused:
      return "BrokerPaused";
    case ClusterEventKind::kBrokerResumed:
      return "BrokerResumed";
    case ClusterEventKind::kLeaderChanged:
      return "LeaderChanged";
    case ClusterEventKind::kIsrChanged:
      return "IsrChanged";
    case ClusterEventKind::kTopicCreated:
      return "TopicCreated";
    case ClusterEventKind::kTopicDeleted:
      return "TopicDeleted";
    case ClusterEventKind::kPartitionsAdded:
      return "PartitionsAdded";
    case ClusterEventKind::kTopicConfigChanged:
      return "TopicConfigChanged";
    case ClusterEventKind::kGroupRebalanced:
      return "GroupRebalanced";
    case ClusterEventKind::kLogTruncated:
      return "LogTruncated";
    case ClusterEventKind::kReassignmentStarted:
      return "ReassignmentStarted";
    case ClusterEventKind::kReassignmentCompleted:
      return "ReassignmentCompleted";
    case ClusterEventKind::kReassignmentCancelled:
      return "ReassignmentCancelled";
    case ClusterEventKind::kBrokerDraining:
      return "BrokerDraining";
    case ClusterEventKind::kBrokerRemoved:
      return "BrokerRemoved";
    case ClusterEventKind::kBrokerRemovalFailed:
      return "BrokerRemovalFailed";
  }
  return "Unknown";
}

std::string formatIdSet(const std::vector<std::int32_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ",";
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

ClusterEvent brokerDiedEvent(std::int64_t nowMs, std::int32_t brokerId, int partitionsLed,
                             std::string_view how) {
  ClusterEvent e{ClusterEventKind::kBrokerDied, nowMs, {}};
  e.brokerId = brokerId;
  e.count = partitionsLed;
  e.description = "broker " + std::to_string(brokerId) + " " + std::string(how);
  if (partitionsLed > 0) {
    e.description += "; it led " + std::to_string(partitionsLed) + " partition" +
                     (partitionsLed == 1 ? "" : "s");
  }
  return e;
}

ClusterEvent brokerRestartedEvent(std::int64_t nowMs, std::int32_t brokerId, std::string_view how) {
  ClusterEvent e{ClusterEventKind::kBrokerRestarted, nowMs, {}};
  e.brokerId = brokerId;
  e.description = "broker " + std::to_string(brokerId) + " " + std::string(how);
  return e;
}

ClusterEvent brokerPausedEvent(std::int64_t nowMs, std::int32_t brokerId) {
  ClusterEvent e{ClusterEventKind::kBrokerPaused, nowMs, {}};
  e.brokerId = brokerId;
  e.description = "broker " + std::to_string(brokerId) +
                  " paused: it holds its connections but answers nothing";
  return e;
}

ClusterEvent brokerResumedEvent(std::int64_t nowMs, std::int32_t brokerId, std::int64_t pausedMs) {
  ClusterEvent e{ClusterEventKind::kBrokerResumed, nowMs, {}};
  e.brokerId = brokerId;
  e.description = "broker " + std::to_string(brokerId) + " resumed after " +
                  std::to_string(pausedMs) + " ms and answers the requests it held";
  return e;
}

ClusterEvent brokerAddedEvent(std::int64_t nowMs, std::int32_t brokerId) {
  ClusterEvent e{ClusterEventKind::kBrokerAdded, nowMs, {}};
  e.brokerId = brokerId;
  e.description = "broker " + std::to_string(brokerId) + " joined the cluster";
  return e;
}

ClusterEvent brokerDrainingEvent(std::int64_t nowMs, std::int32_t brokerId, int replicas,
                                 const std::string& where) {
  ClusterEvent e{ClusterEventKind::kBrokerDraining, nowMs, {}};
  e.brokerId = brokerId;
  e.count = replicas;
  e.description =
      "broker " + std::to_string(brokerId) + " draining: " +
      (replicas == 0 ? std::string("no replicas to move")
                     : std::to_string(replicas) + (replicas == 1 ? " replica" : " replicas") +
                           " to move (" + where + ")");
  return e;
}

ClusterEvent brokerRemovedEvent(std::int64_t nowMs, std::int32_t brokerId, int replicasMoved,
                                std::int32_t newControllerId) {
  ClusterEvent e{ClusterEventKind::kBrokerRemoved, nowMs, {}};
  e.brokerId = brokerId;
  e.count = replicasMoved;
  e.toLeader = newControllerId;
  e.description = "broker " + std::to_string(brokerId) + " removed";
  if (replicasMoved > 0) {
    e.description += " (" + std::to_string(replicasMoved) +
                     (replicasMoved == 1 ? " replica" : " replicas") + " moved)";
  }
  if (newControllerId >= 0)
    e.description += "; the controller moved to broker " + std::to_string(newControllerId);
  return e;
}

ClusterEvent brokerRemovalFailedEvent(std::int64_t nowMs, std::int32_t brokerId,
                                      const std::string& why) {
  ClusterEvent e{ClusterEventKind::kBrokerRemovalFailed, nowMs, {}};
  e.brokerId = brokerId;
  e.description = "broker " + std::to_string(brokerId) + " not removed: " + why;
  return e;
}

ClusterEvent leaderChangedEvent(std::int64_t nowMs, const std::string& topic,
                                std::int32_t partition, std::int32_t from, std::int32_t to,
                                std::int32_t epoch, const std::vector<std::int32_t>& oldIsr,
                                const std::vector<std::int32_t>& newIsr) {
  ClusterEvent e{ClusterEventKind::kLeaderChanged, nowMs, {}};
  e.topic = topic;
  e.partition = partition;
  e.fromLeader = from;
  e.toLeader = to;
  e.leaderEpoch = epoch;
  e.oldIsr = oldIsr;
  e.newIsr = newIsr;
  e.description =
      partitionName(topic, partition) + ": leader " + leaderName(from) + " → " + leaderName(to);
  if (to < 0) e.description += " (offline)";
  if (oldIsr != newIsr)
    e.description += ", ISR " + formatIdSet(oldIsr) + " → " + formatIdSet(newIsr);
  return e;
}

ClusterEvent isrChangedEvent(std::int64_t nowMs, const std::string& topic, std::int32_t partition,
                             std::int32_t leader, const std::vector<std::int32_t>& oldIsr,
                             const std::vector<std::int32_t>& newIsr) {
  ClusterEvent e{ClusterEventKind::kIsrChanged, nowMs, {}};
  e.topic = topic;
  e.partition = partition;
  e.fromLeader = e.toLeader = leader;
  e.oldIsr = oldIsr;
  e.newIsr = newIsr;
  e.description = partitionName(topic, partition) + ": ISR " + formatIdSet(oldIsr) + " → " +
                  formatIdSet(newIsr);
  return e;
}

ClusterEvent topicCreatedEvent(std::int64_t nowMs, const std::string& topic,
                               std::int32_t partitions, std::int32_t replicationFactor) {
  ClusterEvent e{ClusterEventKind::kTopicCreated, nowMs, {}};
  e.topic = topic;
  e.count = partitions;
  e.description = "topic " + topic + " created with " + std::to_string(partitions) + " partition" +
                  (partitions == 1 ? "" : "s") + ", replication factor " +
                  std::to_string(replicationFactor);
  return e;
}

ClusterEvent topicDeletedEvent(std::int64_t nowMs, const std::string& topic) {
  ClusterEvent e{ClusterEventKind::kTopicDeleted, nowMs, {}};
  e.topic = topic;
  e.description = "topic " + topic + " deleted";
  return e;
}

ClusterEvent partitionsAddedEvent(std::int64_t nowMs, const std::string& topic, std::int32_t from,
                                  std::int32_t to) {
  ClusterEvent e{ClusterEventKind::kPartitionsAdded, nowMs, {}};
  e.topic = topic;
  e.count = to;
  e.description =
      "topic " + topic + ": partitions " + std::to_string(from) + " → " + std::to_string(to);
  return e;
}

ClusterEvent topicConfigChangedEvent(std::int64_t nowMs, const std::string& topic,
                                     const std::string& change) {
  ClusterEvent e{ClusterEventKind::kTopicConfigChanged, nowMs, {}};
  e.topic = topic;
  e.description = "topic " + topic + ": " + change;
  return e;
}

ClusterEvent logTruncatedEvent(std::int64_t nowMs, std::int32_t brokerId, const std::string& topic,
                               std::int32_t partition, std::int64_t fromOffset,
                               std::int64_t toOffset) {
  ClusterEvent e{ClusterEventKind::kLogTruncated, nowMs, {}};
  e.brokerId = brokerId;
  e.topic = topic;
  e.partition = partition;
  e.fromOffset = fromOffset;
  e.toOffset = toOffset;
  e.description = partitionName(topic, partition) + " on broker " + std::to_string(brokerId) +
                  ": divergent tail truncated, log end " + std::to_string(fromOffset) + " → " +
                  std::to_string(toOffset);
  return e;
}

namespace {

ClusterEvent reassignmentEvent(ClusterEventKind kind, std::int64_t nowMs, const std::string& topic,
                               std::int32_t partition, const std::vector<std::int32_t>& from,
                               const std::vector<std::int32_t>& to) {
  ClusterEvent e{kind, nowMs, {}};
  e.topic = topic;
  e.partition = partition;
  e.oldReplicas = from;
  e.newReplicas = to;
  return e;
}

}  // namespace

ClusterEvent reassignmentStartedEvent(std::int64_t nowMs, const std::string& topic,
                                      std::int32_t partition, const std::vector<std::int32_t>& from,
                                      const std::vector<std::int32_t>& to,
                                      const std::vector<std::int32_t>& adding,
                                      const std::vector<std::int32_t>& removing) {
  ClusterEvent e =
      reassignmentEvent(ClusterEventKind::kReassignmentStarted, nowMs, topic, partition, from, to);
  e.description = partitionName(topic, partition) + ": reassigning replicas " + formatIdSet(from) +
                  " → " + formatIdSet(to);
  std::string detail;
  if (!adding.empty()) detail += "adding " + formatIdSet(adding);
  if (!removing.empty())
    detail += (detail.empty() ? "" : ", ") + std::string("removing ") + formatIdSet(removing);
  if (!detail.empty()) e.description += " (" + detail + ")";
  return e;
}

ClusterEvent reassignmentCompletedEvent(std::int64_t nowMs, const std::string& topic,
                                        std::int32_t partition,
                                        const std::vector<std::int32_t>& from,
                                        const std::vector<std::int32_t>& to) {
  ClusterEvent e = reassignmentEvent(ClusterEventKind::kReassignmentCompleted, nowMs, topic,
                                     partition, from, to);
  e.description = partitionName(topic, partition) + ": reassigned replicas " + formatIdSet(from) +
                  " → " + formatIdSet(to);
  return e;
}

ClusterEvent reassignmentCancelledEvent(std::int64_t nowMs, const std::string& topic,
                                        std::int32_t partition,
                                        const std::vector<std::int32_t>& target,
                                        const std::vector<std::int32_t>& restored) {
  ClusterEvent e = reassignmentEvent(ClusterEventKind::kReassignmentCancelled, nowMs, topic,
                                     partition, target, restored);
  e.description = partitionName(topic, partition) + ": reassignment to " + formatIdSet(target) +
                  " cancelled; replicas back to " + formatIdSet(restored);
  return e;
}

}  // namespace runnel::cluster
