#include "engine/client/embedded/embedded_admin.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "engine/client/assignors/consumer_protocol.h"
#include "engine/client/embedded/status_mapping.h"

namespace runnel::client::embedded {

using cluster::ErrorCode;

namespace {
template <typename T, typename Call>
std::optional<T> await(Call call, std::chrono::milliseconds limit) {
  struct Slot {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<T> value;
  };
  auto slot = std::make_shared<Slot>();
  call([slot](T v) {
    std::lock_guard<std::mutex> lock(slot->mu);
    slot->value = std::move(v);
    slot->cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(slot->mu);
  slot->cv.wait_for(lock, limit, [&] { return slot->value.has_value(); });
  return std::move(slot->value);
}

std::vector<std::int32_t> offlineOf(cluster::Cluster& c,
                                    const std::vector<std::int32_t>& replicas) {
  std::vector<std::int32_t> out;
  for (std::int32_t r : replicas) {
    cluster::Broker* b = c.broker(r);
    if (b == nullptr || !b->alive()) out.push_back(r);
  }
  return out;
}
}  // namespace

std::vector<TopicPartition> decodeMemberAssignment(const Bytes& bytes) {
  std::vector<TopicPartition> out;
  if (bytes.empty()) return out;
  auto decoded = assignors::decodeAssignment(bytes);
  if (!decoded.isOk()) return out;
  for (const auto& tp : decoded->assignment.partitions)
    out.push_back({tp.topic, tp.partition});
  return out;
}

Result<ClusterDescription> EmbeddedAdmin::describeCluster(Timeout) {
  ClusterDescription d;
  d.clusterId = cluster_.clusterId();
  d.controllerId = groups_.coordinatorId();  // the lowest live broker, as the snapshot shows it
  for (std::int32_t id : cluster_.brokerIds()) {
    cluster::Broker* b = cluster_.broker(id);
    BrokerDescription bd;
    bd.id = id;
    bd.host = "127.0.0.1";
    bd.port = b != nullptr ? b->port() : 0;
    bd.alive = b != nullptr && b->alive();
    d.brokers.push_back(bd);
  }
  return d;
}

Status EmbeddedAdmin::createTopic(const NewTopic& topic, Timeout) {
  cluster::NewTopic t;
  t.name = topic.name;
  t.configs = topic.configs;
  t.internal = topic.internal;
  if (topic.replicaAssignment.empty()) {
    t.partitions = topic.partitions;
    t.replicationFactor = topic.replicationFactor;
  } else {
    for (const auto& [p, replicas] : topic.replicaAssignment) {
      if (p != static_cast<std::int32_t>(t.assignment.size())) {
        return Status::invalidArgument("replicaAssignment must name partitions 0..n-1");
      }
      t.assignment.push_back(replicas);
    }
  }
  return toStatus(cluster_.controller().createTopic(t));
}

Status EmbeddedAdmin::deleteTopic(const std::string& name, Timeout) {
  return toStatus(cluster_.controller().deleteTopic(name));
}

Status EmbeddedAdmin::createPartitions(const std::string& topic, std::int32_t totalCount, Timeout) {
  return toStatus(cluster_.controller().createPartitions(topic, totalCount));
}

Result<std::vector<std::string>> EmbeddedAdmin::listTopics(bool includeInternal, Timeout) {
  std::vector<std::string> out;
  for (const auto& t : cluster_.controller().topics()) {
    if (includeInternal || !t.internal) out.push_back(t.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<TopicDescription>> EmbeddedAdmin::describeTopics(
    const std::vector<std::string>& names, Timeout) {
  std::vector<TopicDescription> out;
  for (const auto& name : names) {
    auto t = cluster_.controller().topic(name);
    if (!t) return Status::notFound("UNKNOWN_TOPIC_OR_PARTITION: no topic " + name);
    TopicDescription d;
    d.name = t->name;
    d.topicId = t->id.toString();
    d.internal = t->internal;
    for (const auto& p : cluster_.controller().partitions(name)) {
      PartitionDescription pd;
      pd.partition = p.partition;
      pd.leader = p.leader;
      pd.leaderEpoch = p.leaderEpoch;
      pd.replicas = p.replicas;
      pd.isr = p.isr;
      pd.offlineReplicas = offlineOf(cluster_, p.replicas);
      d.partitions.push_back(std::move(pd));
    }
    std::sort(d.partitions.begin(), d.partitions.end(),
              [](const auto& a, const auto& b) { return a.partition < b.partition; });
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<ConfigEntry>> EmbeddedAdmin::describeTopicConfigs(const std::string& topic,
                                                                     Timeout) {
  auto t = cluster_.controller().topic(topic);
  if (!t) return Status::notFound("UNKNOWN_TOPIC_OR_PARTITION: no topic " + topic);
  std::vector<ConfigEntry> out;
  for (const auto& [k, v] : t->configs)
    out.push_back({k, v, ConfigSource::kTopic, false, false, {}});
  for (const auto& [k, v] : cluster_.config().defaultTopicConfigs) {
    if (!t->configs.contains(k))
      out.push_back({k, v, ConfigSource::kStaticBroker, false, false, {}});
  }
  if (!t->configs.contains("min.insync.replicas")) {
    out.push_back({"min.insync.replicas",
                   std::to_string(cluster_.config().minInsyncReplicas),
                   ConfigSource::kStaticBroker,
                   false,
                   false,
                   {}});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Status EmbeddedAdmin::alterTopicConfigs(const std::string& topic,
                                        const std::vector<AlterConfig>& changes, Timeout) {
  std::map<std::string, std::optional<std::string>> edits;
  for (const auto& c : changes) {
    switch (c.op) {
      case AlterConfigOp::kSet:
        edits[c.name] = c.value;
        break;
      case AlterConfigOp::kDelete:
        edits[c.name] = std::nullopt;
        break;
      default:
        return Status::notSupported(
            "APPEND/SUBTRACT apply to list configs, which topics here do not have");
    }
  }
  return toStatus(cluster_.controller().alterConfigs(topic, edits));
}

Result<std::map<TopicPartition, ListedOffset>> EmbeddedAdmin::listOffsets(
    const std::map<TopicPartition, OffsetSpec>& specs, Timeout timeout) {
  std::map<TopicPartition, ListedOffset> out;
  for (const auto& [tp, spec] : specs) {
    std::int64_t ts = cluster::kLatestTimestamp;
    switch (spec.kind) {
      case OffsetSpec::Kind::kEarliest:
        ts = cluster::kEarliestTimestamp;
        break;
      case OffsetSpec::Kind::kLatest:
        ts = cluster::kLatestTimestamp;
        break;
      case OffsetSpec::Kind::kMaxTimestamp:
        ts = cluster::kMaxTimestamp;
        break;
      case OffsetSpec::Kind::kTimestamp:
        ts = spec.timestampMs;
        break;
    }
    cluster::Broker* leader = cluster_.leaderOf({tp.topic, tp.partition});
    if (leader == nullptr)
      return Status::unavailable("LEADER_NOT_AVAILABLE: no leader for " + tp.toString());
    auto r = await<std::vector<cluster::ListOffsetsPartitionResult>>(
        [&](auto done) {
          leader->listOffsets({{tp.topic, tp.partition, ts, cluster::kNoEpoch}}, done);
        },
        timeout);
    if (!r || r->empty()) return Status::timedOut("ListOffsets for " + tp.toString());
    if (!r->front().error.ok()) return toStatus(r->front().error);
    out[tp] = {r->front().offset, r->front().timestamp, r->front().leaderEpoch};
  }
  return out;
}

Status EmbeddedAdmin::deleteRecords(const std::map<TopicPartition, std::int64_t>& before,
                                    Timeout timeout) {
  for (const auto& [tp, offset] : before) {
    cluster::Broker* leader = cluster_.leaderOf({tp.topic, tp.partition});
    if (leader == nullptr)
      return Status::unavailable("LEADER_NOT_AVAILABLE: no leader for " + tp.toString());
    auto r = await<std::vector<cluster::DeleteRecordsPartitionResult>>(
        [&](auto done) {
          leader->deleteRecords({{tp.topic, tp.partition, offset}}, done);
        },
        timeout);
    if (!r || r->empty()) return Status::timedOut("DeleteRecords for " + tp.toString());
    RUNNEL_RETURN_IF_ERROR(toStatus(r->front().error));
  }
  return Status::ok();
}

Result<std::vector<GroupListing>> EmbeddedAdmin::listConsumerGroups(Timeout) {
  auto [error, groups] = groups_.coordinator().listGroups();
  RUNNEL_RETURN_IF_ERROR(toStatus(error, "listing groups"));
  std::vector<GroupListing> out;
  for (const auto& g : groups)
    out.push_back({g.groupId, g.protocolType, std::string(group::groupStateName(g.state))});
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.groupId < b.groupId; });
  return out;
}

Result<std::vector<GroupDescription>> EmbeddedAdmin::describeConsumerGroups(
    const std::vector<std::string>& groupIds, Timeout) {
  std::vector<GroupDescription> out;
  for (const auto& id : groupIds) {
    auto [error, snap] = groups_.coordinator().describeGroup(id);
    if (error != group::GroupError::kNone && error != group::GroupError::kGroupIdNotFound) {
      return toStatus(error, "describing " + id);
    }
    GroupDescription d;
    d.groupId = id;
    d.state = std::string(group::groupStateName(snap.state));
    d.protocolType = snap.protocolType;
    d.protocol = snap.protocolName;
    d.coordinatorId = groups_.coordinatorId();
    d.generationId = snap.generationId;
    for (const auto& m : snap.members) {
      d.members.push_back({m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
                           decodeMemberAssignment(m.assignment)});
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<OffsetMap> EmbeddedAdmin::listConsumerGroupOffsets(const std::string& groupId, Timeout) {
  auto fetched = groups_.coordinator().fetchOffsets(groupId);
  RUNNEL_RETURN_IF_ERROR(toStatus(fetched.error, "fetching offsets of " + groupId));
  OffsetMap out;
  for (const auto& e : fetched.offsets) {
    if (e.offset >= 0) out[{e.topic, e.partition}] = {e.offset, e.metadata, e.leaderEpoch};
  }
  return out;
}

Status EmbeddedAdmin::alterConsumerGroupOffsets(const std::string& groupId,
                                                const OffsetMap& offsets, Timeout) {
  group::OffsetCommitRequest req;
  req.groupId = groupId;  // generation -1: accepted only while the group has no members
  for (const auto& [tp, o] : offsets)
    req.offsets.push_back({tp.topic, tp.partition, o.offset, o.leaderEpoch, o.metadata});
  for (const auto& r : groups_.coordinator().commitOffsets(req)) {
    RUNNEL_RETURN_IF_ERROR(
        toStatus(r.error, "altering " + r.topic + "-" + std::to_string(r.partition)));
  }
  return Status::ok();
}

Status EmbeddedAdmin::deleteConsumerGroup(const std::string& groupId, Timeout) {
  auto results = groups_.coordinator().deleteGroups({groupId});
  auto it = results.find(groupId);
  return it == results.end() ? Status::ok() : toStatus(it->second, "deleting " + groupId);
}

Status EmbeddedAdmin::electPreferredLeaders(const std::vector<TopicPartition>& partitions,
                                            Timeout) {
  std::vector<cluster::TopicPartition> tps;
  for (const auto& tp : partitions)
    tps.push_back({tp.topic, tp.partition});
  for (const auto& r : cluster_.controller().electPreferredLeaders(tps)) {
    // Already led by the preferred replica is not a failure.
    if (!r.error.ok() && r.error.code != ErrorCode::kElectionNotNeeded) return toStatus(r.error);
  }
  return Status::ok();
}

Status EmbeddedAdmin::reassignPartition(const TopicPartition& partition,
                                        const std::vector<std::int32_t>& replicas, Timeout) {
  return toStatus(
      cluster_.controller().alterReassignment({partition.topic, partition.partition}, replicas));
}

Status EmbeddedAdmin::cancelPartitionReassignment(const TopicPartition& partition, Timeout) {
  return toStatus(cluster_.controller().alterReassignment({partition.topic, partition.partition},
                                                          std::nullopt));
}

Result<std::vector<PartitionReassignment>> EmbeddedAdmin::listPartitionReassignments(
    const std::vector<TopicPartition>& partitions, Timeout) {
  std::vector<cluster::TopicPartition> tps;
  for (const auto& tp : partitions)
    tps.push_back({tp.topic, tp.partition});
  std::vector<PartitionReassignment> out;
  for (const auto& p : cluster_.controller().reassignments(tps))
    out.push_back({{p.topic, p.partition}, p.replicas, p.addingReplicas, p.removingReplicas});
  return out;
}

}  // namespace runnel::client::embedded
