// ScriptedClusterClient: a ClusterClient for studio tests whose cluster is whatever the test
// says it is — a settable ClusterView, changes pushed by hand, and an EmbeddedControl that
// records the actions and applies kill/restart to the view. Producers, consumers and the admin
// answer NotSupported: the panels under test do not need them.
// Thread-safe (the studio calls it from worker threads).
#pragma once

#include <mutex>
#include <vector>

#include "engine/client/cluster_client.h"

namespace runnel::testing {

class ScriptedClusterClient final : public client::ClusterClient,
                                    public client::ClusterObserver,
                                    public client::EmbeddedControl {
 public:
  explicit ScriptedClusterClient(client::ClusterView view) : view_(std::move(view)) {}

  // ClusterClient
  std::string displayName() const override { return "Scripted cluster"; }
  client::ClusterCapabilities capabilities() const override { return {true, true, false}; }
  std::string bootstrapServers() const override { return "127.0.0.1:9092"; }
  Result<std::unique_ptr<client::Producer>> createProducer(const client::ProducerConfig&) override {
    return Status::notSupported("scripted cluster");
  }
  Result<std::unique_ptr<client::Consumer>> createConsumer(const client::ConsumerConfig&) override {
    return Status::notSupported("scripted cluster");
  }
  client::Admin& admin() override;
  client::ClusterObserver& observer() override { return *this; }
  client::EmbeddedControl* embeddedControl() override { return this; }

  // ClusterObserver
  Result<client::ClusterView> view() override {
    std::lock_guard lock(mutex_);
    return view_;
  }
  int subscribe(ChangeCallback callback) override {
    std::lock_guard lock(mutex_);
    callbacks_.push_back(std::move(callback));
    return static_cast<int>(callbacks_.size());
  }
  void unsubscribe(int handle) override {
    std::lock_guard lock(mutex_);
    if (handle > 0 && handle <= static_cast<int>(callbacks_.size()))
      callbacks_[static_cast<std::size_t>(handle - 1)] = nullptr;
  }
  std::vector<client::ClusterChange> recentChanges() const override { return {}; }

  // EmbeddedControl: kill/restart flip the broker's alive flag and publish a change.
  Status killBroker(std::int32_t id) override { return setAlive(id, false); }
  Status restartBroker(std::int32_t id) override { return setAlive(id, true); }
  Result<std::int32_t> addBroker() override { return Status::notSupported("scripted cluster"); }
  Status cutLink(std::int32_t, std::int32_t, bool) override { return Status::ok(); }
  Status delayLink(std::int32_t, std::int32_t, std::int32_t) override { return Status::ok(); }
  Status dropOnLink(std::int32_t, std::int32_t, double) override { return Status::ok(); }
  Status healLink(std::int32_t, std::int32_t) override { return Status::ok(); }
  std::vector<client::ActiveFault> activeFaults() const override { return {}; }
  void clearFaults() override {}

  std::vector<std::string> actions() const {
    std::lock_guard lock(mutex_);
    return actions_;
  }

 private:
  Status setAlive(std::int32_t id, bool alive);

  mutable std::mutex mutex_;
  client::ClusterView view_;
  std::vector<ChangeCallback> callbacks_;
  std::vector<std::string> actions_;
};

}  // namespace runnel::testing
