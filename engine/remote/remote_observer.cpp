#include "engine/remote/remote_observer.h"

#include <algorithm>
#include <tuple>

namespace runnel::remote {

namespace {

using client::ClusterChange;
using client::ClusterView;

constexpr std::size_t kHistory = 1000;

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string setText(const std::vector<std::int32_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i)
    out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

std::vector<std::int32_t> sorted(std::vector<std::int32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

RemoteObserver::~RemoteObserver() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (poller_.joinable()) poller_.join();
}

Result<ClusterView> RemoteObserver::view() {
  std::lock_guard<std::mutex> lock(fetchMu_);
  // Panels ask often; the cluster need not be asked more than a few times a second.
  if (cached_ && std::chrono::steady_clock::now() - cachedAt_ < std::chrono::milliseconds(500))
    return *cached_;
  RUNNEL_ASSIGN_OR_RETURN(ClusterView v, fetch());
  cached_ = v;
  cachedAt_ = std::chrono::steady_clock::now();
  return v;
}

Result<ClusterView> RemoteObserver::fetch() {
  const client::Timeout timeout = std::chrono::seconds(10);
  ClusterView v;
  v.takenAtMs = nowMs();
  RUNNEL_ASSIGN_OR_RETURN(auto cluster, admin_.describeCluster(timeout));
  RUNNEL_ASSIGN_OR_RETURN(auto topics, admin_.describeAllTopics(timeout));
  v.clusterId = cluster.clusterId;
  v.controllerId = cluster.controllerId;
  std::map<std::int32_t, client::BrokerView> brokers;
  for (const auto& b : cluster.brokers) {
    client::BrokerView bv;
    bv.id = b.id;
    bv.host = b.host;
    bv.port = b.port;
    bv.alive = true;
    bv.controller = b.id == cluster.controllerId;
    brokers[b.id] = bv;
  }
  std::map<client::TopicPartition, client::OffsetSpec> earliest, latest;
  for (const auto& t : topics) {
    client::TopicView tv;
    tv.name = t.name;
    tv.id = t.topicId;
    tv.partitions = static_cast<std::int32_t>(t.partitions.size());
    tv.replicationFactor =
        t.partitions.empty() ? 0 : static_cast<std::int16_t>(t.partitions.front().replicas.size());
    tv.internal = t.internal;
    v.topics.push_back(std::move(tv));
    for (const auto& p : t.partitions) {
      client::PartitionView pv;
      pv.topic = t.name;
      pv.partition = p.partition;
      pv.leader = p.leader;
      pv.leaderEpoch = p.leaderEpoch;
      pv.replicas = p.replicas;
      pv.isr = p.isr;
      pv.offlineReplicas = p.offlineReplicas;
      if (auto it = brokers.find(p.leader); it != brokers.end()) ++it->second.leaderCount;
      for (auto r : p.replicas) {
        if (auto it = brokers.find(r); it != brokers.end()) ++it->second.replicaCount;
      }
      if (p.leader >= 0) {
        earliest[{t.name, p.partition}] = client::OffsetSpec::earliest();
        latest[{t.name, p.partition}] = client::OffsetSpec::latest();
      }
      v.partitions.push_back(std::move(pv));
    }
  }
  for (auto& [id, b] : brokers)
    v.brokers.push_back(b);
  // Offsets and groups are best effort: a partition without a leader must not hide the rest.
  auto lows = admin_.listOffsets(earliest, timeout);
  auto highs = admin_.listOffsets(latest, timeout);
  std::map<client::TopicPartition, std::int64_t> hwm;
  for (auto& pv : v.partitions) {
    const client::TopicPartition tp{pv.topic, pv.partition};
    if (lows.isOk()) {
      if (auto it = lows->find(tp); it != lows->end()) pv.logStartOffset = it->second.offset;
    }
    if (highs.isOk()) {
      if (auto it = highs->find(tp); it != highs->end()) {
        pv.highWatermark = it->second.offset;
        hwm[tp] = it->second.offset;
      }
    }
  }
  std::sort(v.partitions.begin(), v.partitions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
  });
  for (auto& tv : v.topics) {
    auto configs = admin_.describeTopicConfigs(tv.name, timeout);
    if (!configs.isOk()) continue;
    for (const auto& c : *configs) {
      if (c.source == client::ConfigSource::kTopic && c.value)
        tv.configOverrides[c.name] = *c.value;
    }
  }
  auto listed = admin_.listConsumerGroups(timeout);
  if (listed.isOk() && !listed->empty()) {
    std::vector<std::string> ids;
    for (const auto& g : *listed)
      ids.push_back(g.groupId);
    auto described = admin_.describeConsumerGroups(ids, timeout);
    if (described.isOk()) {
      for (const auto& g : *described) {
        client::GroupView gv;
        gv.groupId = g.groupId;
        gv.state = g.state;
        gv.protocol = g.protocol;
        gv.coordinator = g.coordinatorId;
        gv.generation = g.generationId;
        std::map<client::TopicPartition, std::string> owner;
        for (const auto& m : g.members) {
          gv.members.push_back({m.memberId, m.clientId, m.host, m.assignment});
          for (const auto& tp : m.assignment)
            owner[tp] = m.memberId;
        }
        auto offsets = admin_.listConsumerGroupOffsets(g.groupId, timeout);
        std::set<client::TopicPartition> all;
        if (offsets.isOk()) {
          for (const auto& [tp, om] : *offsets)
            all.insert(tp);
        }
        for (const auto& [tp, m] : owner)
          all.insert(tp);
        for (const auto& tp : all) {
          client::GroupPartitionView pv;
          pv.topicPartition = tp;
          if (offsets.isOk()) {
            if (auto c = offsets->find(tp); c != offsets->end()) {
              pv.committedOffset = c->second.offset;
              if (auto h = hwm.find(tp); h != hwm.end())
                pv.lag = std::max<std::int64_t>(0, h->second - c->second.offset);
            }
          }
          if (auto o = owner.find(tp); o != owner.end()) pv.memberId = o->second;
          gv.partitions.push_back(std::move(pv));
        }
        v.groups.push_back(std::move(gv));
      }
    }
  }
  std::sort(v.groups.begin(), v.groups.end(),
            [](const auto& a, const auto& b) { return a.groupId < b.groupId; });
  return v;
}

std::vector<ClusterChange> RemoteObserver::diff(const ClusterView& before, const ClusterView& after,
                                                const std::set<std::int32_t>& everSeenBrokers) {
  std::vector<ClusterChange> out;
  const std::int64_t now = after.takenAtMs;
  auto add = [&](std::string kind, std::string description) -> ClusterChange& {
    ClusterChange c;
    c.kind = std::move(kind);
    c.timestampMs = now;
    c.description = std::move(description);
    out.push_back(std::move(c));
    return out.back();
  };
  std::set<std::int32_t> was, is;
  for (const auto& b : before.brokers)
    was.insert(b.id);
  for (const auto& b : after.brokers)
    is.insert(b.id);
  for (auto id : was) {
    if (!is.count(id))
      add("broker-died", "broker " + std::to_string(id) + " left the cluster").brokerId = id;
  }
  for (auto id : is) {
    if (was.count(id)) continue;
    const bool back = everSeenBrokers.count(id) > 0;
    add(back ? "broker-restarted" : "broker-added",
        "broker " + std::to_string(id) + (back ? " is back" : " joined the cluster"))
        .brokerId = id;
  }
  std::map<std::string, std::int32_t> topicsBefore, topicsAfter;
  for (const auto& t : before.topics)
    topicsBefore[t.name] = t.partitions;
  for (const auto& t : after.topics)
    topicsAfter[t.name] = t.partitions;
  for (const auto& [name, n] : topicsBefore) {
    if (!topicsAfter.count(name)) add("topic-deleted", "topic " + name + " deleted").topic = name;
  }
  for (const auto& [name, n] : topicsAfter) {
    auto it = topicsBefore.find(name);
    if (it == topicsBefore.end()) {
      add("topic-created", "topic " + name + " created with " + std::to_string(n) + " partitions")
          .topic = name;
    } else if (n > it->second) {
      add("partitions-added", "topic " + name + ": " + std::to_string(it->second) + " → " +
                                  std::to_string(n) + " partitions")
          .topic = name;
    }
  }
  std::map<client::TopicPartition, const client::PartitionView*> old;
  for (const auto& p : before.partitions)
    old[{p.topic, p.partition}] = &p;
  for (const auto& p : after.partitions) {
    auto it = old.find({p.topic, p.partition});
    if (it == old.end()) continue;
    const auto& o = *it->second;
    const bool leaderChanged = o.leader != p.leader;
    const bool isrChanged = sorted(o.isr) != sorted(p.isr);
    if (!leaderChanged && !isrChanged) continue;
    std::string d = "partition " + std::to_string(p.partition) + " of " + p.topic + ": ";
    if (leaderChanged) d += "leader " + std::to_string(o.leader) + " → " + std::to_string(p.leader);
    if (isrChanged)
      d +=
          std::string(leaderChanged ? ", " : "") + "ISR " + setText(o.isr) + " → " + setText(p.isr);
    auto& c = add(leaderChanged ? "leader-changed" : "isr-changed", d);
    c.topic = p.topic;
    c.partition = p.partition;
    c.fromLeader = o.leader;
    c.toLeader = p.leader;
    c.brokerId = p.leader;
  }
  std::map<std::string, const client::GroupView*> groupsBefore;
  for (const auto& g : before.groups)
    groupsBefore[g.groupId] = &g;
  for (const auto& g : after.groups) {
    auto it = groupsBefore.find(g.groupId);
    auto members = [](const client::GroupView& v) {
      std::map<std::string, std::vector<client::TopicPartition>> m;
      for (const auto& mem : v.members)
        m[mem.memberId] = mem.assignment;
      return m;
    };
    if (it != groupsBefore.end() && members(*it->second) == members(g)) continue;
    if (it == groupsBefore.end() && g.members.empty()) continue;
    add("group-rebalanced", "group " + g.groupId + " now has " + std::to_string(g.members.size()) +
                                " members (" + g.state + ")")
        .topic = g.groupId;
  }
  return out;
}

int RemoteObserver::subscribe(ChangeCallback callback) {
  std::lock_guard<std::mutex> lock(mu_);
  const int handle = nextHandle_++;
  subscribers_[handle] = std::move(callback);
  if (!poller_.joinable()) poller_ = std::thread([this] { pollLoop(); });
  return handle;
}

void RemoteObserver::unsubscribe(int handle) {
  std::lock_guard<std::mutex> lock(mu_);
  subscribers_.erase(handle);
}

std::vector<ClusterChange> RemoteObserver::recentChanges() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {history_.begin(), history_.end()};
}

void RemoteObserver::publish(std::vector<ClusterChange> changes) {
  if (changes.empty()) return;
  std::vector<ChangeCallback> callbacks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& c : changes) {
      history_.push_back(c);
      if (history_.size() > kHistory) history_.pop_front();
    }
    for (const auto& [h, cb] : subscribers_)
      callbacks.push_back(cb);
  }
  for (const auto& c : changes) {
    for (const auto& cb : callbacks)
      cb(c);
  }
}

void RemoteObserver::pollLoop() {
  std::optional<ClusterView> previous;
  std::set<std::int32_t> everSeen;
  bool reachable = true;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    Result<ClusterView> v = fetch();
    if (v.isOk()) {
      {
        std::lock_guard<std::mutex> lock(fetchMu_);
        cached_ = *v;
        cachedAt_ = std::chrono::steady_clock::now();
      }
      std::vector<ClusterChange> changes;
      if (!reachable) {
        ClusterChange c;
        c.kind = "connection-restored";
        c.timestampMs = nowMs();
        c.description = "Kafka at " + handle_.health().bootstrap() + " answers again";
        changes.push_back(c);
        reachable = true;
      }
      if (previous) {
        auto more = diff(*previous, *v, everSeen);
        changes.insert(changes.end(), more.begin(), more.end());
      }
      for (const auto& b : v->brokers)
        everSeen.insert(b.id);
      previous = std::move(*v);
      publish(std::move(changes));
    } else if (reachable) {
      reachable = false;
      ClusterChange c;
      c.kind = "connection-lost";
      c.timestampMs = nowMs();
      c.description = v.status().message();
      publish({c});
    }
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_for(lock, interval_, [&] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace runnel::remote
