#include "engine/kafka/handlers/handler_support.h"

#include "engine/cluster/cluster.h"
#include "engine/common/bytes.h"

namespace runnel::kafka {

std::vector<LiveBroker> liveBrokers(const HandlerContext& context) {
  std::vector<LiveBroker> out;
  for (std::int32_t id : context.cluster->brokerIds()) {
    cluster::Broker* b = context.cluster->broker(id);
    if (!b || !b->alive()) continue;
    BrokerAddress address = context.addressOf(id);
    if (address.port <= 0) continue;
    out.push_back({id, std::move(address)});
  }
  return out;
}

std::int32_t controllerId(const HandlerContext& context) {
  auto live = liveBrokers(context);
  return live.empty() ? -1 : live.front().id;
}

std::int32_t coordinatorFor(const HandlerContext& context, const std::string& key) {
  auto live = liveBrokers(context);
  if (live.empty()) return -1;
  std::uint32_t h = 2166136261u;  // FNV-1a: stable across runs, unlike std::hash
  for (unsigned char c : key)
    h = (h ^ c) * 16777619u;
  return live[h % live.size()].id;
}

bool brokerAlive(const HandlerContext& context, std::int32_t brokerId) {
  cluster::Broker* b = context.cluster->broker(brokerId);
  return b && b->alive();
}

Uuid toWireUuid(const runnel::Uuid& id) {
  Uuid out;
  out.high = loadBigEndian64(id.bytes().data());
  out.low = loadBigEndian64(id.bytes().data() + 8);
  return out;
}

}  // namespace runnel::kafka
