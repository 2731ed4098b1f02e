// ListOffsets (key 2), versions 1-7: earliest (-2), latest (-1), max timestamp (-3, v7) and
// by-timestamp lookups, answered by this broker's partition leaders.
// Not implemented: read_committed isolation (same as read_uncommitted: no transactions), the
// v0 multi-offset form (not advertised), tiered-storage timestamps (-4, -5).
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/list_offsets.h"

namespace runnel::kafka {
namespace {

void handleListOffsets(HandlerCall& call) {
  auto& request = static_cast<ListOffsetsRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  std::vector<cluster::ListOffsetsPartition> wanted;
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      cluster::ListOffsetsPartition lp;
      lp.topic = topic.name;
      lp.partition = p.partitionIndex;
      lp.timestamp = p.timestamp;
      lp.currentLeaderEpoch = p.currentLeaderEpoch;
      wanted.push_back(std::move(lp));
    }
  }
  auto reply = call.reply;
  cluster::Broker* broker = ctx.cluster->broker(call.brokerId);
  if (!broker) {
    ListOffsetsResponse response;
    reply(&response);
    return;
  }
  const std::int16_t version = call.version();
  broker->listOffsets(std::move(wanted),
                      [reply, version](std::vector<cluster::ListOffsetsPartitionResult> results) {
                        ListOffsetsResponse response;
                        for (auto& r : results) {
                          if (response.topics.empty() || response.topics.back().name != r.topic) {
                            response.topics.emplace_back();
                            response.topics.back().name = r.topic;
                          }
                          ListOffsetsResponse::ListOffsetsPartitionResponse p;
                          p.partitionIndex = r.partition;
                          p.errorCode = wire(r.error);
                          p.timestamp = r.timestamp;
                          p.offset = r.offset;
                          if (version >= 4)
                            p.leaderEpoch =
                                r.leaderEpoch;  // the codec refuses data a version cannot carry
                          response.topics.back().partitions.push_back(std::move(p));
                        }
                        reply(&response);
                      });
}

}  // namespace

void registerListOffsets(HandlerRegistry& r) {
  r.add({ListOffsetsRequest::kApiKey, 1, 7, handleListOffsets});
}

}  // namespace runnel::kafka
