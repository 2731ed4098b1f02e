#include "tests/support/scripted_cluster_client.h"

namespace runnel::testing {
namespace {

Status unsupported() {
  return Status::notSupported("the scripted cluster has no admin");
}

class UnsupportedAdmin final : public client::Admin {
 public:
  Result<client::ClusterDescription> describeCluster(client::Timeout) override {
    return unsupported();
  }
  Status createTopic(const client::NewTopic&, client::Timeout) override { return unsupported(); }
  Status deleteTopic(const std::string&, client::Timeout) override { return unsupported(); }
  Status createPartitions(const std::string&, std::int32_t, client::Timeout) override {
    return unsupported();
  }
  Result<std::vector<std::string>> listTopics(bool, client::Timeout) override {
    return unsupported();
  }
  Result<std::vector<client::TopicDescription>> describeTopics(const std::vector<std::string>&,
                                                               client::Timeout) override {
    return unsupported();
  }
  Result<std::vector<client::ConfigEntry>> describeTopicConfigs(const std::string&,
                                                                client::Timeout) override {
    return unsupported();
  }
  Status alterTopicConfigs(const std::string&, const std::vector<client::AlterConfig>&,
                           client::Timeout) override {
    return unsupported();
  }
  Result<std::map<client::TopicPartition, client::ListedOffset>> listOffsets(
      const std::map<client::TopicPartition, client::OffsetSpec>&, client::Timeout) override {
    return unsupported();
  }
  Status deleteRecords(const std::map<client::TopicPartition, std::int64_t>&,
                       client::Timeout) override {
    return unsupported();
  }
  Result<std::vector<client::GroupListing>> listConsumerGroups(client::Timeout) override {
    return unsupported();
  }
  Result<std::vector<client::GroupDescription>> describeConsumerGroups(
      const std::vector<std::string>&, client::Timeout) override {
    return unsupported();
  }
  Result<client::OffsetMap> listConsumerGroupOffsets(const std::string&, client::Timeout) override {
    return unsupported();
  }
  Status alterConsumerGroupOffsets(const std::string&, const client::OffsetMap&,
                                   client::Timeout) override {
    return unsupported();
  }
  Status deleteConsumerGroup(const std::string&, client::Timeout) override { return unsupported(); }
  Status electPreferredLeaders(const std::vector<client::TopicPartition>&,
                               client::Timeout) override {
    return unsupported();
  }
  Status reassignPartition(const client::TopicPartition&, const std::vector<std::int32_t>&,
                           client::Timeout) override {
    return unsupported();
  }
};

}  // namespace

client::Admin& ScriptedClusterClient::admin() {
  static UnsupportedAdmin admin;
  return admin;
}

Status ScriptedClusterClient::setAlive(std::int32_t id, bool alive) {
  std::vector<ChangeCallback> callbacks;
  client::ClusterChange change;
  {
    std::lock_guard lock(mutex_);
    bool found = false;
    for (auto& b : view_.brokers) {
      if (b.id != id) continue;
      found = true;
      if (b.alive == alive)
        return Status::invalidArgument("broker " + std::to_string(id) +
                                       (alive ? " is alive" : " is dead"));
      b.alive = alive;
    }
    if (!found) return Status::notFound("no broker " + std::to_string(id));
    actions_.push_back((alive ? "restart " : "kill ") + std::to_string(id));
    change = {alive ? "broker-restarted" : "broker-died", 0,
              "broker " + std::to_string(id) + (alive ? " restarted" : " died"), id};
    callbacks = callbacks_;
  }
  for (auto& cb : callbacks)
    if (cb) cb(change);
  return Status::ok();
}

}  // namespace runnel::testing
