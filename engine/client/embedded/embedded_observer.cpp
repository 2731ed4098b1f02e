#include "engine/client/embedded/embedded_observer.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "engine/client/embedded/embedded_admin.h"

namespace runnel::client::embedded {

std::string changeKindName(cluster::ClusterEventKind kind) {
  // "LeaderChanged" -> "leader-changed"
  std::string out;
  for (char c : cluster::clusterEventKindName(kind)) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

ClusterChange toChange(const cluster::ClusterEvent& e) {
  ClusterChange c;
  c.kind = changeKindName(e.kind);
  c.timestampMs = e.timestampMs;
  c.description = e.description;
  c.brokerId = e.brokerId;
  c.topic = e.kind == cluster::ClusterEventKind::kGroupRebalanced ? e.group : e.topic;
  c.partition = e.partition;
  c.fromLeader = e.fromLeader;
  c.toLeader = e.toLeader;
  return c;
}

EmbeddedObserver::~EmbeddedObserver() {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [mine, bus] : busHandles_)
    cluster_.events().unsubscribe(bus);
}

Result<ClusterView> EmbeddedObserver::view() {
  cluster::ClusterSnapshot s = cluster_.snapshot();
  ClusterView v;
  v.clusterId = s.clusterId;
  v.takenAtMs = s.takenAtMs;
  v.controllerId = s.controllerId;
  for (const auto& b : s.brokers) {
    v.brokers.push_back({b.id, "127.0.0.1", b.port, b.alive, b.controller, b.leaderCount,
                         b.replicaCount, b.bytesInPerSec, b.bytesOutPerSec});
    v.brokers.back().paused = b.paused;
    v.brokers.back().fenced = b.fenced;
    v.brokers.back().draining = b.draining;
    v.brokers.back().drainReplicasToMove = b.drainReplicasToMove;
    v.brokers.back().drainReplicasMoved = b.drainReplicasMoved;
  }
  for (const auto& t : s.topics) {
    v.topics.push_back({t.name, t.id, t.partitions, t.replicationFactor, t.internal, t.configs});
  }
  std::map<TopicPartition, std::int64_t> hwm;
  for (const auto& p : s.partitions) {
    PartitionView pv;
    pv.topic = p.topic;
    pv.partition = p.partition;
    pv.leader = p.leader;
    pv.leaderEpoch = p.leaderEpoch;
    pv.replicas = p.replicas;
    pv.isr = p.isr;
    pv.offlineReplicas = p.offlineReplicas;
    pv.addingReplicas = p.addingReplicas;
    pv.removingReplicas = p.removingReplicas;
    pv.logStartOffset = p.logStartOffset;
    pv.highWatermark = p.highWatermark;
    pv.logEndOffset = p.logEndOffset;
    pv.sizeBytes = p.sizeBytes;
    pv.segmentBaseOffsets = p.segmentBaseOffsets;
    hwm[{p.topic, p.partition}] = p.highWatermark;
    v.partitions.push_back(std::move(pv));
  }
  std::sort(v.partitions.begin(), v.partitions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
  });
  const std::int32_t coordinator = groups_.coordinatorId();
  for (const auto& g : groups_.coordinator().snapshots()) {
    GroupView gv;
    gv.groupId = g.groupId;
    gv.state = std::string(group::groupStateName(g.state));
    gv.protocol = g.protocolName;
    gv.coordinator = coordinator;
    gv.generation = g.generationId;
    std::map<TopicPartition, std::string> owner;
    for (const auto& m : g.members) {
      GroupMemberView mv{m.memberId, m.clientId, m.clientHost,
                         decodeMemberAssignment(m.assignment)};
      for (const auto& tp : mv.assignment)
        owner[tp] = m.memberId;
      gv.members.push_back(std::move(mv));
    }
    std::map<TopicPartition, std::int64_t> committed;
    for (const auto& e : groups_.coordinator().fetchOffsets(g.groupId).offsets) {
      if (e.offset >= 0) committed[{e.topic, e.partition}] = e.offset;
    }
    std::set<TopicPartition> all;
    for (const auto& [tp, o] : committed)
      all.insert(tp);
    for (const auto& [tp, m] : owner)
      all.insert(tp);
    for (const auto& tp : all) {
      GroupPartitionView pv;
      pv.topicPartition = tp;
      auto c = committed.find(tp);
      if (c != committed.end()) pv.committedOffset = c->second;
      auto h = hwm.find(tp);
      if (c != committed.end() && h != hwm.end())
        pv.lag = std::max<std::int64_t>(0, h->second - c->second);
      auto o = owner.find(tp);
      if (o != owner.end()) pv.memberId = o->second;
      gv.partitions.push_back(std::move(pv));
    }
    v.groups.push_back(std::move(gv));
  }
  std::sort(v.groups.begin(), v.groups.end(),
            [](const auto& a, const auto& b) { return a.groupId < b.groupId; });
  return v;
}

int EmbeddedObserver::subscribe(ChangeCallback callback) {
  const int handle = cluster_.events().subscribe(
      [cb = std::move(callback)](const cluster::ClusterEvent& e) { cb(toChange(e)); });
  std::lock_guard<std::mutex> lock(mu_);
  busHandles_[handle] = handle;
  return handle;
}

void EmbeddedObserver::unsubscribe(int handle) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (busHandles_.erase(handle) == 0) return;
  }
  cluster_.events().unsubscribe(handle);
}

std::vector<ClusterChange> EmbeddedObserver::recentChanges() const {
  std::vector<ClusterChange> out;
  for (const auto& e : cluster_.events().history())
    out.push_back(toChange(e));
  return out;
}

}  // namespace runnel::client::embedded
