// TopicSettings: one topic's effective configuration — its log settings plus the replication
// settings a topic may override (min.insync.replicas, unclean.leader.election.enable) — resolved
// from the cluster defaults and the topic's own overrides. Also says which keys a topic accepts.
// Plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/cluster/api_error.h"
#include "engine/cluster/cluster_config.h"
#include "engine/common/result.h"
#include "engine/log/log_config.h"

namespace runnel::cluster {

struct TopicSettings {
  LogConfig log;
  std::int32_t minInsyncReplicas = 1;
  bool uncleanLeaderElection = false;
};

// Whether `key` is a topic-level setting (log settings plus the two replication ones).
bool isTopicConfigKey(std::string_view key);

// The settings of a topic with `overrides` on top of the cluster's defaults. INVALID_CONFIG
// naming the key and the reason when a key is unknown or a value is bad.
Result<TopicSettings> resolveTopicSettings(const ClusterConfig& cluster,
                                           const std::map<std::string, std::string>& overrides);
// As above, reporting the problem as a Kafka error.
ApiError validateTopicConfigs(const ClusterConfig& cluster,
                              const std::map<std::string, std::string>& overrides);

}  // namespace runnel::cluster
