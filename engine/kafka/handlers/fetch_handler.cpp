// Fetch (key 1), versions 4-12, for consumers. Served by this broker's partition leaders with
// long polling (max_wait_ms / min_bytes), whole stored batches (the batch holding a mid-batch
// fetch offset included; clients skip the records before it), last_stable_offset = the high
// watermark (no transactions) and preferred_read_replica = -1 (no follower fetching).
// Not implemented: fetch sessions (KIP-227: session id 0 is always answered, so clients send full
// requests), read_committed isolation (no transactions exist), rack-aware reads, topic ids (v13+
// is not advertised). Follower fetches over the wire are refused: replication is in process.
#include <memory>

#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/fetch.h"

namespace runnel::kafka {
namespace {

void handleFetch(HandlerCall& call) {
  auto& request = static_cast<FetchRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  auto reply = call.reply;
  if (request.replicaId >= 0) {
    FetchResponse response;
    response.errorCode = wire(ErrorCode::kNotLeaderOrFollower);
    reply(&response);
    return;
  }
  cluster::FetchRequest forward;
  forward.maxWaitMs = request.maxWaitMs;
  forward.minBytes = request.minBytes;
  forward.maxBytes = request.maxBytes;
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      cluster::FetchPartition fp;
      fp.topic = topic.topic;
      fp.partition = p.partition;
      fp.fetchOffset = p.fetchOffset;
      fp.currentLeaderEpoch = p.currentLeaderEpoch;
      fp.maxBytes = p.partitionMaxBytes;
      forward.partitions.push_back(std::move(fp));
    }
  }
  cluster::Broker* broker = ctx.cluster->broker(call.brokerId);
  if (!broker) {
    FetchResponse response;
    response.errorCode = wire(ErrorCode::kNotLeaderOrFollower);
    reply(&response);
    return;
  }
  broker->fetch(std::move(forward), [reply](cluster::FetchResponse result) {
    // The response's records view the result's bytes; both live until reply() has encoded.
    FetchResponse response;
    response.errorCode = wire(result.error);
    for (auto& r : result.partitions) {
      if (response.responses.empty() || response.responses.back().topic != r.topic) {
        response.responses.emplace_back();
        response.responses.back().topic = r.topic;
      }
      FetchResponse::PartitionData p;
      p.partitionIndex = r.partition;
      p.errorCode = wire(r.error);
      p.highWatermark = r.highWatermark;
      p.lastStableOffset = r.lastStableOffset >= 0 ? r.lastStableOffset : r.highWatermark;
      p.logStartOffset = r.logStartOffset;
      p.preferredReadReplica = -1;
      p.records = RecordsView{ByteView(r.records.data(), r.records.size())};
      response.responses.back().partitions.push_back(std::move(p));
    }
    reply(&response);
  });
}

}  // namespace

void registerFetch(HandlerRegistry& r) {
  r.add({FetchRequest::kApiKey, 4, 12, handleFetch});
}

}  // namespace runnel::kafka
