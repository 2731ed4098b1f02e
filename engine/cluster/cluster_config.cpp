#include "engine/cluster/cluster_config.h"

#include <string>

#include "engine/cluster/topic_settings.h"

namespace runnel::cluster {

Status ClusterConfig::validate() const {
  auto bad = [](const std::string& what) {
    return Status::invalidArgument("cluster config: " + what);
  };
  if (brokers < 1 || brokers > kMaxBrokers) {
    return bad("brokers must be between 1 and " + std::to_string(kMaxBrokers) + ", got " +
               std::to_string(brokers));
  }
  if (dataDir.empty()) return bad("dataDir is empty");
  if (basePort < 0 || basePort + kMaxBrokers - 1 > 65535)
    return bad("basePort out of range: " + std::to_string(basePort));
  if (replicaLagTimeMaxMs <= 0) return bad("replica.lag.time.max.ms must be positive");
  if (brokerSessionTimeoutMs < 0) return bad("broker.session.timeout.ms must not be negative");
  if (replicaFetchWaitMaxMs < 0) return bad("replica.fetch.wait.max.ms must not be negative");
  if (replicaFetchWaitMaxMs >= replicaLagTimeMaxMs) {
    // Kafka refuses this too: a caught-up follower parked in a long poll would look lagging.
    return bad("replica.fetch.wait.max.ms must be below replica.lag.time.max.ms");
  }
  if (replicaFetchMaxBytes <= 0 || replicaFetchResponseMaxBytes <= 0)
    return bad("replica fetch sizes must be positive");
  if (replicaFetchBackoffMs < 0) return bad("replica.fetch.backoff.ms must not be negative");
  if (defaultReplicationFactor < 1) return bad("default.replication.factor must be at least 1");
  if (numPartitions < 1) return bad("num.partitions must be at least 1");
  if (minInsyncReplicas < 1) return bad("min.insync.replicas must be at least 1");
  if (housekeepingIntervalMs <= 0) return bad("housekeepingIntervalMs must be positive");
  if (logRetentionCheckIntervalMs <= 0)
    return bad("log.retention.check.interval.ms must be positive");
  if (eventHistory == 0) return bad("eventHistory must be at least 1");
  auto settings = resolveTopicSettings(*this, {});
  if (!settings.isOk()) return bad("default topic configs: " + settings.status().message());
  return Status::ok();
}

}  // namespace runnel::cluster
