// Controller: topic administration — create (with Kafka's name, partition, replication-factor
// and config validation), delete, add partitions, alter configs, auto-create.
#include <algorithm>

#include "engine/cluster/broker.h"
#include "engine/cluster/controller.h"
#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {

constexpr std::size_t kMaxTopicNameLength = 249;

ApiError validateTopicName(const std::string& name) {
  if (name.empty()) return {ErrorCode::kInvalidTopicException, "the topic name is empty"};
  if (name == "." || name == "..")
    return {ErrorCode::kInvalidTopicException, "a topic cannot be named '" + name + "'"};
  if (name.size() > kMaxTopicNameLength) {
    return {ErrorCode::kInvalidTopicException, "the topic name is " + std::to_string(name.size()) +
                                                   " characters long; the limit is 249"};
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) {
      return {ErrorCode::kInvalidTopicException,
              "topic name '" + name + "' contains '" + std::string(1, c) +
                  "'; only ASCII letters, digits, '.', '_' and '-' are allowed"};
    }
  }
  return {};
}

std::vector<std::int32_t> sortedAlive(const std::vector<std::int32_t>& replicas,
                                      const std::set<std::int32_t>& alive) {
  std::vector<std::int32_t> out;
  for (std::int32_t r : replicas) {
    if (alive.count(r)) out.push_back(r);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

ApiError Controller::createTopic(const NewTopic& request, bool validateOnly) {
  Effects fx;
  ApiError error;
  {
    MutexLock lock(mu_);
    error = createTopicLocked(request, validateOnly, fx);
    pushLocked(fx);
  }
  finish(fx);
  return error;
}

ApiError Controller::createTopicLocked(const NewTopic& request, bool validateOnly, Effects& fx) {
  if (ApiError e = validateTopicName(request.name); !e.ok()) return e;
  if (topics_.count(request.name)) {
    return {ErrorCode::kTopicAlreadyExists, "topic '" + request.name + "' already exists"};
  }
  auto settings = resolveTopicSettings(config_, request.configs);
  if (!settings.isOk()) return {ErrorCode::kInvalidConfig, settings.status().message()};
  const std::vector<std::int32_t> live = placementBrokersLocked();
  Assignment assignment = request.assignment;
  if (!assignment.empty()) {
    if (request.partitions != -1 || request.replicationFactor != -1) {
      return {ErrorCode::kInvalidRequest,
              "give either an explicit assignment or partitions and replication factor"};
    }
    const std::vector<std::int32_t> known(known_.begin(), known_.end());
    if (ApiError e = validateAssignment(assignment, known); !e.ok()) return e;
  } else {
    const std::int32_t partitions =
        request.partitions == -1 ? config_.numPartitions : request.partitions;
    std::int32_t rf = request.replicationFactor;
    if (rf == -1)
      rf =
          std::min<std::int32_t>(config_.defaultReplicationFactor,
                                 std::max<std::int32_t>(1, static_cast<std::int32_t>(live.size())));
    if (partitions < 1)
      return {ErrorCode::kInvalidPartitions, "the number of partitions must be at least 1"};
    if (rf < 1)
      return {ErrorCode::kInvalidReplicationFactor, "the replication factor must be at least 1"};
    auto placed = placeReplicas({live, partitions, rf, 0, -1, -1}, rng_);
    if (!placed.ok()) return placed.error();
    assignment = std::move(placed).value();
  }
  if (validateOnly) return {};

  TopicRecord topic;
  topic.name = request.name;
  topic.id = Uuid::random();
  topic.partitionCount = static_cast<std::int32_t>(assignment.size());
  topic.replicationFactor = static_cast<std::int16_t>(assignment.front().size());
  topic.configs = request.configs;
  topic.createdMs = clock_.nowMs();
  topic.internal = request.internal;
  std::vector<PartitionRecord> records;
  for (std::size_t i = 0; i < assignment.size(); ++i) {
    PartitionRecord p;
    p.topic = request.name;
    p.partition = static_cast<std::int32_t>(i);
    p.replicas = assignment[i];
    p.isr = sortedAlive(p.replicas, alive_);
    p.leader = kNoLeader;
    for (std::int32_t r : p.replicas) {
      if (alive_.count(r)) {
        p.leader = r;
        break;
      }
    }
    if (p.isr.empty()) p.isr = {p.replicas.front()};
    records.push_back(std::move(p));
  }
  if (Status s = store_.createTopic(topic, records); !s.isOk()) {
    return {ErrorCode::kUnknownServerError,
            "storing topic '" + request.name + "' failed: " + s.toString()};
  }
  topics_[topic.name] = topic;
  settings_[topic.name] = std::move(settings).value();
  for (auto& p : records) {
    for (std::int32_t r : p.replicas) {
      if (alive_.count(r)) fx.pushes[r].push_back(assignmentLocked(p));
    }
    partitions_[TopicPartition{p.topic, p.partition}] = std::move(p);
  }
  refreshExists();
  fx.events.push_back(
      topicCreatedEvent(clock_.nowMs(), topic.name, topic.partitionCount, topic.replicationFactor));
  return {};
}

ApiError Controller::ensureTopic(const std::string& name) {
  {
    MutexLock lock(mu_);
    if (topics_.count(name)) return {};
    if (!config_.autoCreateTopicsEnable) {
      return {ErrorCode::kUnknownTopicOrPartition,
              "topic '" + name + "' does not exist and auto.create.topics.enable is false"};
    }
  }
  NewTopic t;
  t.name = name;
  ApiError e = createTopic(t);
  return e.code == ErrorCode::kTopicAlreadyExists ? ApiError{} : e;
}

ApiError Controller::deleteTopic(const std::string& name) {
  Effects fx;
  {
    MutexLock lock(mu_);
    auto it = topics_.find(name);
    if (it == topics_.end())
      return {ErrorCode::kUnknownTopicOrPartition, "topic '" + name + "' does not exist"};
    if (Status s = store_.deleteTopic(name); !s.isOk()) {
      return {ErrorCode::kUnknownServerError,
              "deleting topic '" + name + "' failed: " + s.toString()};
    }
    std::vector<PartitionRecord> removed;
    for (auto p = partitions_.begin(); p != partitions_.end();) {
      if (p->first.topic == name) {
        removed.push_back(p->second);
        p = partitions_.erase(p);
      } else {
        ++p;
      }
    }
    topics_.erase(it);
    settings_.erase(name);
    refreshExists();
    // Live replicas go now; a dead broker drops its copy when it restarts (stray directory).
    for (const auto& p : removed) {
      for (std::int32_t r : p.replicas) {
        if (Broker* b = alive_.count(r) ? brokers_(r) : nullptr) {
          b->removeReplica(TopicPartition{p.topic, p.partition}, /*deleteData=*/true,
                           fx.completions);
        }
      }
    }
    fx.events.push_back(topicDeletedEvent(clock_.nowMs(), name));
  }
  finish(fx);
  return {};
}

ApiError Controller::createPartitions(const std::string& name, std::int32_t newCount,
                                      bool validateOnly) {
  Effects fx;
  {
    MutexLock lock(mu_);
    auto it = topics_.find(name);
    if (it == topics_.end())
      return {ErrorCode::kUnknownTopicOrPartition, "topic '" + name + "' does not exist"};
    TopicRecord& topic = it->second;
    if (newCount <= topic.partitionCount) {
      return {ErrorCode::kInvalidPartitions,
              "topic '" + name + "' has " + std::to_string(topic.partitionCount) +
                  " partitions; the new count " + std::to_string(newCount) + " must be higher"};
    }
    const std::vector<std::int32_t> live = placementBrokersLocked();
    auto placed = placeReplicas({live, newCount - topic.partitionCount, topic.replicationFactor,
                                 topic.partitionCount, -1, -1},
                                rng_);
    if (!placed.ok()) return placed.error();
    if (validateOnly) return {};
    std::vector<PartitionRecord> added;
    for (std::size_t i = 0; i < placed->size(); ++i) {
      PartitionRecord p;
      p.topic = name;
      p.partition = topic.partitionCount + static_cast<std::int32_t>(i);
      p.replicas = (*placed)[i];
      p.leader = p.replicas.front();
      p.isr = sortedAlive(p.replicas, alive_);
      added.push_back(std::move(p));
    }
    if (Status s = store_.addPartitions(name, added); !s.isOk()) {
      return {ErrorCode::kUnknownServerError,
              "adding partitions to '" + name + "' failed: " + s.toString()};
    }
    const std::int32_t before = topic.partitionCount;
    topic.partitionCount = newCount;
    for (auto& p : added) {
      for (std::int32_t r : p.replicas)
        fx.pushes[r].push_back(assignmentLocked(p));
      partitions_[TopicPartition{p.topic, p.partition}] = std::move(p);
    }
    refreshExists();
    fx.events.push_back(partitionsAddedEvent(clock_.nowMs(), name, before, newCount));
    pushLocked(fx);
  }
  finish(fx);
  return {};
}

ApiError Controller::alterConfigs(const std::string& name,
                                  const std::map<std::string, std::optional<std::string>>& changes,
                                  bool validateOnly) {
  Effects fx;
  {
    MutexLock lock(mu_);
    auto it = topics_.find(name);
    if (it == topics_.end())
      return {ErrorCode::kUnknownTopicOrPartition, "topic '" + name + "' does not exist"};
    std::map<std::string, std::string> configs = it->second.configs;
    std::string summary;
    for (const auto& [key, value] : changes) {
      if (!isTopicConfigKey(key))
        return {ErrorCode::kInvalidConfig, "unknown topic config '" + key + "'"};
      if (value) {
        configs[key] = *value;
      } else {
        configs.erase(key);
      }
      if (!summary.empty()) summary += ", ";
      summary += value ? key + "=" + *value : key + " reset to default";
    }
    auto settings = resolveTopicSettings(config_, configs);
    if (!settings.isOk()) return {ErrorCode::kInvalidConfig, settings.status().message()};
    if (validateOnly) return {};
    for (const auto& [key, value] : changes) {
      if (Status s = store_.setTopicConfig(name, key, value); !s.isOk()) {
        return {ErrorCode::kUnknownServerError,
                "storing config '" + key + "' failed: " + s.toString()};
      }
    }
    it->second.configs = std::move(configs);
    const bool uncleanNow =
        settings->uncleanLeaderElection && !settings_[name].uncleanLeaderElection;
    settings_[name] = *settings;
    std::set<std::int32_t> hosts;
    std::vector<PartitionRecord> offline;
    for (const auto& [tp, p] : partitions_) {
      if (tp.topic != name) continue;
      hosts.insert(p.replicas.begin(), p.replicas.end());
      if (p.leader < 0) offline.push_back(p);
    }
    for (std::int32_t id : hosts) {
      if (Broker* b = alive_.count(id) ? brokers_(id) : nullptr) b->applySettings(name, *settings);
    }
    fx.events.push_back(topicConfigChangedEvent(clock_.nowMs(), name, summary));
    // Enabling unclean election brings offline partitions back at once, as Kafka's controller does.
    if (uncleanNow) {
      std::vector<PartitionRecord> changed;
      for (const auto& p : offline) {
        PartitionRecord q = electLocked(p, kNoLeader, fx);
        if (q.leader >= 0) changed.push_back(std::move(q));
      }
      if (Status s = commitLocked(changed, fx); !s.isOk())
        logger().error("controller: {}", s.toString());
    }
    pushLocked(fx);
  }
  finish(fx);
  return {};
}

}  // namespace runnel::cluster
