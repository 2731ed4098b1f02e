// EmbeddedClusterControl: EmbeddedControl over the embedded Cluster — kill, restart, add and
// remove brokers, the Transport's link faults (cut, delay, drop, heal, isolate) between brokers,
// and paused brokers. Thread-safety: all methods may be called from any thread (the Cluster and
// Transport are thread-safe). Borrows the Cluster, which must outlive it.
#pragma once

#include "engine/client/embedded_control.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded {

class EmbeddedClusterControl final : public EmbeddedControl {
 public:
  explicit EmbeddedClusterControl(cluster::Cluster& cluster) : cluster_(cluster) {}

  Status killBroker(std::int32_t brokerId) override;
  Status restartBroker(std::int32_t brokerId) override;
  Result<std::int32_t> addBroker() override;
  Result<BrokerRemovalPlan> planBrokerRemoval(std::int32_t brokerId) override;
  Status removeBroker(std::int32_t brokerId) override;
  Status cutLink(std::int32_t a, std::int32_t b, bool oneWay) override;
  Status delayLink(std::int32_t a, std::int32_t b, std::int32_t delayMs) override;
  Status dropOnLink(std::int32_t a, std::int32_t b, double dropRate) override;
  Status healLink(std::int32_t a, std::int32_t b) override;
  Status isolateBroker(std::int32_t brokerId) override;
  Status pauseBroker(std::int32_t brokerId) override;
  Status resumeBroker(std::int32_t brokerId) override;
  Result<std::int64_t> injectError(const InjectedError& error) override;
  Status removeInjectedError(std::int64_t ruleId) override;
  std::vector<InjectableApiInfo> injectableApis() const override;
  std::vector<ActiveFault> activeFaults() const override;
  void clearFaults() override;

 private:
  Status checkLink(std::int32_t a, std::int32_t b) const;

  cluster::Cluster& cluster_;
};

}  // namespace runnel::client::embedded
