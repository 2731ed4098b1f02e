// KafkaFrontEnd: the embedded cluster's Kafka wire interface — one BrokerListener per broker
// (broker id i on basePort + i - 1, or any free port), each with a KafkaDispatcher over the
// shared HandlerRegistry. It follows the cluster's events: a killed broker's listener is closed
// with every connection on it, and reopened on the same port when the broker restarts; an added
// broker gets a listener too; a paused broker's listener stops reading and writing. Group APIs use
// the coordinator given in the options, or one the front end owns (offsets in the cluster's
// MetadataStore) when none is given. Ownership: borrows the Cluster, which must outlive the front
// end; owns listeners, dispatchers, the request capture and (if it made it) the coordinator.
// Thread-safety: all methods are thread-safe; stop() (or the destructor) must not be called from a
// cluster event callback.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/cluster/group/group_coordinator.h"
#include "engine/common/result.h"
#include "engine/kafka/front_end/request_capture.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/kafka_dispatcher.h"
#include "engine/kafka/server/broker_listener.h"

namespace runnel::kafka {

struct FrontEndOptions {
  std::string bindAddress = "127.0.0.1";
  // The host name put in Metadata/FindCoordinator; empty: the bind address (127.0.0.1 for
  // 0.0.0.0).
  std::string advertisedHost;
  int basePort = 9092;                             // 0: any free port for each broker (tests)
  group::GroupCoordinator* coordinator = nullptr;  // borrowed; null: the front end makes one
  group::GroupCoordinatorConfig groupConfig;       // for the one it makes
  // Non-empty: save the request frames clients send there (RequestCapture), as fuzzer seeds.
  std::string captureDirectory;
};

class KafkaFrontEnd {
 public:
  static Result<std::unique_ptr<KafkaFrontEnd>> start(cluster::Cluster& cluster,
                                                      FrontEndOptions options);
  ~KafkaFrontEnd();
  KafkaFrontEnd(const KafkaFrontEnd&) = delete;
  KafkaFrontEnd& operator=(const KafkaFrontEnd&) = delete;

  // Closes every listener (connections dropped) and stops following the cluster. Idempotent.
  void stop();

  // The port broker `id` listens (or last listened) on; 0 if it never had a listener.
  int port(std::int32_t brokerId) const;
  bool listening(std::int32_t brokerId) const;
  // "127.0.0.1:9092,127.0.0.1:9093,..." over the brokers with an open listener.
  std::string bootstrapServers() const;
  std::vector<ConnectedClient> clients() const;
  group::GroupCoordinator* coordinator() const { return context_.groups; }

 private:
  struct Endpoint {
    std::unique_ptr<KafkaDispatcher> dispatcher;
    std::unique_ptr<RequestDispatcher> capturing;  // wraps dispatcher when capturing requests
    std::unique_ptr<BrokerListener> listener;
    int port = 0;
  };

  KafkaFrontEnd(cluster::Cluster& cluster, FrontEndOptions options);
  Status open(std::int32_t brokerId);
  void close(std::int32_t brokerId);
  void setPaused(std::int32_t brokerId, bool paused);
  void onEvent(const cluster::ClusterEvent& event);

  cluster::Cluster& cluster_;
  const FrontEndOptions options_;
  std::string advertisedHost_;
  std::unique_ptr<group::MetadataOffsetStore> ownOffsets_;
  std::unique_ptr<group::GroupCoordinator> ownCoordinator_;
  std::unique_ptr<RequestCapture> capture_;
  HandlerRegistry registry_;
  std::atomic<std::int64_t> nextProducerId_{0};
  HandlerContext context_;
  int subscription_ = 0;

  mutable std::mutex mu_;  // guards endpoints_ and stopped_
  std::map<std::int32_t, Endpoint> endpoints_;
  bool stopped_ = false;
};

}  // namespace runnel::kafka
