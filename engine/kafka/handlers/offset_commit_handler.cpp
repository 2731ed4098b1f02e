// OffsetCommit (key 8), versions 2-8. Commits go to the GroupCoordinator, which checks the
// generation and member (generation -1 is a "simple" commit from outside any group) and keeps the
// offsets in the metadata store. v2-4's retention time is ignored (offsets.retention applies).
#include <map>

#include "engine/cluster/group/group_coordinator.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/offset_commit.h"

namespace runnel::kafka {
namespace {

void handleOffsetCommit(HandlerCall& call) {
  auto& request = static_cast<OffsetCommitRequest&>(*call.body);
  OffsetCommitResponse response;
  group::OffsetCommitRequest commit;
  commit.groupId = request.groupId;
  commit.generationId = request.generationIdOrMemberEpoch;
  commit.memberId = request.memberId;
  commit.groupInstanceId = request.groupInstanceId;
  for (auto& t : request.topics) {
    for (auto& p : t.partitions) {
      commit.offsets.push_back({t.name, p.partitionIndex, p.committedOffset, p.committedLeaderEpoch,
                                p.committedMetadata.value_or("")});
    }
  }
  std::vector<group::PartitionResult> results;
  if (call.context->groups) {
    results = call.context->groups->commitOffsets(commit);
  } else {
    for (auto& o : commit.offsets)
      results.push_back({o.topic, o.partition, group::GroupError::kCoordinatorNotAvailable});
  }
  for (auto& r : results) {
    if (response.topics.empty() || response.topics.back().name != r.topic) {
      response.topics.emplace_back();
      response.topics.back().name = r.topic;
    }
    response.topics.back().partitions.push_back({r.partition, wire(r.error), {}});
  }
  call.reply(&response);
}

}  // namespace

void registerOffsetCommit(HandlerRegistry& r) {
  r.add({OffsetCommitRequest::kApiKey, 2, 8, handleOffsetCommit});
}

}  // namespace runnel::kafka
