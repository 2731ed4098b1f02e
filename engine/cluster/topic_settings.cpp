#include "engine/cluster/topic_settings.h"

#include <charconv>

namespace runnel::cluster {
namespace {

constexpr std::string_view kMinInsync = "min.insync.replicas";
constexpr std::string_view kUnclean = "unclean.leader.election.enable";

Status applyReplicationKey(TopicSettings& s, std::string_view key, std::string_view value) {
  if (key == kMinInsync) {
    std::int32_t n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size() || n < 1) {
      return Status::invalidArgument("min.insync.replicas must be an integer of at least 1, got '" +
                                     std::string(value) + "'");
    }
    s.minInsyncReplicas = n;
    return Status::ok();
  }
  if (value == "true" || value == "false") {
    s.uncleanLeaderElection = value == "true";
    return Status::ok();
  }
  return Status::invalidArgument("unclean.leader.election.enable must be true or false, got '" +
                                 std::string(value) + "'");
}

}  // namespace

bool isTopicConfigKey(std::string_view key) {
  return key == kMinInsync || key == kUnclean || LogConfig::isLogConfigKey(key);
}

Result<TopicSettings> resolveTopicSettings(const ClusterConfig& cluster,
                                           const std::map<std::string, std::string>& overrides) {
  TopicSettings s;
  s.minInsyncReplicas = cluster.minInsyncReplicas;
  s.uncleanLeaderElection = cluster.uncleanLeaderElectionEnable;
  for (const auto* layer : {&cluster.defaultTopicConfigs, &overrides}) {
    for (const auto& [key, value] : *layer) {
      if (key == kMinInsync || key == kUnclean) {
        RUNNEL_RETURN_IF_ERROR(applyReplicationKey(s, key, value));
        continue;
      }
      if (!LogConfig::isLogConfigKey(key))
        return Status::invalidArgument("unknown topic config '" + key + "'");
      RUNNEL_RETURN_IF_ERROR(s.log.set(key, value));
    }
  }
  return s;
}

ApiError validateTopicConfigs(const ClusterConfig& cluster,
                              const std::map<std::string, std::string>& overrides) {
  auto s = resolveTopicSettings(cluster, overrides);
  if (s.isOk()) return {};
  return {ErrorCode::kInvalidConfig, s.status().message()};
}

}  // namespace runnel::cluster
