#include "engine/client/embedded/group_member.h"

#include <algorithm>
#include <map>

#include "engine/client/assignors/cooperative_sticky_assignor.h"
#include "engine/client/assignors/range_assignor.h"
#include "engine/client/assignors/round_robin_assignor.h"
#include "engine/client/embedded/status_mapping.h"

namespace runnel::client::embedded {

using group::GroupError;

namespace {
bool ready(const auto& future) {
  return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

std::unique_ptr<assignors::Assignor> makeAssignor(const std::string& name) {
  if (name == "range") return std::make_unique<assignors::RangeAssignor>();
  if (name == "roundrobin") return std::make_unique<assignors::RoundRobinAssignor>();
  if (name == "cooperative-sticky") return std::make_unique<assignors::CooperativeStickyAssignor>();
  return nullptr;
}

std::vector<TopicPartition> minus(const std::set<TopicPartition>& a,
                                  const std::set<TopicPartition>& b) {
  std::vector<TopicPartition> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
}  // namespace

GroupMember::GroupMember(cluster::Cluster& cluster, group::GroupCoordinator& coordinator,
                         const ConsumerConfig& config)
    : cluster_(cluster), coordinator_(coordinator), config_(config) {
  bool allCooperative = true;
  for (const auto& name : config.assignmentStrategies) {
    auto a = makeAssignor(name);
    if (!a) continue;
    auto protocols = a->supportedProtocols();
    allCooperative =
        allCooperative && std::find(protocols.begin(), protocols.end(),
                                    assignors::RebalanceProtocol::kCooperative) != protocols.end();
    assignors_.push_back(std::move(a));
  }
  if (!assignors_.empty() && allCooperative) protocol_ = assignors::RebalanceProtocol::kCooperative;
}

Status GroupMember::setSubscription(std::vector<std::string> topics) {
  if (assignors_.empty())
    return Status::invalidArgument("partition.assignment.strategy names no known assignor");
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  for (const auto& t : topics) {
    if (!cluster_.controller().topic(t)) (void)cluster_.controller().ensureTopic(t);
  }
  if (topics != topics_) {
    topics_ = std::move(topics);
    if (phase_ != Phase::kJoining && phase_ != Phase::kSyncing) phase_ = Phase::kUnjoined;
  }
  return Status::ok();
}

Status GroupMember::step(AssignmentChange& change) {
  if (topics_.empty()) return Status::ok();
  if (phase_ == Phase::kUnjoined) return startJoin(change);
  if (phase_ == Phase::kJoining) {
    if (!ready(joining_)) return Status::ok();
    return onJoined(joining_.get(), change);
  }
  if (phase_ == Phase::kSyncing) {
    if (!ready(syncing_)) return Status::ok();
    return onSynced(syncing_.get(), change);
  }
  const auto now = std::chrono::steady_clock::now();
  if (now < nextHeartbeat_) return Status::ok();
  nextHeartbeat_ = now + std::chrono::milliseconds(config_.heartbeatIntervalMs);
  const GroupError e =
      coordinator_.heartbeat({config_.groupId, generation_, memberId_, std::nullopt});
  if (e == GroupError::kNone) return Status::ok();
  if (e == GroupError::kRebalanceInProgress) return startJoin(change);
  resetMembership(change, true);
  return Status::ok();
}

Status GroupMember::startJoin(AssignmentChange& change) {
  if (!cooperative() && !owned_.empty()) {
    // Eager: everything is given up (and committed by the consumer) before the JoinGroup goes
    // out on the next step, while the generation still accepts commits.
    change.revoked.insert(change.revoked.end(), owned_.begin(), owned_.end());
    owned_.clear();
    phase_ = Phase::kUnjoined;
    return Status::ok();
  }
  group::JoinRequest req;
  req.groupId = config_.groupId;
  req.memberId = memberId_;
  if (!config_.groupInstanceId.empty()) req.groupInstanceId = config_.groupInstanceId;
  req.clientId = config_.clientId;
  req.clientHost = "/127.0.0.1";
  req.sessionTimeoutMs = config_.sessionTimeoutMs;
  req.rebalanceTimeoutMs = config_.maxPollIntervalMs;
  req.protocolType = "consumer";
  assignors::Subscription sub;
  sub.topics = topics_;
  for (const auto& tp : owned_)
    sub.ownedPartitions.push_back({tp.topic, tp.partition});
  sub.generationId = generation_;
  auto bytes = assignors::encodeSubscription(sub);
  if (!bytes.isOk()) return bytes.status();
  for (const auto& a : assignors_)
    req.protocols.push_back({std::string(a->name()), *bytes});
  joining_ = coordinator_.joinGroup(std::move(req));
  phase_ = Phase::kJoining;
  return Status::ok();
}

Status GroupMember::onJoined(group::JoinResult result, AssignmentChange& change) {
  if (result.error == GroupError::kMemberIdRequired) {
    memberId_ = result.memberId;
    phase_ = Phase::kUnjoined;
    return startJoin(change);
  }
  if (result.error == GroupError::kUnknownMemberId ||
      result.error == GroupError::kIllegalGeneration) {
    resetMembership(change, true);
    return Status::ok();
  }
  if (result.error != GroupError::kNone) {
    phase_ = Phase::kUnjoined;  // coordinator busy or gone: try again on the next step
    if (result.error == GroupError::kRebalanceInProgress ||
        result.error == GroupError::kCoordinatorNotAvailable ||
        result.error == GroupError::kNotCoordinator) {
      return Status::ok();
    }
    return toStatus(result.error, "joining group " + config_.groupId);
  }
  memberId_ = result.memberId;
  generation_ = result.generationId;
  group::SyncRequest sync;
  sync.groupId = config_.groupId;
  sync.generationId = generation_;
  sync.memberId = memberId_;
  if (!config_.groupInstanceId.empty()) sync.groupInstanceId = config_.groupInstanceId;
  sync.protocolType = result.protocolType;
  sync.protocolName = result.protocolName;
  if (result.leaderId == memberId_ && !result.skipAssignment) {
    auto assignments = computeAssignment(result);
    if (!assignments.isOk()) return assignments.status();
    sync.assignments = std::move(assignments).value();
  }
  syncing_ = coordinator_.syncGroup(std::move(sync));
  phase_ = Phase::kSyncing;
  return Status::ok();
}

Result<std::vector<std::pair<std::string, Bytes>>> GroupMember::computeAssignment(
    const group::JoinResult& result) {
  const assignors::Assignor* assignor = nullptr;
  for (const auto& a : assignors_) {
    if (result.protocolName && a->name() == *result.protocolName) assignor = a.get();
  }
  if (assignor == nullptr)
    return Status::invalidArgument("the group chose an assignor this consumer lacks");
  std::vector<assignors::MemberSubscription> members;
  std::set<std::string> topics;
  for (const auto& m : result.members) {
    RUNNEL_ASSIGN_OR_RETURN(assignors::DecodedSubscription d,
                            assignors::decodeSubscription(m.metadata));
    topics.insert(d.subscription.topics.begin(), d.subscription.topics.end());
    members.push_back({m.memberId, m.groupInstanceId, std::move(d.subscription)});
  }
  assignors::PartitionCounts counts;
  for (const auto& t : topics) {
    if (auto rec = cluster_.controller().topic(t)) counts[t] = rec->partitionCount;
  }
  RUNNEL_ASSIGN_OR_RETURN(assignors::GroupAssignment assignment, assignor->assign(counts, members));
  if (cooperative()) {
    // A partition another member still owns is held back: its owner revokes it first and the
    // follow-up rebalance hands it over.
    std::map<assignors::TopicPartition, std::string> ownedBy;
    for (const auto& m : members) {
      for (const auto& tp : m.subscription.ownedPartitions)
        ownedBy[tp] = m.memberId;
    }
    for (auto& [member, parts] : assignment) {
      std::erase_if(parts, [&](const assignors::TopicPartition& tp) {
        auto it = ownedBy.find(tp);
        return it != ownedBy.end() && it->second != member;
      });
    }
  }
  std::vector<std::pair<std::string, Bytes>> out;
  for (const auto& [member, parts] : assignment) {
    RUNNEL_ASSIGN_OR_RETURN(Bytes b, assignors::encodeAssignment({parts, std::nullopt}));
    out.emplace_back(member, std::move(b));
  }
  return out;
}

Status GroupMember::onSynced(group::SyncResult result, AssignmentChange& change) {
  if (result.error == GroupError::kRebalanceInProgress) {
    phase_ = Phase::kUnjoined;
    return Status::ok();
  }
  if (result.error != GroupError::kNone) {
    resetMembership(change, true);
    return Status::ok();
  }
  RUNNEL_ASSIGN_OR_RETURN(assignors::DecodedAssignment decoded,
                          assignors::decodeAssignment(result.assignment));
  std::set<TopicPartition> next;
  for (const auto& tp : decoded.assignment.partitions)
    next.insert({tp.topic, tp.partition});
  auto revoked = minus(owned_, next);
  auto added = minus(next, owned_);
  change.revoked.insert(change.revoked.end(), revoked.begin(), revoked.end());
  change.assigned.insert(change.assigned.end(), added.begin(), added.end());
  owned_ = std::move(next);
  phase_ = Phase::kStable;
  nextHeartbeat_ =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.heartbeatIntervalMs);
  // Cooperative: what was given up is handed out by a follow-up rebalance.
  if (cooperative() && !revoked.empty()) phase_ = Phase::kUnjoined;
  return Status::ok();
}

void GroupMember::resetMembership(AssignmentChange& change, bool lost) {
  if (lost) change.lost.insert(change.lost.end(), owned_.begin(), owned_.end());
  owned_.clear();
  memberId_.clear();
  generation_ = -1;
  phase_ = Phase::kUnjoined;
}

void GroupMember::leave() {
  if (!memberId_.empty()) {
    std::optional<std::string> instance;
    if (!config_.groupInstanceId.empty()) instance = config_.groupInstanceId;
    (void)coordinator_.leaveGroup(config_.groupId,
                                  {{memberId_, instance, "the consumer is leaving"}});
  }
  // A pending join or sync answers on its own; its future is simply dropped.
  owned_.clear();
  memberId_.clear();
  generation_ = -1;
  phase_ = Phase::kUnjoined;
  topics_.clear();
}

}  // namespace runnel::client::embedded
