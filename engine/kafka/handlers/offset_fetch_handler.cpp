// OffsetFetch (key 9), versions 1-8. v1-7 ask for one group; v8 for several. A null topic list
// (v2+) means every committed offset of the group. Partitions without a commit answer offset -1.
// Not implemented: require_stable has nothing to wait for (no transactions).
#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/offset_fetch.h"

namespace runnel::kafka {
namespace {

group::OffsetFetchResult lookup(const HandlerContext& ctx, const std::string& groupId,
                                const std::optional<std::vector<group::PartitionRef>>& partitions) {
  if (!ctx.groups) return {group::GroupError::kCoordinatorNotAvailable, {}};
  return ctx.groups->fetchOffsets(groupId, partitions);
}

template <typename Topic>
std::optional<std::vector<group::PartitionRef>> refsOf(
    const std::optional<std::vector<Topic>>& topics) {
  if (!topics) return std::nullopt;
  std::vector<group::PartitionRef> refs;
  for (auto& t : *topics) {
    for (auto p : t.partitionIndexes)
      refs.push_back({t.name, p});
  }
  return refs;
}

void handleOffsetFetch(HandlerCall& call) {
  auto& request = static_cast<OffsetFetchRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  OffsetFetchResponse response;
  if (call.version() < 8) {
    auto result = lookup(ctx, request.groupId, refsOf(request.topics));
    response.errorCode = wire(result.error);
    for (auto& o : result.offsets) {
      if (response.topics.empty() || response.topics.back().name != o.topic) {
        response.topics.emplace_back();
        response.topics.back().name = o.topic;
      }
      OffsetFetchResponse::OffsetFetchResponsePartition p;
      p.partitionIndex = o.partition;
      p.committedOffset = o.offset;
      p.committedLeaderEpoch = o.leaderEpoch;
      p.metadata = o.metadata;
      p.errorCode = wire(o.error);
      response.topics.back().partitions.push_back(std::move(p));
    }
  } else {
    for (auto& g : request.groups) {
      auto result = lookup(ctx, g.groupId, refsOf(g.topics));
      OffsetFetchResponse::OffsetFetchResponseGroup out;
      out.groupId = g.groupId;
      out.errorCode = wire(result.error);
      for (auto& o : result.offsets) {
        if (out.topics.empty() || out.topics.back().name != o.topic) {
          out.topics.emplace_back();
          out.topics.back().name = o.topic;
        }
        OffsetFetchResponse::OffsetFetchResponsePartitions p;
        p.partitionIndex = o.partition;
        p.committedOffset = o.offset;
        p.committedLeaderEpoch = o.leaderEpoch;
        p.metadata = o.metadata;
        p.errorCode = wire(o.error);
        out.topics.back().partitions.push_back(std::move(p));
      }
      response.groups.push_back(std::move(out));
    }
  }
  call.reply(&response);
}

}  // namespace

void registerOffsetFetch(HandlerRegistry& r) {
  r.add({OffsetFetchRequest::kApiKey, 1, 8, handleOffsetFetch});
}

}  // namespace runnel::kafka
