// HandlerContext: what every Kafka request handler may reach — the embedded Cluster, the group
// coordinator, the id of the broker whose listener received the request, and how to name each
// broker's listener (host and port) in Metadata and FindCoordinator answers.
// Ownership: everything is borrowed; the KafkaFrontEnd that builds the context owns the
// coordinator and the port map and outlives every handler call. Thread-safety: the context is
// read-only after construction except the producer-id counter, which is atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace runnel::cluster {
class Cluster;
}
namespace runnel::group {
class GroupCoordinator;
}

namespace runnel::kafka {

struct BrokerAddress {
  std::string host;
  int port = 0;  // 0: the broker has no open listener (it is down)
};

struct HandlerContext {
  cluster::Cluster* cluster = nullptr;
  group::GroupCoordinator* groups = nullptr;  // null: group APIs answer COORDINATOR_NOT_AVAILABLE
  // The address clients should use for broker `id`.
  std::function<BrokerAddress(std::int32_t id)> addressOf;
  // Producer ids handed out by InitProducerId; seeded from the wall clock so ids from an earlier
  // run of the same data directory are not reused.
  std::atomic<std::int64_t>* nextProducerId = nullptr;
};

}  // namespace runnel::kafka
