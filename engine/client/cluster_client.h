// ClusterClient: a connection to one cluster — the embedded one or a remote Kafka cluster — and
// the only way the SQL engine, the data generators and the studio's models reach a cluster.
// It hands out producers and consumers and owns the Admin. Capabilities say what this backend
// can do beyond Kafka's client API (kill a broker, inject faults), so the studio hides actions
// that cannot exist remotely instead of showing them broken.
// Thread-safety: every method may be called from any thread.
// Lifetime: producers and consumers it created must be destroyed before it.
#pragma once

#include <memory>
#include <string>

#include "engine/client/admin.h"
#include "engine/client/client_config.h"
#include "engine/client/cluster_observer.h"
#include "engine/client/consumer.h"
#include "engine/client/embedded_control.h"
#include "engine/client/producer.h"
#include "engine/common/result.h"

namespace runnel::client {

struct ClusterCapabilities {
  bool embedded = false;        // runs in this process (brokers can be killed and restarted)
  bool faultInjection = false;  // Transport faults, request error injection
  bool demoClock = false;       // event time can be paused and fast-forwarded
};

class ClusterClient {
 public:
  virtual ~ClusterClient() = default;

  // "Embedded cluster (3 brokers)" or "kafka-prod (broker1:9092,...)", for titles and messages.
  virtual std::string displayName() const = 0;
  virtual ClusterCapabilities capabilities() const = 0;
  // Bootstrap servers a Kafka client would use ("127.0.0.1:9092,127.0.0.1:9093").
  virtual std::string bootstrapServers() const = 0;

  virtual Result<std::unique_ptr<Producer>> createProducer(const ProducerConfig& config) = 0;
  virtual Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig& config) = 0;
  virtual Admin& admin() = 0;
  virtual ClusterObserver& observer() = 0;
  // Broker kill/restart and fault injection; nullptr when the backend cannot (remote clusters).
  virtual EmbeddedControl* embeddedControl() = 0;
};

}  // namespace runnel::client
