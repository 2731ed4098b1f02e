#include "tests/support/in_memory_cluster.h"

#include <algorithm>
#include <atomic>
#include <chrono>

namespace runnel::testing {

using client::ConsumerRecord;
using client::OffsetMap;
using client::TopicPartition;

std::int32_t kafkaMurmur2(ByteView data) {
  const std::uint32_t seed = 0x9747b28c;
  const std::uint32_t m = 0x5bd1e995;
  const int r = 24;
  const std::size_t length = data.size();
  std::uint32_t h = seed ^ static_cast<std::uint32_t>(length);
  const std::size_t length4 = length / 4;
  for (std::size_t i = 0; i < length4; ++i) {
    const std::size_t i4 = i * 4;
    std::uint32_t k = std::uint32_t{data[i4]} | (std::uint32_t{data[i4 + 1]} << 8) |
                      (std::uint32_t{data[i4 + 2]} << 16) | (std::uint32_t{data[i4 + 3]} << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  const std::size_t tail = length & ~std::size_t{3};
  switch (length % 4) {
    case 3:
      h ^= std::uint32_t{data[tail + 2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= std::uint32_t{data[tail + 1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= data[tail];
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

// ---------------------------------------------------------------------------------------------
class InMemoryProducer final : public client::Producer {
 public:
  explicit InMemoryProducer(InMemoryCluster& cluster) : cluster_(cluster) {}

  void send(client::ProducerRecord record, client::SendCallback callback) override {
    Result<client::RecordMetadata> result = Status::aborted("producer closed");
    if (!closed_) {
      MutexLock lock(cluster_.mu_);
      result = cluster_.produceLocked(std::move(record));
    }
    if (callback) callback(result);
  }
  Status flush(std::chrono::milliseconds) override { return Status::ok(); }
  Result<std::int32_t> partitionFor(const std::string& topic,
                                    const std::optional<Bytes>& key) override {
    const std::int32_t n = cluster_.partitionCount(topic);
    if (n <= 0) return Status::notFound("unknown topic " + topic);
    if (!key) return 0;
    return (kafkaMurmur2(*key) & 0x7fffffff) % n;
  }
  Status close(std::chrono::milliseconds) override {
    closed_ = true;
    return Status::ok();
  }

 private:
  InMemoryCluster& cluster_;
  std::atomic<bool> closed_{false};
};

// ---------------------------------------------------------------------------------------------
class InMemoryConsumer final : public client::Consumer {
 public:
  InMemoryConsumer(InMemoryCluster& cluster, client::ConsumerConfig config)
      : cluster_(cluster), config_(std::move(config)) {}
  ~InMemoryConsumer() override { (void)close(); }

  Status subscribe(const std::vector<std::string>& topics,
                   client::RebalanceListener* listener) override {
    if (config_.groupId.empty()) return Status::invalidArgument("subscribe() needs group.id");
    MutexLock lock(cluster_.mu_);
    auto& group = cluster_.groups_[config_.groupId];
    if (memberId_.empty()) memberId_ = "member-" + std::to_string(cluster_.nextMemberId_++);
    group.members[memberId_] = topics;
    ++group.generation;
    subscription_ = topics;
    listener_ = listener;
    generationSeen_ = -1;
    cluster_.appended_.signalAll();
    return Status::ok();
  }
  Status assign(const std::vector<TopicPartition>& partitions) override {
    RUNNEL_RETURN_IF_ERROR(unsubscribe());
    assignment_ = partitions;
    for (auto it = positions_.begin(); it != positions_.end();)
      it = std::count(partitions.begin(), partitions.end(), it->first) ? std::next(it)
                                                                       : positions_.erase(it);
    return Status::ok();
  }
  Status unsubscribe() override {
    if (!memberId_.empty()) {
      MutexLock lock(cluster_.mu_);
      auto& group = cluster_.groups_[config_.groupId];
      group.members.erase(memberId_);
      ++group.generation;
      memberId_.clear();
      cluster_.appended_.signalAll();
    }
    subscription_.clear();
    assignment_.clear();
    positions_.clear();
    return Status::ok();
  }
  std::vector<TopicPartition> assignment() const override { return assignment_; }
  std::vector<std::string> subscription() const override { return subscription_; }

  Result<std::vector<ConsumerRecord>> poll(std::chrono::milliseconds timeout) override {
    if (closed_) return Status::aborted("consumer closed");
    RUNNEL_RETURN_IF_ERROR(rebalanceIfNeeded());
    if (config_.enableAutoCommit && !config_.groupId.empty() && !positions_.empty())
      RUNNEL_RETURN_IF_ERROR(commitSync());
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    MutexLock lock(cluster_.mu_);
    for (;;) {
      if (wakeup_.exchange(false)) return Status::aborted("woken up");
      RUNNEL_RETURN_IF_ERROR(resolvePositionsLocked());
      std::vector<ConsumerRecord> out;
      const std::size_t max = static_cast<std::size_t>(std::max(1, config_.maxPollRecords));
      const std::size_t n = assignment_.size();
      for (std::size_t i = 0; i < n && out.size() < max; ++i) {
        const TopicPartition& tp = assignment_[(nextPartition_ + i) % n];
        if (paused_.count(tp)) continue;
        auto topic = cluster_.topics_.find(tp.topic);
        if (topic == cluster_.topics_.end() ||
            tp.partition >= static_cast<std::int32_t>(topic->second.partitions.size()))
          continue;
        const auto& part = topic->second.partitions[static_cast<std::size_t>(tp.partition)];
        std::int64_t& pos = positions_[tp];
        pos = std::max(pos, part.logStart);
        while (pos < part.endOffset() && out.size() < max)
          out.push_back(part.records[static_cast<std::size_t>(pos++ - part.logStart)]);
      }
      if (n) nextPartition_ = (nextPartition_ + 1) % n;
      if (!out.empty() || std::chrono::steady_clock::now() >= deadline) return out;
      cluster_.appended_.waitFor(cluster_.mu_, deadline - std::chrono::steady_clock::now());
    }
  }

  Status seek(const TopicPartition& partition, std::int64_t offset) override {
    positions_[partition] = offset;
    return Status::ok();
  }
  Status seekToBeginning(const std::vector<TopicPartition>& partitions) override {
    MutexLock lock(cluster_.mu_);
    for (const auto& tp : partitions)
      positions_[tp] = partitionLocked(tp) ? partitionLocked(tp)->logStart : 0;
    return Status::ok();
  }
  Status seekToEnd(const std::vector<TopicPartition>& partitions) override {
    MutexLock lock(cluster_.mu_);
    for (const auto& tp : partitions)
      positions_[tp] = partitionLocked(tp) ? partitionLocked(tp)->endOffset() : 0;
    return Status::ok();
  }
  Result<std::map<TopicPartition, std::optional<std::int64_t>>> offsetsForTimes(
      const std::map<TopicPartition, std::int64_t>& timestamps,
      std::chrono::milliseconds) override {
    MutexLock lock(cluster_.mu_);
    std::map<TopicPartition, std::optional<std::int64_t>> out;
    for (const auto& [tp, ts] : timestamps) {
      out[tp] = std::nullopt;
      if (const auto* part = partitionLocked(tp)) {
        for (const auto& r : part->records) {
          if (r.timestampMs >= ts) {
            out[tp] = r.offset;
            break;
          }
        }
      }
    }
    return out;
  }
  Result<std::int64_t> position(const TopicPartition& partition) override {
    MutexLock lock(cluster_.mu_);
    RUNNEL_RETURN_IF_ERROR(resolvePositionsLocked());
    auto it = positions_.find(partition);
    if (it == positions_.end())
      return Status::invalidArgument("partition not assigned: " + partition.toString());
    return it->second;
  }
  Result<std::pair<std::int64_t, std::int64_t>> watermarks(const TopicPartition& partition,
                                                           std::chrono::milliseconds) override {
    MutexLock lock(cluster_.mu_);
    const auto* part = partitionLocked(partition);
    if (!part) return Status::notFound("unknown partition " + partition.toString());
    return std::make_pair(part->logStart, part->endOffset());
  }
  Status commitSync(const std::optional<OffsetMap>& offsets = std::nullopt,
                    std::chrono::milliseconds = std::chrono::seconds(30)) override {
    if (config_.groupId.empty()) return Status::invalidArgument("commitSync() needs group.id");
    MutexLock lock(cluster_.mu_);
    auto& group = cluster_.groups_[config_.groupId];
    if (offsets) {
      for (const auto& [tp, o] : *offsets)
        group.committed[tp] = o;
    } else {
      for (const auto& [tp, pos] : positions_)
        group.committed[tp] = {pos, "", -1};
    }
    return Status::ok();
  }
  Result<OffsetMap> committed(const std::vector<TopicPartition>& partitions,
                              std::chrono::milliseconds) override {
    MutexLock lock(cluster_.mu_);
    OffsetMap out;
    auto group = cluster_.groups_.find(config_.groupId);
    if (group == cluster_.groups_.end()) return out;
    for (const auto& tp : partitions) {
      auto it = group->second.committed.find(tp);
      if (it != group->second.committed.end()) out[tp] = it->second;
    }
    return out;
  }
  Status pause(const std::vector<TopicPartition>& partitions) override {
    paused_.insert(partitions.begin(), partitions.end());
    return Status::ok();
  }
  Status resume(const std::vector<TopicPartition>& partitions) override {
    for (const auto& tp : partitions)
      paused_.erase(tp);
    return Status::ok();
  }
  client::ConsumerGroupMetadata groupMetadata() const override {
    return {config_.groupId, generationSeen_, memberId_, std::nullopt};
  }
  void wakeup() override {
    wakeup_ = true;
    MutexLock lock(cluster_.mu_);
    cluster_.appended_.signalAll();
  }
  Status close() override {
    if (closed_) return Status::ok();
    if (config_.enableAutoCommit && !config_.groupId.empty() && !positions_.empty())
      (void)commitSync();
    closed_ = true;
    return unsubscribe();
  }

 private:
  const InMemoryCluster::Partition* partitionLocked(const TopicPartition& tp) const
      REQUIRES(cluster_.mu_) {
    auto it = cluster_.topics_.find(tp.topic);
    if (it == cluster_.topics_.end() || tp.partition < 0 ||
        tp.partition >= static_cast<std::int32_t>(it->second.partitions.size()))
      return nullptr;
    return &it->second.partitions[static_cast<std::size_t>(tp.partition)];
  }

  // Gives every assigned partition without a position one: the group's committed offset, else
  // auto.offset.reset.
  Status resolvePositionsLocked() REQUIRES(cluster_.mu_) {
    for (const auto& tp : assignment_) {
      if (positions_.count(tp)) continue;
      if (!config_.groupId.empty()) {
        auto& group = cluster_.groups_[config_.groupId];
        auto it = group.committed.find(tp);
        if (it != group.committed.end()) {
          positions_[tp] = it->second.offset;
          continue;
        }
      }
      const auto* part = partitionLocked(tp);
      switch (config_.autoOffsetReset) {
        case client::OffsetReset::kEarliest:
          positions_[tp] = part ? part->logStart : 0;
          break;
        case client::OffsetReset::kLatest:
          positions_[tp] = part ? part->endOffset() : 0;
          break;
        case client::OffsetReset::kNone:
          return Status::outOfRange("no committed offset for " + tp.toString() +
                                    " and auto.offset.reset=none");
      }
    }
    return Status::ok();
  }

  Status rebalanceIfNeeded() {
    if (memberId_.empty()) return Status::ok();
    std::vector<TopicPartition> next;
    {
      MutexLock lock(cluster_.mu_);
      auto& group = cluster_.groups_[config_.groupId];
      if (group.generation == generationSeen_ && cluster_.topicVersion_ == topicVersionSeen_)
        return Status::ok();
      generationSeen_ = group.generation;
      topicVersionSeen_ = cluster_.topicVersion_;
      next = cluster_.groupAssignmentLocked(group, memberId_);
    }
    if (next == assignment_) return Status::ok();
    std::vector<TopicPartition> revoked;
    for (const auto& tp : assignment_)
      if (!std::count(next.begin(), next.end(), tp)) revoked.push_back(tp);
    if (!revoked.empty() && config_.enableAutoCommit) RUNNEL_RETURN_IF_ERROR(commitSync());
    if (listener_ && !revoked.empty()) listener_->onPartitionsRevoked(revoked);
    for (const auto& tp : revoked)
      positions_.erase(tp);
    std::vector<TopicPartition> added;
    for (const auto& tp : next)
      if (!std::count(assignment_.begin(), assignment_.end(), tp)) added.push_back(tp);
    assignment_ = next;
    if (listener_) listener_->onPartitionsAssigned(added);
    return Status::ok();
  }

  InMemoryCluster& cluster_;
  const client::ConsumerConfig config_;
  std::vector<std::string> subscription_;
  client::RebalanceListener* listener_ = nullptr;
  std::string memberId_;
  std::int32_t generationSeen_ = -1;
  std::int64_t topicVersionSeen_ = -1;
  std::vector<TopicPartition> assignment_;
  std::map<TopicPartition, std::int64_t> positions_;
  std::set<TopicPartition> paused_;
  std::size_t nextPartition_ = 0;
  std::atomic<bool> wakeup_{false};
  bool closed_ = false;
};

// ---------------------------------------------------------------------------------------------
class InMemoryAdmin final : public client::Admin {
 public:
  explicit InMemoryAdmin(InMemoryCluster& cluster) : c_(cluster) {}

  Result<client::ClusterDescription> describeCluster(client::Timeout) override {
    client::ClusterDescription d;
    d.clusterId = "in-memory";
    d.controllerId = 0;
    d.brokers.push_back({0, "in-memory", 0, std::nullopt, true});
    return d;
  }
  Status createTopic(const client::NewTopic& topic, client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::int32_t n = topic.partitions;
    if (!topic.replicaAssignment.empty())
      n = static_cast<std::int32_t>(topic.replicaAssignment.size());
    RUNNEL_RETURN_IF_ERROR(c_.createTopicLocked(topic.name, n < 0 ? c_.defaultPartitions_ : n));
    c_.topics_[topic.name].configs = topic.configs;
    return Status::ok();
  }
  Status deleteTopic(const std::string& name, client::Timeout) override {
    MutexLock lock(c_.mu_);
    if (!c_.topics_.erase(name)) return Status::notFound("unknown topic " + name);
    ++c_.topicVersion_;
    c_.appended_.signalAll();
    return Status::ok();
  }
  Status createPartitions(const std::string& topic, std::int32_t totalCount,
                          client::Timeout) override {
    MutexLock lock(c_.mu_);
    auto it = c_.topics_.find(topic);
    if (it == c_.topics_.end()) return Status::notFound("unknown topic " + topic);
    if (totalCount <= static_cast<std::int32_t>(it->second.partitions.size()))
      return Status::invalidArgument("partition count can only grow");
    it->second.partitions.resize(static_cast<std::size_t>(totalCount));
    ++c_.topicVersion_;
    return Status::ok();
  }
  Result<std::vector<std::string>> listTopics(bool includeInternal, client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::vector<std::string> out;
    for (const auto& [name, t] : c_.topics_)
      if (includeInternal || name.empty() || name[0] != '_') out.push_back(name);
    return out;
  }
  Result<std::vector<client::TopicDescription>> describeTopics(
      const std::vector<std::string>& names, client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::vector<client::TopicDescription> out;
    for (const auto& name : names) {
      auto it = c_.topics_.find(name);
      if (it == c_.topics_.end()) return Status::notFound("unknown topic " + name);
      client::TopicDescription d;
      d.name = name;
      d.internal = !name.empty() && name[0] == '_';
      for (std::size_t p = 0; p < it->second.partitions.size(); ++p)
        d.partitions.push_back({static_cast<std::int32_t>(p), 0, 0, {0}, {0}, {}});
      out.push_back(std::move(d));
    }
    return out;
  }
  Result<std::vector<client::ConfigEntry>> describeTopicConfigs(const std::string& topic,
                                                                client::Timeout) override {
    MutexLock lock(c_.mu_);
    auto it = c_.topics_.find(topic);
    if (it == c_.topics_.end()) return Status::notFound("unknown topic " + topic);
    std::vector<client::ConfigEntry> out;
    for (const auto& [k, v] : it->second.configs)
      out.push_back({k, v, client::ConfigSource::kTopic});
    return out;
  }
  Status alterTopicConfigs(const std::string& topic,
                           const std::vector<client::AlterConfig>& changes,
                           client::Timeout) override {
    MutexLock lock(c_.mu_);
    auto it = c_.topics_.find(topic);
    if (it == c_.topics_.end()) return Status::notFound("unknown topic " + topic);
    for (const auto& ch : changes) {
      if (ch.op == client::AlterConfigOp::kDelete || !ch.value)
        it->second.configs.erase(ch.name);
      else
        it->second.configs[ch.name] = *ch.value;
    }
    return Status::ok();
  }
  Result<std::map<TopicPartition, client::ListedOffset>> listOffsets(
      const std::map<TopicPartition, client::OffsetSpec>& specs, client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::map<TopicPartition, client::ListedOffset> out;
    for (const auto& [tp, spec] : specs) {
      auto it = c_.topics_.find(tp.topic);
      if (it == c_.topics_.end() ||
          tp.partition >= static_cast<std::int32_t>(it->second.partitions.size()))
        return Status::notFound("unknown partition " + tp.toString());
      const auto& part = it->second.partitions[static_cast<std::size_t>(tp.partition)];
      client::ListedOffset lo;
      switch (spec.kind) {
        case client::OffsetSpec::Kind::kEarliest:
          lo.offset = part.logStart;
          break;
        case client::OffsetSpec::Kind::kLatest:
          lo.offset = part.endOffset();
          break;
        case client::OffsetSpec::Kind::kTimestamp:
          for (const auto& r : part.records)
            if (r.timestampMs >= spec.timestampMs) {
              lo = {r.offset, r.timestampMs, 0};
              break;
            }
          break;
        case client::OffsetSpec::Kind::kMaxTimestamp:
          for (const auto& r : part.records)
            if (r.timestampMs >= lo.timestampMs) lo = {r.offset, r.timestampMs, 0};
          break;
      }
      out[tp] = lo;
    }
    return out;
  }
  Status deleteRecords(const std::map<TopicPartition, std::int64_t>& before,
                       client::Timeout) override {
    MutexLock lock(c_.mu_);
    for (const auto& [tp, offset] : before) {
      auto it = c_.topics_.find(tp.topic);
      if (it == c_.topics_.end()) return Status::notFound("unknown topic " + tp.topic);
      auto& part = it->second.partitions.at(static_cast<std::size_t>(tp.partition));
      const std::int64_t target = std::min(offset, part.endOffset());
      if (target <= part.logStart) continue;
      part.records.erase(part.records.begin(), part.records.begin() + (target - part.logStart));
      part.logStart = target;
    }
    return Status::ok();
  }
  Result<std::vector<client::GroupListing>> listConsumerGroups(client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::vector<client::GroupListing> out;
    for (const auto& [id, g] : c_.groups_)
      out.push_back({id, "consumer", g.members.empty() ? "Empty" : "Stable"});
    return out;
  }
  Result<std::vector<client::GroupDescription>> describeConsumerGroups(
      const std::vector<std::string>& ids, client::Timeout) override {
    MutexLock lock(c_.mu_);
    std::vector<client::GroupDescription> out;
    for (const auto& id : ids) {
      client::GroupDescription d;
      d.groupId = id;
      auto it = c_.groups_.find(id);
      d.state = it == c_.groups_.end() ? "Dead" : it->second.members.empty() ? "Empty" : "Stable";
      if (it != c_.groups_.end()) {
        d.generationId = it->second.generation;
        for (const auto& [member, topics] : it->second.members)
          d.members.push_back(
              {member, std::nullopt, "", "", c_.groupAssignmentLocked(it->second, member)});
      }
      out.push_back(std::move(d));
    }
    return out;
  }
  Result<OffsetMap> listConsumerGroupOffsets(const std::string& groupId, client::Timeout) override {
    MutexLock lock(c_.mu_);
    auto it = c_.groups_.find(groupId);
    if (it == c_.groups_.end()) return OffsetMap{};
    return it->second.committed;
  }
  Status alterConsumerGroupOffsets(const std::string& groupId, const OffsetMap& offsets,
                                   client::Timeout) override {
    MutexLock lock(c_.mu_);
    auto& g = c_.groups_[groupId];
    if (!g.members.empty())
      return Status::invalidArgument("group " + groupId + " has active members");
    for (const auto& [tp, o] : offsets)
      g.committed[tp] = o;
    return Status::ok();
  }
  Status deleteConsumerGroup(const std::string& groupId, client::Timeout) override {
    MutexLock lock(c_.mu_);
    if (!c_.groups_.erase(groupId)) return Status::notFound("unknown group " + groupId);
    return Status::ok();
  }
  Status electPreferredLeaders(const std::vector<TopicPartition>&, client::Timeout) override {
    return Status::notSupported("the in-memory cluster has one broker");
  }
  Status reassignPartition(const TopicPartition&, const std::vector<std::int32_t>&,
                           client::Timeout) override {
    return Status::notSupported("the in-memory cluster has one broker");
  }

 private:
  InMemoryCluster& c_;
};

// ---------------------------------------------------------------------------------------------
class InMemoryObserver final : public client::ClusterObserver {
 public:
  explicit InMemoryObserver(InMemoryCluster& cluster) : c_(cluster) {}

  Result<client::ClusterView> view() override {
    MutexLock lock(c_.mu_);
    client::ClusterView v;
    v.clusterId = "in-memory";
    v.takenAtMs = c_.clock_->nowMs();
    v.controllerId = 0;
    v.brokers.push_back({0, "in-memory", 0, true, true});
    for (const auto& [name, topic] : c_.topics_) {
      const auto n = static_cast<std::int32_t>(topic.partitions.size());
      v.topics.push_back({name, name, n, 1, !name.empty() && name[0] == '_', topic.configs});
      for (std::int32_t p = 0; p < n; ++p) {
        const auto& part = topic.partitions[static_cast<std::size_t>(p)];
        client::PartitionView pv;
        pv.topic = name;
        pv.partition = p;
        pv.leader = 0;
        pv.replicas = pv.isr = {0};
        pv.logStartOffset = part.logStart;
        pv.highWatermark = pv.logEndOffset = part.endOffset();
        v.partitions.push_back(std::move(pv));
      }
    }
    return v;
  }
  int subscribe(ChangeCallback) override { return 0; }
  void unsubscribe(int) override {}
  std::vector<client::ClusterChange> recentChanges() const override { return {}; }

 private:
  InMemoryCluster& c_;
};

// ---------------------------------------------------------------------------------------------
InMemoryCluster::InMemoryCluster(Clock* clock, std::int32_t defaultPartitions)
    : clock_(clock),
      defaultPartitions_(defaultPartitions),
      admin_(std::make_unique<InMemoryAdmin>(*this)),
      observer_(std::make_unique<InMemoryObserver>(*this)) {}

client::ClusterObserver& InMemoryCluster::observer() {
  return *observer_;
}

InMemoryCluster::~InMemoryCluster() = default;

Result<std::unique_ptr<client::Producer>> InMemoryCluster::createProducer(
    const client::ProducerConfig&) {
  return std::unique_ptr<client::Producer>(std::make_unique<InMemoryProducer>(*this));
}

Result<std::unique_ptr<client::Consumer>> InMemoryCluster::createConsumer(
    const client::ConsumerConfig& config) {
  return std::unique_ptr<client::Consumer>(std::make_unique<InMemoryConsumer>(*this, config));
}

client::Admin& InMemoryCluster::admin() {
  return *admin_;
}

Status InMemoryCluster::createTopic(const std::string& name, std::int32_t partitions) {
  MutexLock lock(mu_);
  return createTopicLocked(name, partitions);
}

Status InMemoryCluster::createTopicLocked(const std::string& name, std::int32_t partitions) {
  if (name.empty()) return Status::invalidArgument("topic name is empty");
  if (partitions <= 0) return Status::invalidArgument("a topic needs at least one partition");
  if (topics_.count(name)) return Status::alreadyExists("topic " + name + " already exists");
  topics_[name].partitions.resize(static_cast<std::size_t>(partitions));
  ++topicVersion_;
  appended_.signalAll();
  return Status::ok();
}

bool InMemoryCluster::hasTopic(const std::string& name) const {
  MutexLock lock(mu_);
  return topics_.count(name) > 0;
}

std::int32_t InMemoryCluster::partitionCount(const std::string& topic) const {
  MutexLock lock(mu_);
  auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : static_cast<std::int32_t>(it->second.partitions.size());
}

Result<std::int64_t> InMemoryCluster::append(const std::string& topic, std::int32_t partition,
                                             std::optional<Bytes> key, std::optional<Bytes> value,
                                             std::int64_t timestampMs) {
  client::ProducerRecord r;
  r.topic = topic;
  r.partition = partition;
  r.key = std::move(key);
  r.value = std::move(value);
  r.timestampMs = timestampMs;
  MutexLock lock(mu_);
  RUNNEL_ASSIGN_OR_RETURN(client::RecordMetadata md, produceLocked(std::move(r)));
  return md.offset;
}

Result<client::RecordMetadata> InMemoryCluster::produceLocked(client::ProducerRecord record) {
  auto it = topics_.find(record.topic);
  if (it == topics_.end()) return Status::notFound("unknown topic " + record.topic);
  Topic& topic = it->second;
  const auto n = static_cast<std::int32_t>(topic.partitions.size());
  std::int32_t p = 0;
  if (record.partition) {
    p = *record.partition;
    if (p < 0 || p >= n)
      return Status::invalidArgument("no partition " + std::to_string(p) + " in " + record.topic);
  } else if (record.key) {
    p = (kafkaMurmur2(*record.key) & 0x7fffffff) % n;
  } else {
    p = topic.nextRoundRobin++ % n;
  }
  Partition& part = topic.partitions[static_cast<std::size_t>(p)];
  ConsumerRecord r;
  r.topicPartition = {record.topic, p};
  r.offset = part.endOffset();
  r.timestampMs = record.timestampMs.value_or(clock_->nowMs());
  r.key = std::move(record.key);
  r.value = std::move(record.value);
  r.headers = std::move(record.headers);
  part.records.push_back(r);
  appended_.signalAll();
  return client::RecordMetadata{r.topicPartition, r.offset, r.timestampMs};
}

std::vector<TopicPartition> InMemoryCluster::groupAssignmentLocked(
    const Group& group, const std::string& memberId) const {
  std::set<std::string> topics;
  for (const auto& [m, subscribed] : group.members)
    topics.insert(subscribed.begin(), subscribed.end());
  std::vector<TopicPartition> out;
  for (const auto& topic : topics) {
    auto it = topics_.find(topic);
    if (it == topics_.end()) continue;
    std::vector<std::string> members;
    for (const auto& [m, subscribed] : group.members)
      if (std::count(subscribed.begin(), subscribed.end(), topic)) members.push_back(m);
    for (std::size_t p = 0; p < it->second.partitions.size(); ++p)
      if (members[p % members.size()] == memberId)
        out.push_back({topic, static_cast<std::int32_t>(p)});
  }
  return out;
}

std::vector<ConsumerRecord> InMemoryCluster::records(const std::string& topic) const {
  MutexLock lock(mu_);
  std::vector<ConsumerRecord> out;
  auto it = topics_.find(topic);
  if (it == topics_.end()) return out;
  for (const auto& part : it->second.partitions)
    out.insert(out.end(), part.records.begin(), part.records.end());
  return out;
}

}  // namespace runnel::testing
