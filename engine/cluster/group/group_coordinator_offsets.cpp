// GroupCoordinator: OffsetCommit (with Kafka's generation/member checks and "simple" commits
// from outside any group), OffsetFetch and OffsetDelete, over the injected OffsetStore.
#include <set>

#include "engine/cluster/group/group_coordinator.h"

namespace runnel::group {

std::optional<GroupError> GroupCoordinator::validateOffsetCommit(
    const GroupMetadata& group, const OffsetCommitRequest& req) const {
  if (group.is(GroupState::kDead)) return GroupError::kCoordinatorNotAvailable;
  // Generation -1 comes from the admin client or a consumer that assigns partitions itself;
  // such commits are fine while no member owns the group's partitions.
  if (req.generationId < 0 && group.is(GroupState::kEmpty)) return std::nullopt;
  if (req.generationId >= 0 || !req.memberId.empty() || req.groupInstanceId) {
    if (auto error = validateCurrentMember(group, req.memberId, req.groupInstanceId)) return error;
    if (req.generationId != group.generationId()) return GroupError::kIllegalGeneration;
    return std::nullopt;
  }
  if (!group.is(GroupState::kEmpty)) return GroupError::kUnknownMemberId;
  return std::nullopt;
}

std::vector<PartitionResult> GroupCoordinator::commitOffsets(const OffsetCommitRequest& req) {
  DeferredCalls out;
  std::vector<PartitionResult> results;
  auto failAll = [&](GroupError e) {
    results.clear();
    for (const OffsetCommitEntry& o : req.offsets)
      results.push_back({o.topic, o.partition, e});
  };
  {
    MutexLock lock(mu_);
    tickLocked(out);
    const GroupError status = checkActive(req.groupId, true);
    GroupMetadata* group = status == GroupError::kNone ? findGroup(req.groupId) : nullptr;
    if (status != GroupError::kNone) {
      failAll(status);
    } else if (!group && req.generationId >= 0) {
      failAll(GroupError::kIllegalGeneration);  // a commit from a generation we never had
    } else {
      if (!group) group = &createGroup(req.groupId);  // a "simple" group, for its offsets only
      std::optional<GroupError> error = validateOffsetCommit(*group, req);
      if (!error && group->is(GroupState::kCompletingRebalance))
        error = GroupError::kRebalanceInProgress;
      if (error) {
        failAll(*error);
      } else {
        if (group->is(GroupState::kStable) || group->is(GroupState::kPreparingRebalance)) {
          MemberMetadata& member = group->get(req.memberId);
          scheduleHeartbeat(member, member.sessionTimeoutMs);  // a commit counts as a heartbeat
        }
        std::vector<CommittedOffset> batch;
        std::vector<std::size_t> batchIndex;
        const std::int64_t now = clock_->nowMs();
        for (const OffsetCommitEntry& o : req.offsets) {
          PartitionResult r{o.topic, o.partition, GroupError::kNone};
          if (o.metadata.size() > static_cast<std::size_t>(config_.maxOffsetMetadataBytes)) {
            r.error = GroupError::kOffsetMetadataTooLarge;
          } else if (config_.partitionExists && !config_.partitionExists(o.topic, o.partition)) {
            r.error = GroupError::kUnknownTopicOrPartition;
          } else {
            batch.push_back(
                {req.groupId, o.topic, o.partition, o.offset, o.leaderEpoch, o.metadata, now});
            batchIndex.push_back(results.size());
          }
          results.push_back(std::move(r));
        }
        if (!batch.empty() && !offsets_->commit(batch).isOk()) {
          // The store is the log Kafka would append to: a failed write is retriable.
          for (std::size_t i : batchIndex)
            results[i].error = GroupError::kCoordinatorNotAvailable;
        }
      }
      settle(*group, out);
    }
  }
  finish(out);
  return results;
}

OffsetFetchResult GroupCoordinator::fetchOffsets(
    const std::string& groupId, const std::optional<std::vector<PartitionRef>>& partitions) {
  OffsetFetchResult result;
  MutexLock lock(mu_);
  result.error = checkActive(groupId, true);
  if (result.error != GroupError::kNone) return result;
  // Offsets are answered whatever the group's state, and for groups the coordinator does not
  // track at all: consumers that assign partitions themselves still commit and fetch.
  auto stored = offsets_->fetch(groupId);
  if (!stored.isOk()) {
    result.error = GroupError::kCoordinatorNotAvailable;
    return result;
  }
  auto toEntry = [](const CommittedOffset& c) {
    return OffsetFetchEntry{c.topic,       c.partition, c.offset,
                            c.leaderEpoch, c.metadata,  GroupError::kNone};
  };
  if (!partitions) {
    for (const CommittedOffset& c : *stored)
      result.offsets.push_back(toEntry(c));
    return result;
  }
  for (const PartitionRef& p : *partitions) {
    OffsetFetchEntry e{p.topic, p.partition, -1, -1, "", GroupError::kNone};
    for (const CommittedOffset& c : *stored) {
      if (c.topic == p.topic && c.partition == p.partition) e = toEntry(c);
    }
    result.offsets.push_back(std::move(e));
  }
  return result;
}

DeleteOffsetsResult GroupCoordinator::deleteOffsets(const std::string& groupId,
                                                    const std::vector<PartitionRef>& partitions) {
  DeferredCalls out;
  DeleteOffsetsResult result;
  {
    MutexLock lock(mu_);
    result.error = checkActive(groupId, false);
    if (result.error == GroupError::kNone) tickLocked(out);
    GroupMetadata* group = result.error == GroupError::kNone ? findGroup(groupId) : nullptr;
    std::vector<PartitionRef> eligible;
    if (result.error != GroupError::kNone) {
      // nothing more
    } else if (!group || group->is(GroupState::kDead)) {
      result.error = GroupError::kGroupIdNotFound;
    } else if (group->is(GroupState::kEmpty)) {
      eligible = partitions;
    } else if (group->protocolType() == "consumer") {
      // A live consumer group keeps the offsets of topics it still reads.
      for (const PartitionRef& p : partitions) {
        const auto& topics = group->subscribedTopics();
        if (topics && topics->count(p.topic)) {
          result.partitions.push_back({p.topic, p.partition, GroupError::kGroupSubscribedToTopic});
        } else {
          eligible.push_back(p);
        }
      }
    } else {
      result.error = GroupError::kNonEmptyGroup;
    }
    for (const PartitionRef& p : eligible) {
      const Status s = offsets_->remove(groupId, p.topic, p.partition);
      result.partitions.push_back(
          {p.topic, p.partition,
           s.isOk() ? GroupError::kNone : GroupError::kCoordinatorNotAvailable});
    }
  }
  finish(out);
  return result;
}

}  // namespace runnel::group
