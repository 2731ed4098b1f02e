// EmbeddedControl: what only the embedded cluster allows — killing and restarting brokers,
// adding and removing brokers, cutting, slowing and lossy-ing the links between them, and injecting
// error codes into chosen Kafka requests. The studio's "break things" actions use it; remote
// backends have none, so the studio hides those actions rather than showing them broken.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace runnel::client {

struct ActiveFault {
  std::string kind;  // "link-cut", "link-delay", "link-drop", "request-error", "broker-paused"
  std::string
      description;  // "link 1 ↔ 3 cut", "Produce to broker 2 answers NOT_LEADER_OR_FOLLOWER"
  std::int32_t brokerA = -1;
  std::int32_t brokerB = -1;
  std::int64_t ruleId = -1;  // "request-error": what removeInjectedError() takes
};

// An error code the Kafka front end answers chosen requests with (see cluster::RequestFaults).
struct InjectedError {
  std::int16_t apiKey = 0;
  std::string topic;           // empty: any topic
  std::int16_t errorCode = 0;  // Kafka wire code
  std::int32_t count = 0;      // > 0: the next `count` matching requests; 0: every one
  double probability = 1.0;    // share of matching requests, in (0, 1]
};

struct InjectableApiInfo {
  std::int16_t apiKey = 0;
  std::string name;  // "Produce"
};

// What removing a broker would do: how many replicas move, and where.
struct BrokerRemovalPlan {
  std::int32_t brokerId = -1;
  int replicasToMove = 0;
  std::map<std::int32_t, int> movesPerBroker;  // receiving broker -> replicas it takes
};

class EmbeddedControl {
 public:
  virtual ~EmbeddedControl() = default;

  virtual Status killBroker(std::int32_t brokerId) = 0;
  virtual Status restartBroker(std::int32_t brokerId) = 0;
  virtual Result<std::int32_t> addBroker() = 0;
  // Drains the broker (its replicas move to the others), then removes it for good; blocks until
  // done (call it off the GUI thread). planBrokerRemoval() says what it would do, or why not.
  // See cluster::Cluster::removeBroker. Backends without it say NotSupported.
  virtual Result<BrokerRemovalPlan> planBrokerRemoval(std::int32_t brokerId) {
    (void)brokerId;
    return Status::notSupported("this cluster cannot remove brokers");
  }
  virtual Status removeBroker(std::int32_t brokerId) {
    (void)brokerId;
    return Status::notSupported("this cluster cannot remove brokers");
  }

  // Links between brokers (replication traffic). `oneWay` cuts only a -> b.
  virtual Status cutLink(std::int32_t a, std::int32_t b, bool oneWay = false) = 0;
  virtual Status delayLink(std::int32_t a, std::int32_t b, std::int32_t delayMs) = 0;
  virtual Status dropOnLink(std::int32_t a, std::int32_t b, double dropRate) = 0;
  virtual Status healLink(std::int32_t a, std::int32_t b) = 0;
  // Cuts every link to and from the broker (it keeps serving its clients, but cannot replicate
  // or be replicated from) until the faults are cleared. Backends without it say NotSupported.
  virtual Status isolateBroker(std::int32_t brokerId) {
    (void)brokerId;
    return Status::notSupported("this cluster cannot isolate a broker");
  }

  // A paused broker keeps running and holds its connections but answers nothing until resumed
  // (or until clearFaults()); the controller fences it after its session timeout.
  virtual Status pauseBroker(std::int32_t brokerId) {
    (void)brokerId;
    return Status::notSupported("this cluster cannot pause a broker");
  }
  virtual Status resumeBroker(std::int32_t brokerId) {
    (void)brokerId;
    return Status::notSupported("this cluster cannot pause a broker");
  }

  // Error codes injected into Kafka requests. Backends without them say NotSupported.
  virtual Result<std::int64_t> injectError(const InjectedError& error) {
    (void)error;
    return Status::notSupported("this cluster cannot inject errors into requests");
  }
  virtual Status removeInjectedError(std::int64_t ruleId) {
    (void)ruleId;
    return Status::notSupported("this cluster cannot inject errors into requests");
  }
  virtual std::vector<InjectableApiInfo> injectableApis() const { return {}; }

  virtual std::vector<ActiveFault> activeFaults() const = 0;
  // Clears every fault at once: links healed, paused brokers resumed, injected errors removed.
  virtual void clearFaults() = 0;
};

}  // namespace runnel::client
